using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Evolution.Tests.Composition.Corpus;

public class CorpusTermsTests
{
    private static readonly Lazy<ChoraleModels> Models = new(() => ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root));

    [Fact]
    public void Spell_KeepsTheMidiNumber_AndUsesTheKeysNotes_Property()
    {
        var keys = new[] { new Key(Step.D, 0, Mode.Major), new Key(Step.E, -1, Mode.Major), new Key(Step.F, 1, Mode.Minor), new Key(Step.C, 0, Mode.Minor) };
        var arb = Gen.Zip(Gen.Choose(0, keys.Length - 1), Gen.Choose(36, 84)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, t =>
        {
            var plan = PhrasePlan.Default(keys[t.Item1], Meter.CommonTime, 1);
            var p = GenomeBeats.Spell(plan, t.Item2);
            bool scaleNote = p.Alter == plan.Key.Signature.AlterOf(p.Step);
            bool isScalePc = Enumerable.Range(0, 7).Any(d => (plan.Key.TonicPitchClass + new[] { 0, 2, 4, 5, 7, 9, 11 }[d] + (plan.Key.Mode == Mode.Minor && d is 2 or 5 or 6 ? -1 : 0) + 12) % 12 == t.Item2 % 12);
            return p.Midi == t.Item2 && (!isScalePc || scaleNote);
        }));
    }

    [Fact]
    public void MarkovTerm_PrefersAnEvolvedChorale_ToARandomOne()
    {
        var plan = PhrasePlan.Default(new Key(Step.G, 0, Mode.Major), Meter.CommonTime, 2);
        var term = new MarkovTerm(Models.Value);
        var random = new RandomChoraleFactory(plan).Create(RandomStream.For(4, 0, 0, RandomPurpose.Initialization));
        // The texture term trades some Markov likelihood for Bach's texture statistics: leave it out to see the Markov term's own pull.
        var evolved = ChoraleComposer.Compose(new CompositionOptions { Plan = plan, Seed = 4, Population = 20, Generations = 30, Models = Models.Value, Weights = FitnessWeights.Default.With("texture", 0) }).Best;
        double r = term.Evaluate(new(random)), e = term.Evaluate(new(evolved));
        Assert.True(r < 0 && e < 0);
        Assert.True(e > r, $"evolved {e} vs random {r}");
    }

    [Fact]
    public void Lexicon_ProposesCorpusBeats_WithTheirSource()
    {
        var plan = PhrasePlan.Default(new Key(Step.A, 0, Mode.Minor), Meter.CommonTime, 2);
        var g = new RandomChoraleFactory(plan).Create(RandomStream.For(2, 0, 0, RandomPurpose.Initialization));
        var lexicon = new ModelsBeatLexicon(Models.Value);
        int found = 0;
        for (int i = 0; i < 20; i++)
            if (lexicon.TryDraw(g, 1 + i % 5, RandomStream.For(2, 1, i, RandomPurpose.Mutation), out var beat))
            {
                found++;
                Assert.Matches(@"\.krn, measure \d+, beat \d", beat!.Source);
                Assert.Equal(4, beat.Main.Length);
            }
        Assert.True(found > 0);
    }
}

