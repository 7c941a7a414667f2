using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class ChannelEventsTests
{
    [Theory]
    [InlineData(16, 60, 64)]
    [InlineData(-1, 60, 64)]
    [InlineData(0, 128, 64)]
    [InlineData(0, 60, 128)]
    public void NoteOnEvent_ValueOutOfRange_Throws(int channel, int note, int velocity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoteOnEvent(channel, note, velocity));

    [Fact]
    public void PitchBendEvent_ValueAbove14Bits_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PitchBendEvent(0, 16384));
        Assert.Equal(16383, new PitchBendEvent(0, 16383).Value);
    }

    [Fact]
    public void NoteOnEvent_VelocityZero_IsNoteOff()
    {
        Assert.True(new NoteOnEvent(0, 60, 0).IsNoteOff);
        Assert.False(new NoteOnEvent(0, 60, 1).IsNoteOff);
    }

    [Fact]
    public void Equality_SameValuesDifferentDeltaTime_AreNotEqual()
    {
        Assert.Equal(new ControlChangeEvent(1, 7, 100), new ControlChangeEvent(1, 7, 100));
        Assert.NotEqual(new ControlChangeEvent(1, 7, 100), new ControlChangeEvent(1, 7, 100) { DeltaTime = 1 });
        Assert.NotEqual<MidiEvent>(new NoteOnEvent(1, 7, 100), new NoteOffEvent(1, 7, 100));
    }
}
