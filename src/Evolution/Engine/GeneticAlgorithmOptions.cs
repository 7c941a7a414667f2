namespace EvoComposer.Evolution.Engine;

/// <summary>
/// The numeric settings of a run. Validated once, when a <see cref="GeneticAlgorithm{TGenome}"/> or
/// <see cref="IslandModel{TGenome}"/> is built. The seed is required: there is no default randomness.
/// </summary>
public sealed record GeneticAlgorithmOptions
{
    /// <summary>The seed every random stream of the run is derived from.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Individuals per population (per island in an island model); default 100.</summary>
    public int PopulationSize { get; init; } = 100;
    /// <summary>Probability that a child is made by crossover rather than copied from its first parent; default 0.8.</summary>
    public double CrossoverProbability { get; init; } = 0.8;
    /// <summary>Probability that a child is mutated; default 0.5.</summary>
    public double MutationProbability { get; init; } = 0.5;
    /// <summary>Threads that evaluate fitness (the result does not depend on it); default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws on the first absurd setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range, with its name.</exception>
    public void Validate()
    {
        if (PopulationSize < 2) throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, "The population needs at least 2 individuals.");
        if (PopulationSize > 1_000_000) throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, "The population may have at most 1,000,000 individuals.");
        if (!(CrossoverProbability >= 0 && CrossoverProbability <= 1)) throw new ArgumentOutOfRangeException(nameof(CrossoverProbability), CrossoverProbability, "A probability must be within 0…1.");
        if (!(MutationProbability >= 0 && MutationProbability <= 1)) throw new ArgumentOutOfRangeException(nameof(MutationProbability), MutationProbability, "A probability must be within 0…1.");
        if (Threads < 1 || Threads > 512) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be within 1…512.");
    }
}

/// <summary>The settings of an island model beyond those of each island. Validated when the model is built.</summary>
public sealed record IslandModelOptions
{
    /// <summary>Number of islands; default 4.</summary>
    public int Islands { get; init; } = 4;
    /// <summary>Generations between migrations; default 10.</summary>
    public int MigrationInterval { get; init; } = 10;
    /// <summary>Individuals each island sends to the next (its best replace the receiver's worst); default 2.</summary>
    public int Migrants { get; init; } = 2;

    /// <summary>Throws on the first absurd setting, given the island population size.</summary>
    public void Validate(int populationSize)
    {
        if (Islands < 1 || Islands > 1024) throw new ArgumentOutOfRangeException(nameof(Islands), Islands, "Islands must be within 1…1024.");
        if (MigrationInterval < 1) throw new ArgumentOutOfRangeException(nameof(MigrationInterval), MigrationInterval, "Must be positive.");
        if (Migrants < 0 || Migrants >= populationSize) throw new ArgumentOutOfRangeException(nameof(Migrants), Migrants, "Must be within 0 and the island population size (exclusive).");
    }
}

/// <summary>The statistics of one generation, as reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Generation">Generation number (0 = the initial population).</param>
/// <param name="Best">Best fitness.</param>
/// <param name="Mean">Mean fitness.</param>
/// <param name="Worst">Worst fitness.</param>
/// <param name="Diversity">Mean genome distance within the population(s), 0…1.</param>
/// <param name="Evaluations">Fitness evaluations made in this generation (children equal to a parent are not re-evaluated).</param>
/// <param name="Elapsed">Wall time since the run began (the one figure that is not deterministic).</param>
public sealed record GenerationStatistics(int Generation, double Best, double Mean, double Worst, double Diversity, int Evaluations, TimeSpan Elapsed);

/// <summary>Why a run stopped.</summary>
public enum StopReason
{
    /// <summary>A termination condition held.</summary>
    TerminationReached,
    /// <summary>The cancellation token was signalled; the result is the last complete generation.</summary>
    Cancelled,
}

/// <summary>The outcome of a run: the best genome, the final population(s) and every generation's statistics.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class EvolutionResult<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    internal EvolutionResult(TGenome best, double bestFitness, IReadOnlyList<Population<TGenome>> populations,
        IReadOnlyList<GenerationStatistics> generations, StopReason reason, string description, long evaluations, TimeSpan elapsed)
    {
        Best = best;
        BestFitness = bestFitness;
        Populations = populations;
        Generations = generations;
        Reason = reason;
        StopDescription = description;
        Evaluations = evaluations;
        Elapsed = elapsed;
    }

    /// <summary>The fittest genome of the last generation (the lowest island and index among equals).</summary>
    public TGenome Best { get; }
    /// <summary>Its fitness.</summary>
    public double BestFitness { get; }
    /// <summary>The final population of each island (one for a plain genetic algorithm).</summary>
    public IReadOnlyList<Population<TGenome>> Populations { get; }
    /// <summary>Statistics of every generation, the initial one first.</summary>
    public IReadOnlyList<GenerationStatistics> Generations { get; }
    /// <summary>Why the run stopped.</summary>
    public StopReason Reason { get; }
    /// <summary>The condition that stopped it, in words.</summary>
    public string StopDescription { get; }
    /// <summary>Fitness evaluations made.</summary>
    public long Evaluations { get; }
    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }
    /// <summary>The number of the last generation.</summary>
    public int LastGeneration => Generations[^1].Generation;
}
