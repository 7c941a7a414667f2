using System.Collections.Immutable;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>What to compose and how hard to search. Validated by <see cref="ChoraleComposer.Compose"/>.</summary>
public sealed record CompositionOptions
{
    /// <summary>The plan (with a fixed melody for a harmonization).</summary>
    public required PhrasePlan Plan { get; init; }
    /// <summary>The seed of every random choice.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Individuals per island; default 60.</summary>
    public int Population { get; init; } = 60;
    /// <summary>Generations; default 150.</summary>
    public int Generations { get; init; } = 150;
    /// <summary>Threads evaluating fitness (the result does not depend on it); default 1.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Islands (populations with ring migration); default 2.</summary>
    public int Islands { get; init; } = 2;
    /// <summary>Fitness weights; default <see cref="FitnessWeights.Default"/>.</summary>
    public FitnessWeights Weights { get; init; } = FitnessWeights.Default;
    /// <summary>More fitness terms (rule catalogue, Markov, style), weighted by name.</summary>
    public ImmutableArray<ChoraleTerm> ExtraTerms { get; init; } = [];
    /// <summary>A recombinancy lexicon for the re-draw-a-beat mutation, if available.</summary>
    public IBeatLexicon? Lexicon { get; init; }
    /// <summary>A Markov model for the re-sample-a-span mutation (<see cref="ResampleMarkovSpanMutation"/>), if available.</summary>
    public ISpanSampler? SpanSampler { get; init; }
    /// <summary>
    /// Models mined from a corpus, if available: they add the <see cref="MarkovTerm"/> ("markov") to the fitness, the
    /// recombinancy lexicon and the Markov span sampler to the mutations (unless <see cref="Lexicon"/> or
    /// <see cref="SpanSampler"/> is given), the corpus seeds to the initial population, and originality to the result.
    /// </summary>
    public ChoraleModels? Models { get; init; }
    /// <summary>
    /// With <see cref="Models"/>: the share of the initial population seeded from recombinant passages
    /// (<see cref="CorpusSeededFactory"/>); default <see cref="CorpusSeededFactory.DefaultRecombinantShare"/>.
    /// </summary>
    public double RecombinantSeedShare { get; init; } = DefaultRecombinantSeedShare;
    /// <summary>
    /// With <see cref="Models"/>: the share of the initial population seeded from Markov samples; the rest is random.
    /// Default <see cref="CorpusSeededFactory.DefaultMarkovShare"/>.
    /// </summary>
    public double MarkovSeedShare { get; init; } = DefaultMarkovSeedShare;

    /// <summary>Default <see cref="RecombinantSeedShare"/>.</summary>
    public const double DefaultRecombinantSeedShare = CorpusSeededFactory.DefaultRecombinantShare;
    /// <summary>Default <see cref="MarkovSeedShare"/>.</summary>
    public const double DefaultMarkovSeedShare = CorpusSeededFactory.DefaultMarkovShare;
    /// <summary>A trained style classifier, if available: adds the <see cref="StyleTerm"/> ("style") to the fitness.</summary>
    public Learning.Style.StyleScorer? Style { get; init; }

    /// <summary>Throws on the first absurd option, naming it.</summary>
    public void Validate()
    {
        if (Plan is null) throw new ArgumentNullException(nameof(Plan));
        if (Population < 2 || Population > 100_000) throw new ArgumentOutOfRangeException(nameof(Population), Population, "The population must be within 2…100000.");
        if (Generations < 0 || Generations > 1_000_000) throw new ArgumentOutOfRangeException(nameof(Generations), Generations, "Generations must be within 0…1000000.");
        if (Threads < 1 || Threads > 512) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be within 1…512.");
        if (Islands < 1 || Islands > 64) throw new ArgumentOutOfRangeException(nameof(Islands), Islands, "Islands must be within 1…64.");
        if (Weights is null) throw new ArgumentNullException(nameof(Weights));
        if (!(RecombinantSeedShare >= 0 && MarkovSeedShare >= 0 && RecombinantSeedShare + MarkovSeedShare <= 1 + 1e-9))
            throw new ArgumentOutOfRangeException(nameof(RecombinantSeedShare), "The seed shares must be non-negative and sum to at most 1.");
    }
}

/// <summary>The outcome of a composition: the best genome, its score, its fitness term by term, what is still wrong, and how the run went.</summary>
public sealed class CompositionResult
{
    internal CompositionResult(CompositionOptions options, ChoraleGenome best, double fitness, IReadOnlyList<FitnessTermValue> terms,
        IReadOnlyList<TermFinding> findings, EvolutionResult<ChoraleGenome> evolution, Originality? originality, IReadOnlyList<BeatSource> sources)
    {
        Sources = sources;
        Originality = originality;
        Options = options;
        Best = best;
        Fitness = fitness;
        Terms = terms;
        Findings = findings;
        Evolution = evolution;
    }

    /// <summary>The options.</summary>
    public CompositionOptions Options { get; }
    /// <summary>The best chorale.</summary>
    public ChoraleGenome Best { get; }
    /// <summary>Its total fitness.</summary>
    public double Fitness { get; }
    /// <summary>Each term's weight and value.</summary>
    public IReadOnlyList<FitnessTermValue> Terms { get; }
    /// <summary>Every fault the weighted penalty terms still find.</summary>
    public IReadOnlyList<TermFinding> Findings { get; }
    /// <summary>The run: generations, statistics, stop reason.</summary>
    public EvolutionResult<ChoraleGenome> Evolution { get; }

    /// <summary>The longest span copied verbatim from the corpus and the share of corpus joins, when models were used.</summary>
    public Originality? Originality { get; }

