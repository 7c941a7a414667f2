using System.Collections.Immutable;

namespace EvoComposer.Evolution.Engine;

/// <summary>Chooses the next generation from the current one and its offspring.</summary>
public interface IReinsertion
{
    /// <summary>How many offspring to make for a population of the given size.</summary>
    int OffspringCount(int populationSize);

    /// <summary>
    /// Which individuals survive, <paramref name="populationSize"/> of them: indices below
    /// <c>parents.Count</c> name parents, the others offspring (index − parents.Count).
    /// </summary>
    ImmutableArray<int> Survivors(FitnessTable parents, FitnessTable offspring, int populationSize);
}

/// <summary>Validates the arguments of a reinsertion, then delegates to <see cref="PerformSurvivors"/>.</summary>
public abstract class ReinsertionBase : IReinsertion
{
    /// <inheritdoc/>
    public virtual int OffspringCount(int populationSize) => populationSize;

    /// <inheritdoc/>
    public ImmutableArray<int> Survivors(FitnessTable parents, FitnessTable offspring, int populationSize)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(offspring);
        if (populationSize < 1) throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "Must be positive.");
        var result = PerformSurvivors(parents, offspring, populationSize);
        if (result.Length != populationSize) throw new InvalidOperationException($"{GetType().Name} kept {result.Length} of {populationSize}.");
        foreach (int i in result)
            if ((uint)i >= (uint)(parents.Count + offspring.Count)) throw new InvalidOperationException($"{GetType().Name} kept index {i}.");
        return result;
    }

    /// <summary>The survivors (see <see cref="IReinsertion.Survivors"/>).</summary>
    protected abstract ImmutableArray<int> PerformSurvivors(FitnessTable parents, FitnessTable offspring, int populationSize);
}

/// <summary>
/// Elitist reinsertion: the best <see cref="EliteCount"/> parents survive unchanged; the rest of the places go
/// to the best offspring (or, with <see cref="TruncateOffspring"/> false, to offspring in index order).
/// The best fitness therefore never decreases from one generation to the next.
/// </summary>
public sealed class ElitistReinsertion : ReinsertionBase
{
    /// <summary>Creates the reinsertion.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative elite count.</exception>
    public ElitistReinsertion(int eliteCount = 2, bool truncateOffspring = false)
    {
        if (eliteCount < 0) throw new ArgumentOutOfRangeException(nameof(eliteCount), eliteCount, "Must not be negative.");
        EliteCount = eliteCount;
        TruncateOffspring = truncateOffspring;
    }

    /// <summary>Parents kept (at least one when positive; limited by the population size).</summary>
    public int EliteCount { get; }
    /// <summary>True: offspring compete for the remaining places by fitness; false: they take them in index order.</summary>
    public bool TruncateOffspring { get; }

    /// <inheritdoc/>
    public override int OffspringCount(int populationSize) =>
        TruncateOffspring ? populationSize : Math.Max(0, populationSize - EliteCount);

    /// <inheritdoc/>
    protected override ImmutableArray<int> PerformSurvivors(FitnessTable parents, FitnessTable offspring, int populationSize)
    {
        int elites = Math.Min(Math.Min(EliteCount, parents.Count), populationSize);
        int rest = populationSize - elites;
        if (rest > offspring.Count) throw new InvalidOperationException($"{rest} offspring needed, {offspring.Count} made.");
        var result = ImmutableArray.CreateBuilder<int>(populationSize);
        for (int i = 0; i < elites; i++) result.Add(parents.RankOrder[i]);
        for (int i = 0; i < rest; i++) result.Add(parents.Count + (TruncateOffspring ? offspring.RankOrder[i] : i));
        return result.MoveToImmutable();
    }
}
