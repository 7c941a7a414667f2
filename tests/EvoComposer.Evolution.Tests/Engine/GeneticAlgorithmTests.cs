using EvoComposer.Evolution.Engine;
using EvoComposer.Evolution.Engine.Samples;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Evolution.Tests.Engine;

public class GeneticAlgorithmTests
{
    internal static GeneticOperators<BitStringGenome> OneMax(int length, ITermination termination, IReinsertion? reinsertion = null, IFitness<BitStringGenome>? fitness = null) => new()
    {
        Factory = new RandomBitStringFactory(length),
        Fitness = fitness ?? new OneMaxFitness(),
        Crossover = new UniformBitCrossover(),
        Mutation = new BitFlipMutation(),
        Termination = termination,
        Reinsertion = reinsertion ?? new ElitistReinsertion(2),
    };

    /// <summary>A deceptive fitness whose mutations often lower it, so elitism has something to protect.</summary>
    private sealed class TrapFitness : IFitness<BitStringGenome>
    {
        public double Evaluate(BitStringGenome g)
        {
            int ones = g.Ones;
            return ones == g.Length ? 2 * g.Length : g.Length - ones + Math.Sin(ones * 1.7);
        }
    }

    private static string Fingerprint(EvolutionResult<BitStringGenome> r) =>
        string.Join("|", r.Generations.Select(s => $"{s.Generation}:{s.Best:R}:{s.Mean:R}:{s.Worst:R}:{s.Diversity:R}:{s.Evaluations}"))
        + "#" + string.Join(",", r.Populations.SelectMany(p => p.Genomes).Select(g => g.ToString())) + "#" + r.Best;