public class CorpusSeededFactoryTests
{
    private static readonly Lazy<ChoraleModels> Models = new(() => ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root));

    [Fact]
    public void SeededPopulation_HasIndividualsMadeOfLexiconGroupings_AndIsDeterministic()
    {
        var plan = PhrasePlan.Default(new Key(Step.G, 0, Mode.Major), Meter.CommonTime, 2);
        var factory = new CorpusSeededFactory(Models.Value, plan);
        var population = Enumerable.Range(0, 24).Select(i => factory.Create(RandomStream.For(7, 0, i, RandomPurpose.Initialization))).ToList();
        var again = Enumerable.Range(0, 24).Select(i => factory.Create(RandomStream.For(7, 0, i, RandomPurpose.Initialization))).ToList();
        Assert.Equal(population, again);
        int toC = MinedScores.SemitonesToC(plan.Key);
        int InCorpus(ChoraleGenome g) => Enumerable.Range(0, plan.Beats).Count(b => !plan.IsHold[b] && Models.Value.Originality.Occurrences(GenomeBeats.Grouping(g, b, toC)) > 0);
        int nonHold = Enumerable.Range(0, plan.Beats).Count(b => !plan.IsHold[b]);
        var counts = population.Select(InCorpus).ToList();
        // Recombinant seeds are lexicon groupings at (nearly) every beat; random ones rarely are.
        Assert.Contains(counts, c => c >= nonHold - 2);
        var random = new RandomChoraleFactory(plan);
        double randomMean = Enumerable.Range(0, 24).Average(i => InCorpus(random.Create(RandomStream.For(7, 0, i, RandomPurpose.Initialization))));
        Assert.True(counts.Average() > randomMean, $"seeded {counts.Average()} vs random {randomMean}");
    }

    [Fact]
    public void SeedShares_AreValidated()
    {
        var plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime, 1);
        var options = new CompositionOptions { Plan = plan, Seed = 1, RecombinantSeedShare = 0.7, MarkovSeedShare = 0.5 };
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        (options with { MarkovSeedShare = 0.3 }).Validate();
        Assert.Throws<ArgumentOutOfRangeException>(() => new CorpusSeededFactory(Models.Value, plan, -0.1, 0));
    }

    [Fact]
    public void SeededHarmonization_KeepsTheSoprano()
    {
        var composed = new RandomChoraleFactory(PhrasePlan.Default(new Key(Step.F, 0, Mode.Major), Meter.CommonTime, 2)).Create(RandomStream.For(3, 0, 0, RandomPurpose.Initialization));
        var melodyPlan = new PhrasePlan(composed.Plan.Key, composed.Plan.Meter, composed.Plan.Phrases, 0,
            new FixedMelody(Enumerable.Range(0, composed.Beats).Select(b => composed.Main(b, 0)).ToList(), new Pitch?[composed.Beats], new bool[composed.Beats]));
        var factory = new CorpusSeededFactory(Models.Value, melodyPlan, 0.5, 0.5);
        for (int i = 0; i < 6; i++)
        {
            var g = factory.Create(RandomStream.For(3, 0, i, RandomPurpose.Initialization));
            for (int b = 0; b < g.Beats; b++) Assert.Equal(melodyPlan.Melody!.Main[b], g.Main(b, 0));
        }
    }
}

public class BeatProvenanceReportTests
{
    private static readonly Lazy<ChoraleModels> Models = new(() => ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root));

    [Fact]
    public void Report_HasOneProvenanceEntryPerBeat_InOnsetOrder_NamingRealSourceFiles()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 2);
        var result = ChoraleComposer.Compose(new CompositionOptions { Plan = plan, Seed = 5, Population = 12, Generations = 5, Models = Models.Value });
        using var doc = System.Text.Json.JsonDocument.Parse(CompositionReport.ToJson(result, new CompositionReport.Request("compose", [])));
        var entries = doc.RootElement.GetProperty("provenance").EnumerateArray().ToList();
        Assert.Equal(plan.Beats, entries.Count);
        var onsets = entries.Select(e => e.GetProperty("onset").GetDecimal()).ToList();
        Assert.Equal(onsets.OrderBy(o => o).Distinct(), onsets);
        var files = Models.Value.Pieces.Select(p => Path.GetFileName(p.Source)).ToHashSet();
        int toC = MinedScores.SemitonesToC(plan.Key);
        int corpus = 0;
        for (int b = 0; b < plan.Beats; b++)
        {
            string origin = entries[b].GetProperty("origin").GetString()!;
            bool occurs = !plan.IsHold[b] && Models.Value.Originality.Occurrences(GenomeBeats.Grouping(result.Best, b, toC)) > 0;
            Assert.Equal(plan.IsHold[b] ? "hold" : occurs ? "corpus" : "new", origin);
            if (origin != "corpus") continue;
            corpus++;
            Assert.Contains(entries[b].GetProperty("source").GetString()!, files);
            Assert.True(entries[b].GetProperty("measure").GetInt32() >= 0);
        }
        Assert.True(corpus > 0);
        Assert.Contains("corpus bars:", CompositionReport.ToMarkdown(result, new CompositionReport.Request("compose", [])));
    }
}
