using System.Text;
using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiReadingSettingsTests
{
    [Fact]
    public void Default_AbortsOnDamageAndToleratesHarmlessDeviations()
    {
        var s = MidiReadingSettings.Default;
        Assert.Equal(NoHeaderChunkPolicy.Abort, s.NoHeaderChunkPolicy);
        Assert.Equal(InvalidChunkSizePolicy.Abort, s.InvalidChunkSizePolicy);
        Assert.Equal(NotEnoughBytesPolicy.Abort, s.NotEnoughBytesPolicy);
        Assert.Equal(InvalidChannelEventParameterValuePolicy.Abort, s.InvalidChannelEventParameterValuePolicy);
        Assert.Equal(InvalidMetaEventParameterValuePolicy.Abort, s.InvalidMetaEventParameterValuePolicy);
        Assert.Equal(UnknownFileFormatPolicy.Abort, s.UnknownFileFormatPolicy);
        Assert.Equal(UnknownChunkPolicy.ReadAsUnknownChunk, s.UnknownChunkPolicy);
        Assert.Equal(MissingEndOfTrackPolicy.Ignore, s.MissingEndOfTrackPolicy);
        Assert.Equal(UnexpectedTrackChunksCountPolicy.Ignore, s.UnexpectedTrackChunksCountPolicy);
        Assert.Equal(Encoding.Latin1, s.TextEncoding);
    }

    [Fact]
    public void TextEncoding_Utf8_DecodesTrackNames()
    {
        byte[] name = Encoding.UTF8.GetBytes("Sopran ü");
        byte[] file = SmfBytes.File([0x00, 0xFF, 0x03, (byte)name.Length, .. name]);
        var read = MidiFileReader.Read(file, MidiReadingSettings.Default with { TextEncoding = Encoding.UTF8 });
        Assert.Equal(new SequenceTrackNameEvent("Sopran ü"), read.TrackChunks[0].Events[0]);
        Assert.NotEqual(new SequenceTrackNameEvent("Sopran ü"), MidiFileReader.Read(file).TrackChunks[0].Events[0]);
    }
}
