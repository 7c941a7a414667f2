using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MetaEventsTests
{
    [Fact]
    public void SetTempoEvent_600000Microseconds_Is100QuarterNotesPerMinute() =>
        Assert.Equal(100.0, new SetTempoEvent(600_000).QuarterNotesPerMinute, 9);

    [Fact]
    public void SetTempoEvent_Zero_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new SetTempoEvent(0));

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 3)]
    [InlineData(4, 256)]
    public void TimeSignatureEvent_InvalidNumeratorOrDenominator_Throws(int numerator, int denominator) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeSignatureEvent(numerator, denominator));

    [Fact]
    public void KeySignatureEvent_EightSharps_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new KeySignatureEvent(8, false));

    [Fact]
    public void MetaType_EachEvent_IsTheStandardsTypeByte()
    {
        Assert.Equal(0x03, new SequenceTrackNameEvent("x").MetaType);
        Assert.Equal(0x2F, new EndOfTrackEvent().MetaType);
        Assert.Equal(0x51, new SetTempoEvent(1).MetaType);
        Assert.Equal(0x58, new TimeSignatureEvent(4, 4).MetaType);
        Assert.Equal(0x59, new KeySignatureEvent(0, false).MetaType);
        Assert.Equal(0x7F, new SequencerSpecificEvent([]).MetaType);
        Assert.Equal(0x42, new UnknownMetaEvent(0x42, []).MetaType);
    }

    [Fact]
    public void TextEvents_SameTextDifferentType_AreNotEqual() =>
        Assert.NotEqual<MidiEvent>(new TextEvent("x"), new LyricEvent("x"));
}
