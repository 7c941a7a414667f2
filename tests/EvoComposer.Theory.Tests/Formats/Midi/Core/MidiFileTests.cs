using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiFileTests
{
    [Fact]
    public void TrackChunks_MixedChunks_AreTheTrackChunksInOrder()
    {
        MidiTrackChunk a = new([new TextEvent("a")]), b = new([new TextEvent("b")]);
        var file = new MidiFile(MidiFileFormat.MultiTrack, new TicksPerQuarterNoteTimeDivision(96), [a, new UnknownChunk("XXXX", []), b]);
        Assert.Equal([a, b], file.TrackChunks.ToArray());
        Assert.Equal(3, file.Chunks.Length);
    }

    [Fact]
    public void Constructor_UnknownFormat_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MidiFile((MidiFileFormat)3, new TicksPerQuarterNoteTimeDivision(96), []));
}
