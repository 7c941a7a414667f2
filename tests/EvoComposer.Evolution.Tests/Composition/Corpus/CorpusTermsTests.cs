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
                Assert.Matches(@"\.krn m\. \d+ b\. \d", beat!.Source!.ToString());
                Assert.Equal("lexicon", beat.Source.Origin);
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

    private static CompositionResult Compose(int threads = 1) => ChoraleComposer.Compose(new CompositionOptions
    {
        Plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 2),
        Seed = 5, Population = 16, Generations = 6, Threads = threads, Models = Models.Value,
        RecombinantSeedShare = 1, MarkovSeedShare = 0,
    });

    [Fact]
    public void Report_HasOneProvenanceEntryPerBeat_AsTheOperatorsCarriedIt()
    {
        var result = Compose();
        var plan = result.Best.Plan;
        using var doc = System.Text.Json.JsonDocument.Parse(CompositionReport.ToJson(result, new CompositionReport.Request("compose", [])));
        var entries = doc.RootElement.GetProperty("provenance").EnumerateArray().ToList();
        Assert.Equal(plan.Beats, entries.Count);
        var onsets = entries.Select(e => e.GetProperty("onset").GetDecimal()).ToList();
        Assert.Equal(onsets.OrderBy(o => o).Distinct(), onsets);
        var files = Models.Value.Pieces.Select(p => Path.GetFileName(p.Source)).ToHashSet();
        for (int b = 0; b < plan.Beats; b++)
        {
            var s = result.Sources[b];
            Assert.Equal(s.Origin, entries[b].GetProperty("origin").GetString());
            if (plan.IsHold[b]) Assert.Equal("hold", s.Origin);
            if (s.Corpus is null) { Assert.Equal(System.Text.Json.JsonValueKind.Null, entries[b].GetProperty("source").ValueKind); continue; }
            Assert.Contains(entries[b].GetProperty("source").GetString()!, files);
            Assert.Equal(s.Corpus.Measure, entries[b].GetProperty("measure").GetInt32());
            Assert.Equal(s.Corpus.Beat, entries[b].GetProperty("beat").GetInt32());
            Assert.Equal(s.Transposition, entries[b].GetProperty("transposition").GetInt32());
        }
        Assert.Contains(result.Sources, s => s.Corpus is not null);
        Assert.Contains("beats from corpus bars:", CompositionReport.ToMarkdown(result, new CompositionReport.Request("compose", [])));
        Assert.Equal(result.Sources, Compose(threads: 2).Sources);
    }

    [Fact]
    public void Provenance_NamingACorpusBar_MatchesThatBarsNotes_Transposed()
    {
        // For the composed piece and for a seeded population: every beat that names a corpus bar has, in each voice,
        // the note that sounds at that bar and beat of the kern file, moved by the transposition (and its half-beat
        // note, where it has one, is the file's note at the half beat).
        var result = Compose();
        var plan = result.Best.Plan;
        var factory = new CorpusSeededFactory(Models.Value, plan, 1, 0);
        var genomes = Enumerable.Range(0, 6).Select(i => factory.Create(RandomStream.For(8, 0, i, RandomPurpose.Initialization))).Prepend(result.Best).ToList();
        var scores = new Dictionary<string, Score>();
        int checkedBeats = 0;
        foreach (var g in genomes)
            for (int b = 0; b < g.Beats; b++)
            {
                if (g.Sources[b] is not { Corpus: { } bar } source) continue;
                var score = scores.TryGetValue(bar.Source, out var found) ? found
                    : scores[bar.Source] = Theory.Formats.ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", Path.GetFileName(bar.Source)));
                var onset = OnsetOf(score, bar.Measure, bar.Beat);
                for (int v = 0; v < 4; v++)
                {
                    Assert.Equal(SoundingAt(score, v, onset) + source.Transposition, g.Main(b, v).Midi);
                    if (g.Second(b, v) is { } second)
                        Assert.Equal(SoundingAt(score, v, onset + new Rational(1, 2)) + source.Transposition, second.Midi);
                }
                checkedBeats++;
            }
        Assert.True(checkedBeats >= 20, $"{checkedBeats} beats checked");
    }

    /// <summary>The onset of a bar's beat (1-based), counted as the miner counts it (a pickup's beats end its bar).</summary>
    private static Rational OnsetOf(Score score, int measure, int beat)
    {
        for (long t = 0; t < score.Length.Floor() + 1; t++)
        {
            var at = new Rational(t, 1);
            if (score.MeasureAt(at) is not { } m || m.Number != measure) continue;
            var into = at - m.Onset;
            var full = score.MeterAt(at).MeasureLength;
            if (m.Duration < full && m == score.Measures[0]) into += full - m.Duration;
            if (into == new Rational(beat - 1, 1)) return at;
        }
        throw new InvalidOperationException($"no beat {beat} in measure {measure}");
    }

    private static int SoundingAt(Score score, int voice, Rational onset) =>
        score.Parts[voice].Notes.First(n => n.Onset <= onset && n.End > onset).Pitch.Midi;
}

public class SeedsMeetThePlanTests
{
    private static readonly Lazy<ChoraleModels> Models = new(() => ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root));

    [Fact]
    public void EverySeed_EndsItsAuthenticCadencesOnVThenI_AndItsHalfCadencesOnV()
    {
        var plan = PhrasePlan.Default(new Key(Step.A, 0, Mode.Minor), Meter.CommonTime, 4);
        foreach (var (recombinant, markov) in new[] { (1.0, 0.0), (0.0, 1.0) })
        {
            var factory = new CorpusSeededFactory(Models.Value, plan, recombinant, markov);
            for (int i = 0; i < 6; i++)
            {
                var g = factory.Create(RandomStream.For(4, 0, i, RandomPurpose.Initialization));
                Assert.Contains(g.Sources, s => s.Origin == (recombinant > 0 ? "recombinant" : "markov"));
                for (int b = 1; b < plan.Beats; b++)
                {
                    if (!plan.IsCadenceChord[b]) continue;
                    var kind = plan.Phrases[plan.PhraseOfBeat[b]].Cadence;
                    int final = ChoraleHarmony.InferRoot(plan.Scale, g.MainDia, b), before = ChoraleHarmony.InferRoot(plan.Scale, g.MainDia, b - 1);
                    if (kind is Theory.Analysis.CadenceKind.PerfectAuthentic or Theory.Analysis.CadenceKind.ImperfectAuthentic) Assert.Equal((4, 0), (before, final));
                    if (kind is Theory.Analysis.CadenceKind.Half) Assert.Equal(4, final);
                }
            }
        }
    }
}
