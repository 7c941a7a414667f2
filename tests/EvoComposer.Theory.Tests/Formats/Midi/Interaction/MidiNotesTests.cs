using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Formats.Midi.Interaction;

namespace EvoComposer.Theory.Tests.Formats.Midi.Interaction;

public class MidiNotesTests
{
    private static MidiTrackChunk Track(params (long Time, MidiEvent Event)[] events) =>
        TimedEvents.ToTrackChunk(events.Select(e => new TimedEvent(e.Time, e.Event)));

    // Key 60 struck at 0 and again at 10 before release; released at 20 and 30.
    private static readonly MidiTrackChunk Overlapping = Track(
        (0, new NoteOnEvent(0, 60, 90)), (10, new NoteOnEvent(0, 60, 70)), (20, new NoteOffEvent(0, 60, 1)), (30, new NoteOffEvent(0, 60, 2)));

    [Fact]
    public void GetNotes_OverlapFirstInFirstOut_FirstOffEndsFirstNote() =>
        Assert.Equal([new MidiNote(0, 60, 90, 1, 0, 20), new MidiNote(0, 60, 70, 2, 10, 20)], Overlapping.GetNotes());

    [Fact]
    public void GetNotes_OverlapLastInFirstOut_FirstOffEndsLatestNote() =>
        Assert.Equal([new MidiNote(0, 60, 90, 2, 0, 30), new MidiNote(0, 60, 70, 1, 10, 10)], Overlapping.GetNotes(OverlappingNotesPolicy.LastInFirstOut));

    [Fact]
    public void GetNotes_OverlapEndPreviousAtNewStart_RestrikeEndsFirstAndExtraOffIsIgnored() =>
        Assert.Equal([new MidiNote(0, 60, 90, 0, 0, 10), new MidiNote(0, 60, 70, 1, 10, 10)], Overlapping.GetNotes(OverlappingNotesPolicy.EndPreviousAtNewStart));

    [Fact]
    public void GetNotes_NoteOnVelocityZero_EndsTheNote() =>
        Assert.Equal([new MidiNote(3, 64, 50, 0, 5, 7)], Track((5, new NoteOnEvent(3, 64, 50)), (12, new NoteOnEvent(3, 64, 0))).GetNotes());

    [Fact]
    public void GetNotes_SameKeyOnOtherChannel_IsAnotherNote() =>
        Assert.Equal([new MidiNote(0, 60, 90, 0, 0, 10), new MidiNote(1, 60, 90, 0, 0, 20)],
            Track((0, new NoteOnEvent(0, 60, 90)), (0, new NoteOnEvent(1, 60, 90)), (10, new NoteOffEvent(0, 60, 0)), (20, new NoteOffEvent(1, 60, 0))).GetNotes());

    [Fact]
    public void GetNotes_UnterminatedNote_EndsAtTrackEnd()
    {
        var track = Track((4, new NoteOnEvent(0, 60, 90)), (100, new TextEvent("end")));
        Assert.Equal([new MidiNote(0, 60, 90, 0, 4, 96)], track.GetNotes());
    }

    [Fact]
    public void GetNotes_NoteOffWithoutNote_IsIgnored() =>
        Assert.Empty(Track((4, new NoteOffEvent(0, 60, 0))).GetNotes());

    [Fact]
    public void ToTrackChunk_RepeatedAndZeroLengthNotes_ReadBackTheSame()
    {
        MidiNote[] notes = [new(0, 60, 80, 0, 0, 10), new(0, 60, 80, 0, 10, 10), new(0, 62, 80, 0, 20, 0), new(0, 64, 80, 0, 20, 5)];
        Assert.Equal(notes, MidiNotes.ToTrackChunk(notes).GetNotes());
    }
}
