using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class TimeDivisionTests
{
    private static readonly TicksPerQuarterNoteTimeDivision Division = new(10080);

    [Fact]
    public void ToQuarterNotes_Ticks_GivesExactRational()
    {
        Assert.Equal(new Rational(1, 3), Division.ToQuarterNotes(3360));
        Assert.Equal(new Rational(1, 8), Division.ToQuarterNotes(1260));
    }

    [Fact]
    public void ToTicks_WholeNumberOfTicks_RoundTrips() => Assert.Equal(3360, Division.ToTicks(new Rational(1, 3)));

    [Fact]
    public void ToTicks_NotAWholeNumberOfTicks_Throws() => Assert.Throws<ArgumentException>(() => new TicksPerQuarterNoteTimeDivision(480).ToTicks(new Rational(1, 7)));

    [Theory]
    [InlineData(0)]
    [InlineData(32768)]
    public void TicksPerQuarterNote_OutOfRange_Throws(int ticks) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicksPerQuarterNoteTimeDivision(ticks));

    [Fact]
    public void SmpteTimeDivision_29Frames_Means2997()
    {
        Assert.Equal(29.97 * 10, new SmpteTimeDivision(29, 10).TicksPerSecond, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmpteTimeDivision(60, 10));
    }
}
