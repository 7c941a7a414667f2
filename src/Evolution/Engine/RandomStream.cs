namespace EvoComposer.Evolution.Engine;

/// <summary>What a stream of random numbers is used for; part of the tuple every stream is derived from.</summary>
public enum RandomPurpose
{
    /// <summary>Creating the initial population.</summary>
    Initialization = 1,
    /// <summary>Choosing parents.</summary>
    Selection = 2,
    /// <summary>Crossing two parents.</summary>
    Crossover = 3,
    /// <summary>Mutating a child.</summary>
    Mutation = 4,
    /// <summary>Choosing survivors.</summary>
    Reinsertion = 5,
    /// <summary>Moving individuals between islands.</summary>
    Migration = 6,
    /// <summary>Anything a problem needs beyond the above (e.g. a seeded analysis).</summary>
    Other = 7,
}

/// <summary>
/// A fast, well-mixed stream of pseudo-random numbers (SplitMix64) derived from a tuple
/// (seed, generation, individual, purpose), so that what individual <c>i</c> of generation <c>g</c> draws does not
/// depend on which thread runs it, nor on what any other individual drew. There is no global generator: every
/// stream is created by <see cref="For"/>. Not thread-safe: one stream belongs to one piece of work.
/// </summary>
public sealed class RandomStream
{
    private ulong _state;

    private RandomStream(ulong state) => _state = state;

    /// <summary>The stream for one (seed, generation, individual, purpose) tuple.</summary>
    public static RandomStream For(ulong seed, int generation, int individual, RandomPurpose purpose) =>
        new(Hash(seed, (ulong)(uint)generation, (ulong)(uint)individual, (ulong)purpose));

    /// <summary>A seed derived from a parent seed and an index (an island, a run), well mixed.</summary>
    public static ulong DeriveSeed(ulong seed, int index) => Mix(seed ^ Mix(0xA0761D6478BD642FUL + (ulong)(uint)index));

    internal static ulong Hash(ulong a, ulong b, ulong c, ulong d)
    {
        ulong h = Mix(a + 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (b + 0xBF58476D1CE4E5B9UL));
        h = Mix(h ^ (c + 0x94D049BB133111EBUL));
        return Mix(h ^ (d + 0xD6E8FEB86659FD93UL));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        ulong range = (ulong)maxExclusive;
        UInt128 m = (UInt128)(NextUInt64() >> 32) * range;
        ulong low = (ulong)m & 0xFFFFFFFFUL;
        if (low < range)
        {
            ulong threshold = (0x1_0000_0000UL - range) % range;
            while (low < threshold)
            {
                m = (UInt128)(NextUInt64() >> 32) * range;
                low = (ulong)m & 0xFFFFFFFFUL;
            }
        }
        return (int)(ulong)(m >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must exceed the minimum.");
        return minInclusive + NextInt(maxExclusive - minInclusive);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool NextBool(double probability = 0.5) => NextDouble() < probability;

    /// <summary>An index drawn with probability proportional to its (non-negative) weight.</summary>
    /// <exception cref="ArgumentException">No weight is positive.</exception>
    public int NextWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights) total += w > 0 ? w : 0;
        if (!(total > 0)) throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        double u = NextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0) continue;
            last = i;
            u -= weights[i];
            if (u < 0) return i;
        }
        return last;
    }
}
