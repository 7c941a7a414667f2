using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiEventTests
{
    [Theory]
    [InlineData(-1L)]
    [InlineData(0x10000000L)]
    public void DeltaTime_OutsideFourByteQuantity_Throws(long delta) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextEvent("x") { DeltaTime = delta });

    [Fact]
    public void DeltaTime_With_ChangesOnlyTheDeltaTime()
    {
        var e = new ProgramChangeEvent(3, 52) with { DeltaTime = 0x0FFFFFFF };
        Assert.Equal((3, 52, 0x0FFFFFFFL), (e.Channel, e.Program, e.DeltaTime));
    }
}
