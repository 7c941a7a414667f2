using BenchmarkDotNet.Attributes;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>
/// The GA's chorale fitness of 16-bar chorales (8 phrases of 2 measures of 4/4, random genomes as the GA's first
/// generation has them), per evaluation on one thread, and the throughput of a batch at 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*ChoraleFitnessBenchmarks*' --job short</c>.
/// The full fitness needs the cached corpus models and style model (<c>evocomposer compose</c> makes both).
/// </summary>
[MemoryDiagnoser]
public class ChoraleFitnessBenchmarks
{
    internal const int Batch = 64;
    private ChoraleGenome[] _genomes = [];
    private IFitness<ChoraleGenome> _rulesAndPlan = null!;
    private IFitness<ChoraleGenome> _full = null!;
    private IFitness<ChoraleGenome> _rulesOnly = null!;
    private IFitness<ChoraleGenome> _planOnly = null!;

    /// <summary>Makes the random chorales, the fitness with the built-in terms and the full fitness.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        _genomes = [.. Enumerable.Range(0, Batch).Select(i => new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization)))];
        _rulesAndPlan = ChoraleFitness.Create(FitnessWeights.Default);
        var rulesOnly = FitnessWeights.Default;
        foreach (var t in ChoraleFitness.CompositionTerms) rulesOnly = rulesOnly.With(t.Name, 0);
        _rulesOnly = ChoraleFitness.Create(rulesOnly);
        var planOnly = FitnessWeights.Default;
        foreach (var t in RuleTerm.Catalogue) planOnly = planOnly.With(t.Name, 0);
        _planOnly = ChoraleFitness.Create(planOnly);
        var models = ChoraleModels.LoadOrBuild();
        var style = StyleModelCache.LoadOrTrain(new StyleModelCacheOptions { Models = models }, Console.Error);
        _full = ChoraleFitness.Create(FitnessWeights.Default, [new MarkovTerm(models), new StyleTerm(style)]);
    }

    /// <summary>16-bar chorale, every rule term + the plan terms, Markov and style off: µs per evaluation (one thread).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double RulesAndPlanTerms_MarkovStyleOff_16Bars() => EvaluateAll(_rulesAndPlan);

    /// <summary>16-bar chorale, the full default fitness (rules, plan terms, Markov, style): µs per evaluation (one thread).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double FullFitness_16Bars() => EvaluateAll(_full);

    /// <summary>Breakdown: the rule terms alone (every chorale rule of the catalogue, plan terms off): µs per evaluation.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double RuleTermsOnly_16Bars() => EvaluateAll(_rulesOnly);

    /// <summary>Breakdown: the plan terms alone (cadences, chord quality, texture, …; rule terms off): µs per evaluation.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double PlanTermsOnly_16Bars() => EvaluateAll(_planOnly);

    /// <summary>Breakdown: what every term reads, prepared (grid, chords) with the harmonic analysis the rules use.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int PrepareAndAnalysis_16Bars()
    {
        int n = 0;
        foreach (var g in _genomes) n += new ChoraleEvaluation(g).Analysis.Keys.Length;
        return n;
    }

    /// <summary>The slice grid alone.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int SliceGrid16Bars()
    {
        int n = 0;
        foreach (var g in _genomes) n += g.ToSliceGrid().SliceCount;
        return n;
    }

    /// <summary>
    /// Breakdown: the plan terms alone, on evaluations prepared beforehand (grid and chords made once, outside the
    /// timing): µs per chorale. The same 64 chorales over and over, so branches are better predicted than on fresh
    /// candidates; <see cref="PlanTermsOnly_16Bars"/> minus the preparation is the GA's own figure.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double PlanTermsPrepared_16Bars()
    {
        _prepared ??= [.. _genomes.Select(g => new ChoraleEvaluation(g))];
        _planTerms ??= [.. ChoraleFitness.CompositionTerms.Select(t => (t, FitnessWeights.Default[t.Name]))];
        double sum = 0;
        foreach (var e in _prepared)
            foreach (var (term, weight) in _planTerms) sum += weight * term.Evaluate(e);
        return sum;
    }

    /// <summary>The sum of a fitness over the batch (returned, so the work is not optimised away).</summary>
    private double EvaluateAll(IFitness<ChoraleGenome> fitness)
    {
        double sum = 0;
        foreach (var g in _genomes) sum += fitness.Evaluate(g);
        return sum;
    }

    private ChoraleEvaluation[]? _prepared;
    private (ChoraleTerm Term, double Weight)[]? _planTerms;

    internal (ChoraleGenome[] Genomes, IFitness<ChoraleGenome> RulesAndPlan, IFitness<ChoraleGenome> Full) Prepared => (_genomes, _rulesAndPlan, _full);
}

/// <summary>
/// Fitness evaluations per second of 16-bar chorales at 1 and 2 threads (evaluations/s = 1 / time per op), as the GA
/// evaluates a generation: one Parallel.For over a batch into an array by index.
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*ChoraleFitnessThroughput*' --job short</c>.
/// </summary>
public class ChoraleFitnessThroughputBenchmarks
{
    private ChoraleGenome[] _genomes = [];
    private IFitness<ChoraleGenome> _rulesAndPlan = null!;
    private IFitness<ChoraleGenome> _full = null!;
    private readonly double[] _values = new double[ChoraleFitnessBenchmarks.Batch * 4];

    /// <summary>Threads evaluating the batch.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>As <see cref="ChoraleFitnessBenchmarks.Setup"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var single = new ChoraleFitnessBenchmarks();
        single.Setup();
        (_genomes, _rulesAndPlan, _full) = single.Prepared;
    }

    /// <summary>Rules + plan terms (Markov, style off), a batch of 256 evaluations.</summary>
    [Benchmark(OperationsPerInvoke = ChoraleFitnessBenchmarks.Batch * 4)]
    public double RulesAndPlanTerms_MarkovStyleOff_Batch() => RunBatch(_rulesAndPlan);

    /// <summary>The full fitness, a batch of 256 evaluations.</summary>
    [Benchmark(OperationsPerInvoke = ChoraleFitnessBenchmarks.Batch * 4)]
    public double FullFitness_Batch() => RunBatch(_full);

    private double RunBatch(IFitness<ChoraleGenome> fitness)
    {
        var values = _values;
        var genomes = _genomes;
        Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i => values[i] = fitness.Evaluate(genomes[i % genomes.Length]));
        return values[0];
    }
}

/// <summary>
/// Time to compose a default four-phrase chorale (population 60 × 2 islands, 150 generations) at 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*ComposeBenchmarks*' --job dry --inProcess</c>.
/// </summary>
public class ComposeBenchmarks
{
    private PhrasePlan _plan = null!;

    /// <summary>Threads evaluating fitness.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Makes the plan.</summary>
    [GlobalSetup]
    public void Setup() => _plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime, 4);

    /// <summary>One default composition.</summary>
    [Benchmark]
    public double ComposeDefault() => ChoraleComposer.Compose(new CompositionOptions { Plan = _plan, Seed = 1, Threads = Threads }).Fitness;
}