    /// <summary>
    /// Where each beat of <see cref="Best"/> comes from, one entry per beat in order, as the operators carried it:
    /// the initializer or operator that last wrote the beat, with the corpus bar for a beat taken from the corpus.
    /// </summary>
    public IReadOnlyList<BeatSource> Sources { get; }

    /// <summary>The chorale as a score.</summary>
    public Score ToScore(ScoreMetadata? metadata = null) => Best.ToScore(metadata);

    /// <summary>
    /// The style classifier's explanation of <see cref="Best"/> (P(class) and each feature's contribution), or null when
    /// no style model was used; made on first use and kept, so report.json and report.md share one.
    /// </summary>
    public Learning.Style.Classifiers.PredictionExplanation? StyleExplanation =>
        Options.Style is { } scorer ? _styleExplanation ??= scorer.Explain(Best.ToSliceGrid(), Best.Plan.Meter) : null;

    private Learning.Style.Classifiers.PredictionExplanation? _styleExplanation;
}

/// <summary>
/// Composes or harmonizes a chorale: a genetic algorithm (an island model) over <see cref="ChoraleGenome"/>s
/// with the musical operators and the weighted fitness. Deterministic for a given seed and options, at any
/// number of threads.
/// </summary>
public static class ChoraleComposer
{
    /// <summary>Runs the composition.</summary>
    /// <exception cref="ArgumentException">An absurd option.</exception>
    public static CompositionResult Compose(CompositionOptions options, IProgress<GenerationStatistics>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Models is { } models && GenomeBeats.Supports(options.Plan))
            options = options with
            {
                ExtraTerms = options.ExtraTerms.Any(t => t.Name == "markov") ? options.ExtraTerms : options.ExtraTerms.Add(new MarkovTerm(models)),
                Lexicon = options.Lexicon ?? new ModelsBeatLexicon(models),
                SpanSampler = options.SpanSampler ?? models,
            };
        if (options.Style is { } style && !options.ExtraTerms.Any(t => t.Name == "style"))
            options = options with { ExtraTerms = options.ExtraTerms.Add(new StyleTerm(style)) };
        var fitness = ChoraleFitness.Create(options.Weights, options.ExtraTerms);
        var operators = new GeneticOperators<ChoraleGenome>
        {
            Factory = options.Models is { } seedModels && GenomeBeats.Supports(options.Plan)
                ? new CorpusSeededFactory(seedModels, options.Plan, options.RecombinantSeedShare, options.MarkovSeedShare)
                : new RandomChoraleFactory(options.Plan),
            Fitness = fitness,
            Selection = new TournamentSelection(3),
            Crossover = new ChoraleCrossover(),
            Mutation = Mutations(options),
            Reinsertion = new ElitistReinsertion(2),
            Termination = new GenerationNumberTermination(options.Generations),
        };
        var gaOptions = new GeneticAlgorithmOptions
        {
            Seed = options.Seed,
            PopulationSize = options.Population,
            Threads = options.Threads,
            CrossoverProbability = 0.6,
            MutationProbability = 0.9,
        };
        var evolution = options.Islands == 1
            ? new GeneticAlgorithm<ChoraleGenome>(gaOptions, operators).Run(progress, cancellation)
            : new IslandModel<ChoraleGenome>(gaOptions, new IslandModelOptions { Islands = options.Islands, MigrationInterval = 10, Migrants = 2 }, operators)
                .Run(progress, cancellation);
        var best = evolution.Best;
        var terms = fitness.Explain(best, 0);
        var evaluation = fitness.Prepare(best);
        var findings = fitness.Terms
            .Where(t => t.Weight < 0 && t.Term is ChoraleTerm)
            .SelectMany(t => ((ChoraleTerm)t.Term).Findings(evaluation))
            .OrderBy(f => f.Slice).ThenBy(f => f.Severity).ThenBy(f => f.Term, StringComparer.Ordinal)
            .ToList();
        Originality? originality = options.Models is { } m && GenomeBeats.Supports(options.Plan)
            ? m.MeasureOriginality(GenomeBeats.ToMined(best).Beats) : null;
        return new CompositionResult(options, best, evolution.BestFitness, terms, findings, evolution, originality, best.Sources);
    }

    /// <summary>Weight of the Markov span mutation in the mix (the chord-tone mutation has 3, the lexicon re-draw 2).</summary>
    internal const double MarkovSpanWeight = 1;

    /// <summary>
    /// Weight of the phrase-copy mutation (all four voices) in the mix, for compose only. Tuned on seeds 11–20 with the
    /// <c>phrase-repeat</c> term at −6 (docs/style-heldout.md); copying the soprano alone scored worse.
    /// </summary>
    internal const double CopyPhraseWeight = 1;

    /// <summary>The musical mutations, with the lexicon and Markov hooks when given.</summary>
    internal static IMutation<ChoraleGenome> Mutations(CompositionOptions options)
    {
        var list = new List<(IMutation<ChoraleGenome>, double)>
        {
            (new ChordToneMutation(), 3),
            (new VoiceExchangeMutation(), 1),
            (new OctaveShiftMutation(), 1),
            (new PassingNoteMutation(), 2),
            (new RedrawBeatMutation(), 2),
            (new RedrawSpanMutation(), options.SpanSampler is null ? 1.5 : 0.5),
        };
        if (options.Lexicon is not null) list.Add((new LexiconBeatMutation(options.Lexicon), 2));
        if (options.SpanSampler is not null) list.Add((new ResampleMarkovSpanMutation(options.SpanSampler), MarkovSpanWeight));
        if (options.Plan.Melody is null && CopyPhraseMutation.Pairs(options.Plan).Count > 0)
            list.Add((new CopyPhraseMutation(), CopyPhraseWeight));
        return new WeightedMutation<ChoraleGenome>(list);
    }
}
