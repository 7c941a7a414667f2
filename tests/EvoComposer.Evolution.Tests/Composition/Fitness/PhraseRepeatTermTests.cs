using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

public class PhraseRepeatTermTests
{
    private static readonly PhrasePlan Plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime);

    [Fact]
    public void Evaluate_IsZeroAfterAPhraseCopy_AndCountsTheBeatsThatDiffer()
    {
        var term = new PhraseRepeatTerm();
        var g = new RandomChoraleFactory(Plan).Create(RandomStream.For(7, 0, 0, RandomPurpose.Initialization));
        var copied = new CopyPhraseMutation().Mutate(g, RandomStream.For(7, 1, 0, RandomPurpose.Mutation));
        Assert.Equal(0, term.Evaluate(new ChoraleEvaluation(copied)));
        Assert.Empty(term.Findings(new ChoraleEvaluation(copied)));
        double before = term.Evaluate(new ChoraleEvaluation(g));
        Assert.True(before > 0);
        Assert.Equal(before, term.Findings(new ChoraleEvaluation(g)).Sum(f => f.Cost));
    }

    [Fact]
    public void Evaluate_WithoutARepeatablePair_IsZero()
    {
        var plan = PhrasePlan.Default(Plan.Key, Meter.CommonTime, 3);
        var g = new RandomChoraleFactory(plan).Create(RandomStream.For(7, 0, 0, RandomPurpose.Initialization));
        Assert.Equal(0, new PhraseRepeatTerm().Evaluate(new ChoraleEvaluation(g)));
    }
}