    [Fact]
    public void Elitism_NeverLowersTheBestFitness_Property()
    {
        var arb = Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Zip(Gen.Choose(1, 4), Gen.Choose(4, 24))).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(arb, t =>
        {
            var (seed, (elites, size)) = t;
            var ga = new GeneticAlgorithm<BitStringGenome>(
                new GeneticAlgorithmOptions { Seed = (ulong)seed, PopulationSize = size, MutationProbability = 1 },
                OneMax(20, new GenerationNumberTermination(15), new ElitistReinsertion(elites), new TrapFitness()));
            var best = ga.Run().Generations.Select(s => s.Best).ToArray();
            for (int i = 1; i < best.Length; i++)
                if (best[i] < best[i - 1]) return false;
            return true;
        }));
    }

    [Fact]
    public void WithoutElitism_TheBestFitnessCanFall()
    {
        // The counterpart of the property above: it does test something.
        var ga = new GeneticAlgorithm<BitStringGenome>(
            new GeneticAlgorithmOptions { Seed = 3, PopulationSize = 8, MutationProbability = 1 },
            OneMax(20, new GenerationNumberTermination(30), new ElitistReinsertion(0), new TrapFitness()));
        var best = ga.Run().Generations.Select(s => s.Best).ToArray();
        Assert.Contains(Enumerable.Range(1, best.Length - 1), i => best[i] < best[i - 1]);
    }

    [Fact]
    public void SameSeed_GivesIdenticalRuns_AtOneTwoAndFourThreads_Property()
    {
        var arb = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(10), Prop.ForAll(arb, seed =>
        {
            string Run(int threads) => Fingerprint(new GeneticAlgorithm<BitStringGenome>(
                new GeneticAlgorithmOptions { Seed = (ulong)seed, PopulationSize = 30, Threads = threads },
                OneMax(40, new GenerationNumberTermination(12), new ElitistReinsertion(2, truncateOffspring: true))).Run());
            string one = Run(1);
            return one == Run(2) && one == Run(4);
        }));
    }

    [Fact]
    public void IslandModel_SameSeed_GivesIdenticalRuns_AtOneAndFourThreads_Property()
    {
        var arb = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(6), Prop.ForAll(arb, seed =>
        {
            string Run(int threads) => Fingerprint(new IslandModel<BitStringGenome>(
                new GeneticAlgorithmOptions { Seed = (ulong)seed, PopulationSize = 12, Threads = threads },
                new IslandModelOptions { Islands = 3, MigrationInterval = 3, Migrants = 2 },
                OneMax(30, new GenerationNumberTermination(10))).Run());
            return Run(1) == Run(4);
        }));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentRuns()
    {
        string Run(ulong seed) => Fingerprint(new GeneticAlgorithm<BitStringGenome>(
            new GeneticAlgorithmOptions { Seed = seed, PopulationSize = 10 }, OneMax(30, new GenerationNumberTermination(3))).Run());
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void OneMax_Converges_ToTheOptimum()
    {
        var ga = new GeneticAlgorithm<BitStringGenome>(
            new GeneticAlgorithmOptions { Seed = 11, PopulationSize = 60, Threads = 2 },
            OneMax(64, new AnyTermination(new FitnessThresholdTermination(64), new GenerationNumberTermination(400))));
        var result = ga.Run();
        Assert.Equal(64, result.BestFitness);
        Assert.Equal("fitness 64 reached", result.StopDescription);
        Assert.True(result.LastGeneration < 400);
        Assert.True(result.Generations[^1].Mean > result.Generations[0].Mean + 10);
        Assert.True(result.Generations[^1].Diversity < result.Generations[0].Diversity);
    }

    [Fact]
    public void IslandModel_OneMax_Converges_AndMigrationSpreadsTheBest()
    {
        var model = new IslandModel<BitStringGenome>(
            new GeneticAlgorithmOptions { Seed = 5, PopulationSize = 20 },
            new IslandModelOptions { Islands = 4, MigrationInterval = 5, Migrants = 2 },
            OneMax(48, new AnyTermination(new FitnessThresholdTermination(48), new GenerationNumberTermination(400))));
        var result = model.Run();
        Assert.Equal(48, result.BestFitness);
        Assert.Equal(4, result.Populations.Count);
    }

    [Fact]
    public void GenerationNumber_StopsAfterExactlyThatManyGenerations()
    {
        var progress = new List<int>();
        var result = new GeneticAlgorithm<BitStringGenome>(new GeneticAlgorithmOptions { Seed = 1, PopulationSize = 6 },
            OneMax(10, new GenerationNumberTermination(7))).Run(new SyncProgress(s => progress.Add(s.Generation)));
        Assert.Equal(7, result.LastGeneration);
        Assert.Equal(Enumerable.Range(0, 8), progress);
        Assert.Equal(StopReason.TerminationReached, result.Reason);
    }

    private sealed class ConstantFitness : IFitness<BitStringGenome>
    {
        public double Evaluate(BitStringGenome genome) => 1;
    }

    [Fact]
    public void Stagnation_StopsWhenTheBestStopsRising()
    {
        var result = new GeneticAlgorithm<BitStringGenome>(new GeneticAlgorithmOptions { Seed = 1, PopulationSize = 6 },
            OneMax(10, new AnyTermination(new StagnationTermination(5), new GenerationNumberTermination(100)), fitness: new ConstantFitness())).Run();
        Assert.Equal(5, result.LastGeneration);
        Assert.Equal("no improvement for 5 generations", result.StopDescription);
    }

    private sealed class SlowFitness : IFitness<BitStringGenome>
    {
        public double Evaluate(BitStringGenome genome)
        {
            Thread.Sleep(1);
            return genome.Ones;
        }
    }

    [Fact]
    public void WallTime_StopsTheRun()
    {
        var result = new GeneticAlgorithm<BitStringGenome>(new GeneticAlgorithmOptions { Seed = 1, PopulationSize = 4 },
            OneMax(10, new AnyTermination(new WallTimeTermination(TimeSpan.FromMilliseconds(100)), new GenerationNumberTermination(100_000)), fitness: new SlowFitness())).Run();
        Assert.Contains("wall time", result.StopDescription);
        Assert.True(result.LastGeneration < 100_000);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Cancellation_StopsAtAGenerationBoundary_AndReturnsTheLastCompleteGeneration()
    {
        using var cts = new CancellationTokenSource();
        var ga = new GeneticAlgorithm<BitStringGenome>(new GeneticAlgorithmOptions { Seed = 1, PopulationSize = 10, Threads = 2 },
            OneMax(16, new GenerationNumberTermination(1000)));
        var result = ga.Run(new SyncProgress(s => { if (s.Generation == 5) cts.Cancel(); }), cts.Token);
        Assert.Equal(StopReason.Cancelled, result.Reason);
        Assert.Equal(5, result.LastGeneration);
        Assert.Equal(result.Generations[^1].Best, result.BestFitness);
    }

    [Fact]
    public void Cancellation_BeforeTheFirstGeneration_Throws()
    {
        var ga = new GeneticAlgorithm<BitStringGenome>(new GeneticAlgorithmOptions { Seed = 1, PopulationSize = 10 }, OneMax(16, new GenerationNumberTermination(10)));
        Assert.ThrowsAny<OperationCanceledException>(() => ga.Run(null, new CancellationToken(true)));
    }

    [Fact]
    public void Options_AreValidatedWhenTheAlgorithmIsBuilt()
    {
        var ops = OneMax(8, new GenerationNumberTermination(1));
        void Build(GeneticAlgorithmOptions o) => _ = new GeneticAlgorithm<BitStringGenome>(o, ops);
        Assert.Equal("PopulationSize", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new() { Seed = 1, PopulationSize = 0 })).ParamName);
        Assert.Equal("Threads", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new() { Seed = 1, Threads = 0 })).ParamName);
        Assert.Equal("CrossoverProbability", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new() { Seed = 1, CrossoverProbability = 1.5 })).ParamName);
        Assert.Equal("MutationProbability", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new() { Seed = 1, MutationProbability = double.NaN })).ParamName);
        Assert.Throws<ArgumentNullException>(() => new GeneticAlgorithm<BitStringGenome>(new() { Seed = 1 }, ops with { Crossover = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IslandModel<BitStringGenome>(new() { Seed = 1, PopulationSize = 4 }, new IslandModelOptions { Migrants = 4 }, ops));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IslandModel<BitStringGenome>(new() { Seed = 1 }, new IslandModelOptions { Islands = 0 }, ops));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationNumberTermination(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StagnationTermination(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WallTimeTermination(TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new AnyTermination());
    }

    private sealed class NaNFitness : IFitness<BitStringGenome>
    {
        public double Evaluate(BitStringGenome genome) => double.NaN;
    }

    [Fact]
    public void AFitnessThatIsNotANumber_IsReported()
    {
        var ga = new GeneticAlgorithm<BitStringGenome>(new() { Seed = 1, PopulationSize = 4, Threads = 2 }, OneMax(8, new GenerationNumberTermination(1), fitness: new NaNFitness()));
        Assert.Contains("NaN", Assert.Throws<InvalidOperationException>(() => ga.Run()).Message);
    }

    [Fact]
    public void CrossoverBase_RejectsParentsOfDifferentLength()
    {
        var r = RandomStream.For(1, 0, 0, RandomPurpose.Crossover);
        Assert.Throws<ArgumentException>(() => new UniformBitCrossover().Cross(new BitStringGenome([true]), new BitStringGenome([true, false]), r));
        Assert.Throws<ArgumentNullException>(() => new BitFlipMutation().Mutate(null!, r));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    internal sealed class SyncProgress(Action<GenerationStatistics> action) : IProgress<GenerationStatistics>
    {
        public void Report(GenerationStatistics value) => action(value);
    }
}
