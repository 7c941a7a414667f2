using EvoComposer.Theory.Formats.Notation;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.Notation;

public sealed class NoteValuesTests
{
    [Fact]
    public void Decompose_TripletsDotsAndOddLengths_SumExactlyWithWrittenValues()
    {
        var triplet = NoteValues.Decompose(new Rational(1, 3)).Single();
        Assert.Equal((new Rational(1, 2), 0, 3, 2), (triplet.Written, triplet.Dots, triplet.Actual, triplet.Normal));
        var dotted = NoteValues.Decompose(new Rational(3, 2)).Single();
        Assert.Equal((Rational.One, 1, false), (dotted.Written, dotted.Dots, dotted.IsTuplet));
        var five = NoteValues.Decompose(new Rational(5, 4));
        Assert.Equal([Rational.One, new Rational(1, 4)], five.Select(v => v.Written));
        foreach (var d in new[] { new Rational(7, 5), new Rational(11, 12), new Rational(13, 2), new Rational(1, 1024) })
            Assert.Equal(d, NoteValues.Decompose(d).Aggregate(Rational.Zero, (s, v) => s + v.Duration));
    }

    [Fact]
    public void Decompose_ShorterThanShortestValue_LeavesRemainderWithoutWrittenValue()
    {
        var values = NoteValues.Decompose(new Rational(3, 128), shortest: new Rational(1, 64));
        var only = values.Single();
        Assert.Equal((new Rational(1, 64), 1), (only.Written, only.Dots));
        var tiny = NoteValues.Decompose(new Rational(1, 128), shortest: new Rational(1, 64)).Single();
        Assert.Null(tiny.Written);
        Assert.Equal(new Rational(1, 128), tiny.Duration);
    }

    [Fact]
    public void Decompose_LongerThanDottedBreve_StartsWithDoubleDottedBreve()
    {
        var values = NoteValues.Decompose(20);
        Assert.Equal([((Rational?)8, 2), (4, 1)], values.Select(v => (v.Written, v.Dots)));
    }

    private static List<NoteValue> Values(params string[] lengths) =>
        lengths.SelectMany(l => NoteValues.Decompose(Rational.Parse(l))).ToList();

    [Fact]
    public void TupletBrackets_SixTripletEighths_AreTwoBracketsOfThree() =>
        Assert.Equal([(0, 2), (3, 5)], NoteValues.TupletBrackets(Values("1/3", "1/3", "1/3", "1/3", "1/3", "1/3")));

    [Fact]
    public void TupletBrackets_TripletQuarterAndEighth_AreOneBracket() =>
        Assert.Equal([(0, 1)], NoteValues.TupletBrackets(Values("2/3", "1/3")));

    [Fact]
    public void TupletBrackets_PlainValueOrRatioChange_ClosesTheBracket() =>
        Assert.Equal([(0, 0), (2, 2), (3, 3)], NoteValues.TupletBrackets(Values("1/3", "1", "1/3", "1/5")));

    [Fact]
    public void TupletBrackets_NoTuplets_IsEmpty() =>
        Assert.Empty(NoteValues.TupletBrackets(Values("1", "3/2", "1/2")));
}
