namespace EvoComposer.Evolution.Engine;

/// <summary>Makes one child from two parents. Must be pure and thread-safe; parents are never modified.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface ICrossover<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <summary>The child.</summary>
    TGenome Cross(TGenome first, TGenome second, RandomStream random);
}

/// <summary>Validates the arguments of a crossover, then delegates to <see cref="PerformCross"/>.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public abstract class CrossoverBase<TGenome> : ICrossover<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <inheritdoc/>
    public TGenome Cross(TGenome first, TGenome second, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(random);
        if (first.Length != second.Length)
            throw new ArgumentException($"Parents differ in length ({first.Length} and {second.Length}).", nameof(second));
        return PerformCross(first, second, random) ?? throw new InvalidOperationException($"{GetType().Name} returned no child.");
    }

    /// <summary>The child of two parents of equal length.</summary>
    protected abstract TGenome PerformCross(TGenome first, TGenome second, RandomStream random);
}

/// <summary>Returns a changed copy of a genome. Must be pure and thread-safe; the input is never modified.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface IMutation<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <summary>The mutated genome (may equal the input when nothing applicable was found).</summary>
    TGenome Mutate(TGenome genome, RandomStream random);
}

/// <summary>Validates the arguments of a mutation, then delegates to <see cref="PerformMutate"/>.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public abstract class MutationBase<TGenome> : IMutation<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <inheritdoc/>
    public TGenome Mutate(TGenome genome, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        return PerformMutate(genome, random) ?? throw new InvalidOperationException($"{GetType().Name} returned no genome.");
    }

    /// <summary>The mutated genome.</summary>
    protected abstract TGenome PerformMutate(TGenome genome, RandomStream random);
}

/// <summary>Applies one of several mutations, chosen with probability proportional to its weight. Immutable.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class WeightedMutation<TGenome> : MutationBase<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    private readonly IMutation<TGenome>[] _mutations;
    private readonly double[] _weights;

    /// <summary>Creates the mutation; entries of weight 0 are dropped.</summary>
    /// <exception cref="ArgumentException">No entry has a positive weight, or a weight is negative or not finite.</exception>
    public WeightedMutation(IEnumerable<(IMutation<TGenome> Mutation, double Weight)> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        var list = mutations.ToList();
        foreach (var (m, w) in list)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(mutations));
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"Weight {w} of {m.GetType().Name} must be finite and non-negative.", nameof(mutations));
        }
        list.RemoveAll(e => e.Weight == 0);
        if (list.Count == 0) throw new ArgumentException("At least one mutation needs a positive weight.", nameof(mutations));
        _mutations = list.Select(e => e.Mutation).ToArray();
        _weights = list.Select(e => e.Weight).ToArray();
    }

    /// <summary>The mutations in use.</summary>
    public IReadOnlyList<IMutation<TGenome>> Mutations => _mutations;

    /// <inheritdoc/>
    protected override TGenome PerformMutate(TGenome genome, RandomStream random) =>
        _mutations[random.NextWeighted(_weights)].Mutate(genome, random);
}
