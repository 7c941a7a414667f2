using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Evolution.Tests.Composition;

public class ChoraleComposerTests
{
    private static CompositionOptions Small(PhrasePlan plan, ulong seed = 1, int threads = 1) =>
        new() { Plan = plan, Seed = seed, Population = 24, Generations = 40, Threads = threads, Islands = 2 };

    [Fact]
    public void Compose_ImprovesFitness_AndLeavesNoParallelsForTheCheckCommand()
    {
        var plan = PhrasePlan.Default(new Key(Step.F, 0, Mode.Major), Meter.CommonTime, 2);
        var result = ChoraleComposer.Compose(Small(plan));
        Assert.True(result.Fitness > result.Evolution.Generations[0].Mean);
        Assert.Equal(result.Evolution.Generations[^1].Best, result.Fitness);
        var check = RuleChecker.Check(result.ToScore(), RuleSet.Preset("strict"));
        Assert.DoesNotContain(check.Violations, v => v.RuleId is "parallel-fifths" or "parallel-octaves");
        // The report's findings for catalogue rules are exactly what the check command reports on the score.
        var ruleIds = RuleTerm.Catalogue.Select(t => t.Name).ToHashSet();
        Assert.Equal(check.Violations.Count(v => ruleIds.Contains(v.RuleId)), result.Findings.Count(f => ruleIds.Contains(f.Term)));
    }

    [Fact]
    public void Compose_IsIdenticalAtOneAndTwoThreads()
    {
        var plan = PhrasePlan.Default(new Key(Step.B, -1, Mode.Major), new Meter(3, 4), 2);
        var one = ChoraleComposer.Compose(Small(plan, 9, 1));
        var two = ChoraleComposer.Compose(Small(plan, 9, 2));
        Assert.Equal(one.Best, two.Best);
        Assert.Equal(one.Sources, two.Sources);
        Assert.Equal(one.Evolution.Generations.Select(g => (g.Best, g.Mean, g.Diversity)), two.Evolution.Generations.Select(g => (g.Best, g.Mean, g.Diversity)));
    }

    [Fact]
    public void Harmonize_NeverChangesTheMelody()
    {
        string[] tune = ["E4", "D4", "C4", "D4", "E4", "E4", "E4", "E4", "D4", "D4", "E4", "D4", "C4", "C4"];
        var notes = tune.Select((t, i) => new Note(Pitch.Parse(t), i, 1, i / 4 + 1, i is 6 or 12)).ToList();
        // Merge the fermata notes with the following beat into half notes.
        notes[6] = notes[6] with { Duration = 2 };
        notes[12] = notes[12] with { Duration = 2 };
        notes.RemoveAt(13);
        notes.RemoveAt(7);
        var score = new Score([new Part("Melody", notes)], [new Timed<Meter>(0, Meter.CommonTime)], [new Timed<KeySignature>(0, new KeySignature(0))], new Key(Step.C, 0, Mode.Major));
        var plan = MelodyPlanner.Plan(score);
        Assert.Equal(2, plan.Phrases.Length);
        Assert.Equal(CadenceKind.ImperfectAuthentic, plan.Phrases[0].Cadence);
        Assert.Equal(CadenceKind.PerfectAuthentic, plan.Phrases[1].Cadence);
        var result = ChoraleComposer.Compose(Small(plan));
        var soprano = result.ToScore().Parts[0];
        Assert.Equal(notes, soprano.Notes);
        Assert.Equal(4, result.ToScore().Parts.Length);
    }

    [Fact]
    public void MelodyPlanner_FindsThePickupAndSplitsOnFermatas_OfARealChorale()
    {
        var score = Theory.Formats.ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));
        var plan = MelodyPlanner.Plan(score);
        Assert.Equal(1, plan.PickupBeats);
        Assert.Equal(new Key(Step.G, 0, Mode.Major), plan.Key);
        Assert.Equal(6, plan.Phrases.Length);
        Assert.Equal(CadenceKind.PerfectAuthentic, plan.Phrases[^1].Cadence);
        Assert.Equal(score.Parts[0].Notes.Length, plan.Melody!.Original!.Notes.Length);
    }

    [Fact]
    public void Options_AreValidated()
    {
        var plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime, 1);
        Assert.Equal("Population", Assert.Throws<ArgumentOutOfRangeException>(() => ChoraleComposer.Compose(Small(plan) with { Population = 1 })).ParamName);
        Assert.Equal("Threads", Assert.Throws<ArgumentOutOfRangeException>(() => ChoraleComposer.Compose(Small(plan) with { Threads = 0 })).ParamName);
        Assert.Equal("Islands", Assert.Throws<ArgumentOutOfRangeException>(() => ChoraleComposer.Compose(Small(plan) with { Islands = 0 })).ParamName);
    }
}
