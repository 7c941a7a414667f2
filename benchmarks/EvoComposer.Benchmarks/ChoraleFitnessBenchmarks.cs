using BenchmarkDotNet.Attributes;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>
/// The chorale fitness of one 16-bar chorale (8 phrases of 2 measures of 4/4) with the default weights, and the
/// slice grid alone.
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*Chorale*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ChoraleFitnessBenchmarks
{
    private ChoraleGenome _genome = null!;
    private IFitness<ChoraleGenome> _fitness = null!;

    /// <summary>Makes a random chorale.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        _genome = new RandomChoraleFactory(plan).Create(RandomStream.For(1, 0, 0, RandomPurpose.Initialization));
        _fitness = ChoraleFitness.Create(FitnessWeights.Default);
    }

    /// <summary>All default terms on a 16-bar chorale.</summary>
    [Benchmark]
    public double Fitness16Bars() => _fitness.Evaluate(_genome);

    /// <summary>The slice grid alone.</summary>
    [Benchmark]
    public int SliceGrid16Bars() => _genome.ToSliceGrid().SliceCount;
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
