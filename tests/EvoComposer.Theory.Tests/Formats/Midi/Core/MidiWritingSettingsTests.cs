using System.Text;
using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiWritingSettingsTests
{
    [Fact]
    public void Default_UsesRunningStatusKeepsNoteOffsAndLatin1()
    {
        var s = MidiWritingSettings.Default;
        Assert.True(s.UseRunningStatus);
        Assert.False(s.NoteOffAsSilentNoteOn);
        Assert.Equal(Encoding.Latin1, s.TextEncoding);
    }

    [Fact]
    public void TextEncoding_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => MidiWritingSettings.Default with { TextEncoding = null! });
}
