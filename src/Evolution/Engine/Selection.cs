namespace EvoComposer.Evolution.Engine;

/// <summary>Chooses a parent from a generation by its fitness.</summary>
public interface ISelection
{
    /// <summary>The index of the chosen individual.</summary>
    int Select(FitnessTable table, RandomStream random);
}

/// <summary>Validates the arguments of a selection, then delegates to <see cref="PerformSelect"/>.</summary>
public abstract class SelectionBase : ISelection
{
    /// <inheritdoc/>
    public int Select(FitnessTable table, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(random);
        int index = PerformSelect(table, random);
        if ((uint)index >= (uint)table.Count) throw new InvalidOperationException($"{GetType().Name} chose index {index} of {table.Count}.");
        return index;
    }

    /// <summary>Chooses an index in [0, table.Count).</summary>
    protected abstract int PerformSelect(FitnessTable table, RandomStream random);
}

/// <summary>Tournament selection: draw <see cref="Size"/> individuals uniformly (with replacement), keep the fittest.</summary>
public sealed class TournamentSelection : SelectionBase
{
    /// <summary>Creates the selection.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is less than 1.</exception>
    public TournamentSelection(int size = 3)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A tournament needs at least one contestant.");
        Size = size;
    }

    /// <summary>Contestants per tournament (1 = uniform random choice).</summary>
    public int Size { get; }

    /// <inheritdoc/>
    protected override int PerformSelect(FitnessTable table, RandomStream random)
    {
        int best = random.NextInt(table.Count);
        for (int k = 1; k < Size; k++)
        {
            int c = random.NextInt(table.Count);
            double fc = table.Fitness[c], fb = table.Fitness[best];
            if (fc > fb || (fc == fb && c < best)) best = c;
        }
        return best;
    }
}

/// <summary>
/// Linear rank selection: the probability of an individual depends only on its rank. The best is chosen
/// <see cref="Pressure"/> times as often as the average (1 = uniform, 2 = the worst is never chosen).
/// </summary>
public sealed class RankSelection : SelectionBase
{
    /// <summary>Creates the selection.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Pressure outside [1, 2].</exception>
    public RankSelection(double pressure = 1.7)
    {
        if (!(pressure >= 1 && pressure <= 2)) throw new ArgumentOutOfRangeException(nameof(pressure), pressure, "Rank selection pressure must be within 1…2.");
        Pressure = pressure;
    }

    /// <summary>Expected number of times the best is chosen per population-size draws.</summary>
    public double Pressure { get; }

    /// <inheritdoc/>
    protected override int PerformSelect(FitnessTable table, RandomStream random)
    {
        int n = table.Count;
        if (n == 1) return table.RankOrder[0];
        // Weight of position j counted from the worst (0) to the best (n-1): a + b·j, summing to 1.
        double a = (2 - Pressure) / n, b = 2 * (Pressure - 1) / ((double)n * (n - 1));
        double u = random.NextDouble();
        // Cumulative C(j) = (j+1)·a + b·j(j+1)/2; solve C(j) ≥ u approximately, then correct.
        int j;
        if (b == 0) j = (int)(u / a);
        else
        {
            double q = a + b / 2;
            j = (int)Math.Floor((-q + Math.Sqrt(Math.Max(0, q * q + 2 * b * (u - a)))) / b);
        }
        j = Math.Clamp(j, 0, n - 1);
        while (j > 0 && Cumulative(j - 1) > u) j--;
        while (j < n - 1 && Cumulative(j) <= u) j++;
        return table.RankOrder[n - 1 - j];

        double Cumulative(int k) => (k + 1) * a + b * k * (k + 1) / 2.0;
    }
}
