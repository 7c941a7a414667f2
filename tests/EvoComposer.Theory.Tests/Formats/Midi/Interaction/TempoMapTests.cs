using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Formats.Midi.Interaction;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Formats.Midi.Interaction;

public class TempoMapTests
{
    private static readonly TicksPerQuarterNoteTimeDivision Division = new(480);

    [Fact]
    public void ToSeconds_NoTempoEvents_Uses120QuarterNotesPerMinute() =>
        Assert.Equal(1.0, TempoMap.Create(Division, []).ToSeconds(960), 9);

    [Fact]
    public void ToSeconds_TempoChange_AddsEachSegment()
    {
        // 1 s per quarter for the first two quarters, then 0.25 s per quarter.
        var map = TempoMap.Create(Division, [(0, 1_000_000), (960, 250_000)]);
        Assert.Equal(2.0, map.ToSeconds(960), 9);
        Assert.Equal(2.5, map.ToSeconds(960 + 960), 9);
        Assert.Equal(250_000, map.MicrosecondsPerQuarterNoteAt(5000));
        Assert.Equal(1_000_000, map.MicrosecondsPerQuarterNoteAt(959));
    }

    [Fact]
    public void FromFile_SetTempoInAnyTrack_IsFollowed()
    {
        var file = new MidiFile(MidiFileFormat.MultiTrack, Division,
            [new MidiTrackChunk([new EndOfTrackEvent()]), new MidiTrackChunk([new SetTempoEvent(1_000_000) { DeltaTime = 480 }])]);
        var map = TempoMap.FromFile(file);
        Assert.Equal(0.5 + 1.0, map.ToSeconds(960), 9);
        Assert.Equal(2, map.Changes.Count);
    }

    [Fact]
    public void ToSeconds_SmpteDivision_CountsFramesAndTicks() =>
        Assert.Equal(1.0, TempoMap.Create(new SmpteTimeDivision(25, 40), []).ToSeconds(1000), 9);

    [Fact]
    public void ToTicks_AfterToMicroseconds_GivesTheSameTick()
    {
        var map = TempoMap.Create(Division, [(0, 600_000), (1000, 450_000), (5000, 1_200_000)]);
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), tick => map.ToTicks(map.ToMicroseconds(tick)) == tick));
    }
}
