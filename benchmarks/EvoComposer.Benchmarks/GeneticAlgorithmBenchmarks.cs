using BenchmarkDotNet.Attributes;
using EvoComposer.Evolution.Engine;
using EvoComposer.Evolution.Engine.Samples;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Generations per second of the generic engine on OneMax (256 bits, population 200, 20 generations per
/// operation) at 1 and 2 threads. Divide 20 by the mean time for generations/s, and 20 × 198 by it for
/// fitness evaluations/s (elitism keeps 2 parents unevaluated).
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*GeneticAlgorithm*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GeneticAlgorithmBenchmarks
{
    private GeneticAlgorithm<BitStringGenome> _ga = null!;

    /// <summary>Threads evaluating fitness.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the algorithm.</summary>
    [GlobalSetup]
    public void Setup() => _ga = new GeneticAlgorithm<BitStringGenome>(
        new GeneticAlgorithmOptions { Seed = 1, PopulationSize = 200, Threads = Threads, MutationProbability = 1 },
        new GeneticOperators<BitStringGenome>
        {
            Factory = new RandomBitStringFactory(256),
            Fitness = new OneMaxFitness(),
            Crossover = new UniformBitCrossover(),
            Mutation = new BitFlipMutation(),
            Termination = new GenerationNumberTermination(20),
        });

    /// <summary>Twenty generations.</summary>
    [Benchmark]
    public double TwentyGenerations() => _ga.Run().BestFitness;
}
