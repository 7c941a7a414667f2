using System.Collections.Immutable;
using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class SysExEventsTests
{
    [Fact]
    public void Read_NormalAndEscapeSysEx_KeepTheirBytesAndKind()
    {
        var events = MidiFileReader.Read(SmfBytes.File(0x00, 0xF0, 0x03, 0x43, 0x12, 0xF7, 0x00, 0xF7, 0x02, 0xF3, 0x01)).TrackChunks[0].Events;
        Assert.Equal(new NormalSysExEvent([0x43, 0x12, 0xF7]), events[0]);
        Assert.Equal(new EscapeSysExEvent([0xF3, 0x01]), events[1]);
    }

    [Fact]
    public void Constructor_DefaultArray_IsEmpty() => Assert.Empty(new NormalSysExEvent(default(ImmutableArray<byte>)).Data);
}
