using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

/// <summary>
/// The fitness's fast path for the rule terms (count-only context, chords shared with the plan terms) against the plain
/// rule catalogue, as <c>evocomposer check</c> runs it on the same music: they must never drift apart.
/// </summary>
public class RuleTermTests
{
    internal static IEnumerable<ChoraleGenome> RandomChorales()
    {
        PhrasePlan[] plans =
        [
            PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8),
            PhrasePlan.Default(new Key(Step.A, 0, Mode.Minor), new Meter(3, 4), 4),
            PhrasePlan.Default(new Key(Step.B, -1, Mode.Major), Meter.CommonTime, 4),
        ];
        foreach (var plan in plans)
            for (ulong seed = 1; seed <= 8; seed++)
                yield return new RandomChoraleFactory(plan).Create(RandomStream.For(seed, 0, 0, RandomPurpose.Initialization));
    }

    [Fact]
    public void Evaluate_RandomChorales_EqualsTheCountsOfCheckOnTheSameMusic()
    {
        int compared = 0, nonZero = 0;
        foreach (var genome in RandomChorales())
        {
            var evaluation = new ChoraleEvaluation(genome);
            var check = RuleChecker.Check(genome.ToScore(), RuleTerm.RuleSet);
            foreach (var term in RuleTerm.Catalogue)
            {
                int expected = check.Counts.GetValueOrDefault(term.Name);
                Assert.True(expected == term.Evaluate(evaluation), $"{term.Name} on {genome.Plan.Key}: check counts {expected}, the fitness {term.Evaluate(evaluation)}");
                compared++;
                if (expected > 0) nonZero++;
            }
        }
        Assert.True(nonZero > 50, $"only {nonZero} of {compared} comparisons had violations: the test would not see a drift");
    }

    [Fact]
    public void Findings_RandomChorales_AreTheViolationsOfCheckAtTheSamePlaces()
    {
        foreach (var genome in RandomChorales().Take(6))
        {
            var evaluation = new ChoraleEvaluation(genome);
            var check = RuleChecker.Check(genome.ToScore(), RuleTerm.RuleSet);
            foreach (var term in RuleTerm.Catalogue)
            {
                var expected = check.Violations.Where(v => v.RuleId == term.Name).Select(v => (v.Slice, string.Join(",", v.Voices), v.Message)).OrderBy(x => x).ToList();
                var actual = term.Findings(evaluation).Select(f => (f.Slice, string.Join(",", f.Voices), f.Message)).OrderBy(x => x).ToList();
                Assert.Equal(expected, actual);
            }
        }
    }
}
