namespace EvoComposer.Evolution.Engine;

/// <summary>The operators and problem of a run (everything except the numbers in <see cref="GeneticAlgorithmOptions"/>).</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed record GeneticOperators<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <summary>Makes the initial genomes.</summary>
    public required IChromosomeFactory<TGenome> Factory { get; init; }
    /// <summary>Judges genomes.</summary>
    public required IFitness<TGenome> Fitness { get; init; }
    /// <summary>Chooses parents; default: a tournament of 3.</summary>
    public ISelection Selection { get; init; } = new TournamentSelection(3);
    /// <summary>Crosses parents.</summary>
    public required ICrossover<TGenome> Crossover { get; init; }
    /// <summary>Mutates children.</summary>
    public required IMutation<TGenome> Mutation { get; init; }
    /// <summary>Chooses survivors; default: the best 2 parents are kept (elitism).</summary>
    public IReinsertion Reinsertion { get; init; } = new ElitistReinsertion(2);
    /// <summary>Decides when to stop; default: 100 generations.</summary>
    public ITermination Termination { get; init; } = new GenerationNumberTermination(100);

    internal void Validate()
    {
        if (Factory is null) throw new ArgumentNullException(nameof(Factory));
        if (Fitness is null) throw new ArgumentNullException(nameof(Fitness));
        if (Selection is null) throw new ArgumentNullException(nameof(Selection));
        if (Crossover is null) throw new ArgumentNullException(nameof(Crossover));
        if (Mutation is null) throw new ArgumentNullException(nameof(Mutation));
        if (Reinsertion is null) throw new ArgumentNullException(nameof(Reinsertion));
        if (Termination is null) throw new ArgumentNullException(nameof(Termination));
    }
}

/// <summary>
/// A generational genetic algorithm with a single population. Deterministic: every random stream is derived from
/// (seed, generation, individual, purpose), and offspring are bred and evaluated in parallel into arrays by
/// index, so the result is the same at any number of threads (only wall-time termination depends on the
/// machine). Built once with validated options; <see cref="Run"/> may be called several times and gives the same
/// result each time. Thread-safe if its operators are.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class GeneticAlgorithm<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    private readonly Evolver<TGenome> _evolver;

    /// <summary>Builds the algorithm, validating every option.</summary>
    /// <exception cref="ArgumentException">An absurd option or a missing operator.</exception>
    public GeneticAlgorithm(GeneticAlgorithmOptions options, GeneticOperators<TGenome> operators)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(operators);
        options.Validate();
        operators.Validate();
        if (operators.Reinsertion.OffspringCount(options.PopulationSize) < 0)
            throw new ArgumentException("The reinsertion asks for a negative number of offspring.", nameof(operators));
        Options = options;
        Operators = operators;
        _evolver = new Evolver<TGenome>(options, operators);
    }

    /// <summary>The options.</summary>
    public GeneticAlgorithmOptions Options { get; }
    /// <summary>The operators.</summary>
    public GeneticOperators<TGenome> Operators { get; }

    /// <summary>Evolves until the termination condition holds or <paramref name="cancellation"/> is signalled.</summary>
    /// <param name="progress">Receives each generation's statistics (on the calling thread, in order).</param>
    /// <param name="cancellation">Stops the run after the current generation; the result is then the last complete generation.</param>
    public EvolutionResult<TGenome> Run(IProgress<GenerationStatistics>? progress = null, CancellationToken cancellation = default) =>
        _evolver.Run([Options.Seed], null, progress, cancellation);
}

/// <summary>
/// An island model: several populations (islands) evolve independently, each with its own seed derived from
/// the run's seed; every <see cref="IslandModelOptions.MigrationInterval"/> generations each island's best
/// <see cref="IslandModelOptions.Migrants"/> replace the worst of the next island on a ring. Deterministic at any
/// number of threads, like <see cref="GeneticAlgorithm{TGenome}"/>.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class IslandModel<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    private readonly Evolver<TGenome> _evolver;

    /// <summary>Builds the model, validating every option.</summary>
    public IslandModel(GeneticAlgorithmOptions options, IslandModelOptions islands, GeneticOperators<TGenome> operators)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(islands);
        ArgumentNullException.ThrowIfNull(operators);
        options.Validate();
        islands.Validate(options.PopulationSize);
        operators.Validate();
        Options = options;
        IslandOptions = islands;
        _evolver = new Evolver<TGenome>(options, operators);
    }

    /// <summary>The options of each island.</summary>
    public GeneticAlgorithmOptions Options { get; }
    /// <summary>The island settings.</summary>
    public IslandModelOptions IslandOptions { get; }

    /// <summary>Evolves all islands until the termination condition holds (judged on the best of all islands).</summary>
    public EvolutionResult<TGenome> Run(IProgress<GenerationStatistics>? progress = null, CancellationToken cancellation = default)
    {
        var seeds = new ulong[IslandOptions.Islands];
        for (int i = 0; i < seeds.Length; i++) seeds[i] = RandomStream.DeriveSeed(Options.Seed, i);
        return _evolver.Run(seeds, IslandOptions, progress, cancellation);
    }
}
