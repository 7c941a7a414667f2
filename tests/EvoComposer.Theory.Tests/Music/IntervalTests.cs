using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Music;

public class IntervalTests
{
    private static Interval Between(string from, string to) => Interval.Between(Pitch.Parse(from), Pitch.Parse(to));

    [Theory]
    [InlineData("B3", "F4", IntervalQuality.Diminished, 5, "d5")]
    [InlineData("F4", "B4", IntervalQuality.Augmented, 4, "A4")]
    [InlineData("C4", "G4", IntervalQuality.Perfect, 5, "P5")]
    [InlineData("C4", "E4", IntervalQuality.Major, 3, "M3")]
    [InlineData("E4", "G4", IntervalQuality.Minor, 3, "m3")]
    [InlineData("C4", "Ab4", IntervalQuality.Minor, 6, "m6")]
    [InlineData("C4", "G#4", IntervalQuality.Augmented, 5, "A5")]
    [InlineData("C4", "C4", IntervalQuality.Perfect, 1, "P1")]
    [InlineData("C4", "C#4", IntervalQuality.Augmented, 1, "A1")]
    [InlineData("C4", "C5", IntervalQuality.Perfect, 8, "P8")]
    [InlineData("C4", "Cb5", IntervalQuality.Diminished, 8, "d8")]
    [InlineData("C4", "Bbb4", IntervalQuality.Diminished, 7, "d7")]
    [InlineData("C4", "G5", IntervalQuality.Perfect, 12, "P12")]
    [InlineData("C4", "E5", IntervalQuality.Major, 10, "M10")]
    [InlineData("C4", "D5", IntervalQuality.Major, 9, "M9")]
    [InlineData("C4", "C6", IntervalQuality.Perfect, 15, "P15")]
    [InlineData("Cb4", "F#4", IntervalQuality.DoublyAugmented, 4, "AA4")]
    public void Between_Pitches_GivesQualityAndSize(string from, string to, IntervalQuality quality, int size, string name)
    {
        var i = Between(from, to);
        Assert.Equal(quality, i.Quality);
        Assert.Equal(size, i.GenericSize);
        Assert.Equal(name, i.ToString());
        Assert.Equal(i, Interval.Parse(name));
    }

    [Fact]
    public void Between_EnharmonicIntervals_AreDistinctThoughSameSemitones()
    {
        var fifth = Between("C4", "G4");
        var dimSixth = Between("C4", "Abb4");
        var tritone = Between("F4", "B4");
        var dimFifth = Between("B3", "F4");
        Assert.Equal(fifth.Semitones, dimSixth.Semitones);
        Assert.NotEqual(fifth, dimSixth);
        Assert.Equal(tritone.Semitones, dimFifth.Semitones);
        Assert.NotEqual(tritone, dimFifth);
        Assert.NotEqual(0, tritone.CompareTo(dimFifth));
    }

    [Fact]
    public void Between_DiminishedFifthToPerfectFifth_AreDifferentIntervalsOfTheSameGenericSize()
    {
        // Tenor B3, soprano F4 moving to C4, G4: a d5 followed by a P5 (not parallel perfect fifths).
        var first = Between("B3", "F4");
        var second = Between("C4", "G4");
        Assert.Equal(first.SimpleGenericSize, second.SimpleGenericSize);
        Assert.False(first.IsPerfect);
        Assert.True(second.IsPerfect);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Twelfth_IsCompoundPerfectFifth()
    {
        var twelfth = Between("C3", "G4");
        Assert.True(twelfth.IsCompound);
        Assert.True(twelfth.IsPerfect);
        Assert.Equal(Interval.PerfectFifth, twelfth.Simple);
        Assert.Equal(5, twelfth.SimpleGenericSize);
        Assert.Equal(19, twelfth.Semitones);
    }

    [Fact]
    public void Tenth_IsCompoundMajorThird()
    {
        var tenth = Between("C4", "E5");
        Assert.True(tenth.IsCompound);
        Assert.Equal(Interval.MajorThird, tenth.Simple);
        Assert.Equal(IntervalQuality.Major, tenth.Quality);
    }

    [Fact]
    public void Octave_IsNotCompoundAndDoubleOctaveReducesToOctave()
    {
        Assert.False(Interval.PerfectOctave.IsCompound);
        var doubleOctave = Between("C3", "C5");
        Assert.True(doubleOctave.IsCompound);
        Assert.Equal(Interval.PerfectOctave, doubleOctave.Simple);
    }

    [Fact]
    public void Between_Descending_IsNegativeWithSameQuality()
    {
        var down = Between("G4", "C4");
        Assert.Equal(-1, down.Direction);
        Assert.Equal(-5, down.GenericSize);
        Assert.Equal(-7, down.Semitones);
        Assert.Equal(IntervalQuality.Perfect, down.Quality);
        Assert.Equal("-P5", down.ToString());
        Assert.Equal(Interval.PerfectFifth, down.Abs);
        Assert.Equal(Interval.PerfectFifth.Inverse, down);
        Assert.Equal(-Interval.PerfectFifth, down);
        var downSecond = Between("C4", "Bb3");
        Assert.Equal("-M2", downSecond.ToString());
        Assert.Equal(downSecond, Interval.Parse("-M2"));
    }

    [Fact]
    public void Addition_ThirdsMakeFifthAndOctaveMinusFifthIsFourth()
    {
        Assert.Equal(Interval.PerfectFifth, Interval.MajorThird + Interval.MinorThird);
        Assert.Equal(Interval.PerfectFourth, Interval.PerfectOctave - Interval.PerfectFifth);
        Assert.Equal(Interval.Parse("P12"), Interval.PerfectOctave + Interval.PerfectFifth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("M5")]
    [InlineData("P3")]
    [InlineData("X5")]
    [InlineData("P0")]
    [InlineData("m1")]
    public void Parse_Invalid_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => Interval.Parse(text));

    [Fact]
    public void CompareTo_OrdersBySemitonesThenSteps()
    {
        Assert.True(Interval.AugmentedFourth.CompareTo(Interval.DiminishedFifth) < 0);
        Assert.True(Interval.MinorThird.CompareTo(Interval.MajorThird) < 0);
        Assert.True(Interval.PerfectFifth.Inverse.CompareTo(Interval.PerfectUnison) < 0);
    }

    [Fact]
    public void Default_IsPerfectUnison()
    {
        Assert.Equal(Interval.PerfectUnison, default);
        Assert.Equal("P1", default(Interval).ToString());
    }
}
