using EvoComposer.Evolution.Composition;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition;

public class PhrasePlanTests
{
    [Fact]
    public void Default_InFourFour_StartsWithAPickup_AndHoldsEachCadenceChordOnBeatThree()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 4);
        Assert.Equal(33, plan.Beats);
        Assert.Equal(1, plan.PickupBeats);
        Assert.Equal([0, 9, 17, 25], plan.PhraseStarts.ToArray());
        Assert.Equal([9, 8, 8, 8], plan.Phrases.Select(p => p.Beats));
        Assert.Equal([CadenceKind.Half, CadenceKind.ImperfectAuthentic, CadenceKind.Half, CadenceKind.PerfectAuthentic], plan.Phrases.Select(p => p.Cadence));
        foreach (int cadence in new[] { 7, 15, 23, 31 })
        {
            Assert.True(plan.IsCadenceChord[cadence]);
            Assert.Equal(3, plan.BeatInMeasure(cadence));
            Assert.True(plan.IsHold[cadence + 1]);
            Assert.False(plan.IsHold[cadence]);
        }
        Assert.Equal(0, plan.MeasureOf(0));
        Assert.Equal(8, plan.MeasureOf(32));
        Assert.Equal(4, plan.BeatInMeasure(32));
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
