using EvoComposer.Evolution.Composition;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition;

public class PhrasePlanTests
{
    [Fact]
    public void Default_FourPhrasesOfTwoMeasures_EndingOnHeldCadenceChords()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 4);
        Assert.Equal(32, plan.Beats);
        Assert.Equal([0, 8, 16, 24], plan.PhraseStarts.ToArray());
        Assert.Equal([CadenceKind.Half, CadenceKind.ImperfectAuthentic, CadenceKind.Half, CadenceKind.PerfectAuthentic], plan.Phrases.Select(p => p.Cadence));
        Assert.True(plan.IsCadenceChord[6]);
        Assert.True(plan.IsHold[7]);
        Assert.False(plan.IsHold[6]);
        Assert.Equal(2, plan.MeasureOf(4));
        Assert.Equal(3, plan.BeatInMeasure(6));
    }

    [Fact]
    public void Default_InThreeFour_UsesThreeMeasurePhrases()
    {
        var plan = PhrasePlan.Default(ChoraleTestData.CMajor, new Meter(3, 4), 2);
        Assert.Equal(9, plan.Phrases[0].Beats);
    }

    [Fact]
    public void Pickup_NumbersTheFirstMeasureZero()
    {
        var plan = new PhrasePlan(ChoraleTestData.CMajor, Meter.CommonTime, [new PlannedPhrase(9, CadenceKind.PerfectAuthentic)], pickupBeats: 1);
        Assert.Equal(0, plan.MeasureOf(0));
        Assert.Equal(4, plan.BeatInMeasure(0));
        Assert.Equal(1, plan.MeasureOf(1));
        Assert.Equal(1, plan.BeatInMeasure(1));
    }

    [Fact]
    public void Constructor_RejectsImpossiblePlans()
    {
        Assert.Throws<ArgumentException>(() => new PhrasePlan(ChoraleTestData.CMajor, new Meter(6, 8), [new PlannedPhrase(8, CadenceKind.Half)]));
        Assert.Throws<ArgumentException>(() => new PhrasePlan(ChoraleTestData.CMajor, Meter.CommonTime, []));
        Assert.Throws<ArgumentException>(() => new PhrasePlan(ChoraleTestData.CMajor, Meter.CommonTime, [new PlannedPhrase(2, CadenceKind.Half, 2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhrasePlan.Default(ChoraleTestData.CMajor, Meter.CommonTime, 0));
        Assert.Throws<ArgumentException>(() => PhrasePlan.Default(new Key(Step.G, 2, Mode.Major), Meter.CommonTime, 1));
    }
}
