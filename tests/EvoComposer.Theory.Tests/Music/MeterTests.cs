using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Music;

public class MeterTests
{
    [Theory]
    [InlineData(4, 4, "4", "1", 4, false)]
    [InlineData(3, 4, "3", "1", 3, false)]
    [InlineData(6, 8, "3", "3/2", 2, true)]
    [InlineData(9, 8, "9/2", "3/2", 3, true)]
    [InlineData(12, 8, "6", "3/2", 4, true)]
    [InlineData(3, 8, "3/2", "1/2", 3, false)]
    [InlineData(2, 2, "4", "2", 2, false)]
    [InlineData(4, 2, "8", "2", 4, false)]
    [InlineData(3, 2, "6", "2", 3, false)]
    [InlineData(6, 4, "6", "3", 2, true)]
    public void Lengths_Meter_InQuarterNotes(int n, int d, string measure, string beat, int beats, bool compound)
    {
        var m = new Meter(n, d);
        Assert.Equal(Rational.Parse(measure), m.MeasureLength);
        Assert.Equal(Rational.Parse(beat), m.BeatLength);
        Assert.Equal(beats, m.BeatsPerMeasure);
        Assert.Equal(compound, m.IsCompound);
        Assert.Equal(m.MeasureLength, m.BeatLength * m.BeatsPerMeasure);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(65, 4)]
    [InlineData(3, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 256)]
    public void Constructor_Invalid_Throws(int n, int d) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Meter(n, d));

    [Theory]
    [InlineData("3/4", true)]
    [InlineData("12/8", true)]
    [InlineData("3/3", false)]
    [InlineData("3", false)]
    [InlineData("/4", false)]
    [InlineData("a/4", false)]
    [InlineData("-3/4", false)]
    [InlineData("3/4/4", false)]
    public void TryParse_Text_AcceptsOnlyValidMeters(string text, bool valid)
    {
        Assert.Equal(valid, Meter.TryParse(text, out var m));
        if (valid) Assert.Equal(text, m.ToString());
    }

    [Fact]
    public void Equality_SameFraction_EqualAndDifferentSpellingsDiffer()
    {
        Assert.Equal(new Meter(4, 4), Meter.CommonTime);
        Assert.Equal(new Meter(3, 4).GetHashCode(), new Meter(3, 4).GetHashCode());
        Assert.NotEqual(new Meter(2, 4), new Meter(4, 8));
        Assert.Equal(new Meter(2, 4).MeasureLength, new Meter(4, 8).MeasureLength);
    }
}
