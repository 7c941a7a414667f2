using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiChunksTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("abcde")]
    [InlineData("ab\u0100c")]
    public void UnknownChunk_IdNotFourBytes_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => new UnknownChunk(id, []));

    [Fact]
    public void MidiTrackChunk_Equality_ComparesEvents()
    {
        Assert.Equal(new MidiTrackChunk([new TextEvent("a")]), new MidiTrackChunk([new TextEvent("a")]));
        Assert.NotEqual(new MidiTrackChunk([new TextEvent("a")]), new MidiTrackChunk([new TextEvent("b")]));
    }
}
