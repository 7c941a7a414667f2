using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiFormatExceptionsTests
{
    [Fact]
    public void Message_WithTrack_NamesFileByteOffsetInHexAndTrack()
    {
        var e = new InvalidRunningStatusException("a.mid", 0x1A4, 2, 0x3C);
        Assert.Equal("a.mid: byte 0x1A4, track 2: data byte 0x3C with no running status in effect", e.Message);
        Assert.Equal("byte 0x1A4, track 2", e.Location);
        Assert.Equal((0x1A4L, 2), (e.ByteOffset, e.TrackIndex));
    }

    [Fact]
    public void Message_OutsideTracks_OmitsTrack()
    {
        ScoreFormatException e = new UnexpectedTrackChunksCountException(null, 10, 3, 1);
        Assert.Equal("byte 0xA: header announces 3 track chunks but the file has 1", e.Message);
    }
}
