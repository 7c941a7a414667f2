using System.Collections.Immutable;

namespace EvoComposer.Evolution.Engine;

/// <summary>
/// The fitness values of one generation, with their ranking (best first; ties broken by lower index, so the
/// order is deterministic). What selection operators read. Immutable.
/// </summary>
public sealed class FitnessTable
{
    /// <summary>Creates the table.</summary>
    /// <exception cref="ArgumentException">Empty, or a value is not finite.</exception>
    public FitnessTable(ImmutableArray<double> fitness)
    {
        if (fitness.IsDefaultOrEmpty) throw new ArgumentException("A population needs at least one individual.", nameof(fitness));
        for (int i = 0; i < fitness.Length; i++)
            if (!double.IsFinite(fitness[i])) throw new ArgumentException($"Fitness of individual {i} is {fitness[i]}, not a finite number.", nameof(fitness));
        Fitness = fitness;
        var order = new int[fitness.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = fitness[b].CompareTo(fitness[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        RankOrder = ImmutableArray.Create(order);
    }

    /// <summary>Fitness by individual index.</summary>
    public ImmutableArray<double> Fitness { get; }
    /// <summary>Individual indices from best to worst.</summary>
    public ImmutableArray<int> RankOrder { get; }
    /// <summary>Number of individuals.</summary>
    public int Count => Fitness.Length;
    /// <summary>Index of the best individual (the lowest index among equals).</summary>
    public int BestIndex => RankOrder[0];
    /// <summary>The best fitness.</summary>
    public double Best => Fitness[RankOrder[0]];
    /// <summary>The worst fitness.</summary>
    public double Worst => Fitness[RankOrder[^1]];
    /// <summary>The mean fitness.</summary>
    public double Mean
    {
        get
        {
            double sum = 0;
            foreach (double f in Fitness) sum += f;
            return sum / Fitness.Length;
        }
    }
}

/// <summary>A population: its genomes and their fitness, by index.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface IPopulation<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <summary>The generation number (0 for the initial population).</summary>
    int Generation { get; }
    /// <summary>The genomes.</summary>
    ImmutableArray<TGenome> Genomes { get; }
    /// <summary>Their fitness and ranking.</summary>
    FitnessTable Table { get; }
    /// <summary>The best genome.</summary>
    TGenome Best { get; }
}

/// <summary>An immutable population of one generation. Two populations built from the same genomes and fitness are interchangeable.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class Population<TGenome> : IPopulation<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <summary>Creates a population.</summary>
    /// <exception cref="ArgumentException">Genomes and fitness differ in number, or a genome is null.</exception>
    public Population(int generation, ImmutableArray<TGenome> genomes, ImmutableArray<double> fitness)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        if (genomes.IsDefault || fitness.IsDefault || genomes.Length != fitness.Length)
            throw new ArgumentException("Every genome needs exactly one fitness value.", nameof(fitness));
        foreach (var g in genomes)
            if (g is null) throw new ArgumentException("A genome is null.", nameof(genomes));
        Generation = generation;
        Genomes = genomes;
        Table = new FitnessTable(fitness);
    }

    /// <inheritdoc/>
    public int Generation { get; }
    /// <inheritdoc/>
    public ImmutableArray<TGenome> Genomes { get; }
    /// <inheritdoc/>
    public FitnessTable Table { get; }
    /// <inheritdoc/>
    public TGenome Best => Genomes[Table.BestIndex];
    /// <summary>Number of individuals.</summary>
    public int Count => Genomes.Length;

    /// <summary>
    /// Diversity in [0, 1]: the mean distance between each individual and the one half a population away
    /// (index i and (i + n/2) mod n), a deterministic O(n) sample of the mean pairwise distance.
    /// </summary>
    public double Diversity()
    {
        int n = Genomes.Length;
        if (n < 2) return 0;
        double sum = 0;
        int half = n / 2;
        for (int i = 0; i < n; i++) sum += Genomes[i].DistanceTo(Genomes[(i + half) % n]);
        return sum / n;
    }
}
