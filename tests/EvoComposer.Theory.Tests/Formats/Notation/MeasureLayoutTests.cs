using EvoComposer.Theory.Formats.Notation;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.Notation;

public sealed class MeasureLayoutTests
{
    private static Score Score(Meter meter, IEnumerable<Measure>? measures, params Note[] notes) =>
        new([new Part("Voice", notes)], [new Timed<Meter>(Rational.Zero, meter)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))], null, measures);

    private static Note N(string onset, string duration) => new(Pitch.Parse("C4"), Rational.Parse(onset), Rational.Parse(duration));

    [Fact]
    public void FromScore_ContiguousMeasures_KeepsThemAndAddsFullMeasuresForLaterNotes()
    {
        var score = Score(new Meter(3, 4), [new Measure(0, 0, 1), new Measure(1, 1, 3)], N("0", "1"), N("4", "2"));

        var measures = MeasureLayout.FromScore(score);

        Assert.Equal([new Measure(0, 0, 1), new Measure(1, 1, 3), new Measure(2, 4, 3)], measures);
    }

    [Fact]
    public void FromScore_MeasuresWithGap_LaysOutFromMeters()
    {
        var score = Score(Meter.CommonTime, [new Measure(1, 0, 4), new Measure(3, 8, 4)], N("0", "5"));

        Assert.Equal([new Measure(1, 0, 4), new Measure(2, 4, 4)], MeasureLayout.FromScore(score));
    }

    [Fact]
    public void FromScore_EmptyScore_HasOneMeasure() =>
        Assert.Equal([new Measure(1, 0, 4)], MeasureLayout.FromScore(Score(Meter.CommonTime, null)));

    [Fact]
    public void FromMeters_PickupAndShortLastMeasure_EndsAtLastNote()
    {
        var score = Score(new Meter(3, 4), [new Measure(0, 0, 1), new Measure(1, 1, 3)], N("0", "1"), N("1", "4"));

        Assert.Equal([new Measure(0, 0, 1), new Measure(1, 1, 3), new Measure(2, 4, 1)], MeasureLayout.FromMeters(score));
    }

    [Fact]
    public void FromMeters_IrregularMarkedMeasures_FollowsTheMeterInstead()
    {
        var score = Score(Meter.CommonTime, [new Measure(1, 0, 4), new Measure(2, 4, 2), new Measure(3, 6, 4)], N("0", "10"));

        Assert.Equal([new Measure(1, 0, 4), new Measure(2, 4, 4), new Measure(3, 8, 2)], MeasureLayout.FromMeters(score));
    }
}
