namespace EvoComposer.Learning.Markov;

/// <summary>
/// A small per-thread memo of log-probabilities keyed by an exact 192-bit description of the query (the raw inputs
/// a caller builds its context keys from, its model and its symbol), so a hit costs a few integer operations and
/// no context hashing, and two different queries can never share an answer (the whole key is compared). Callers
/// make the third word non-zero and unique to their model (<see cref="NewOwner"/>); the values must be a pure
/// function of the key. Per thread, so nothing is shared and results never depend on the thread count.
/// </summary>
internal static class ExactMemo
{
    private const int Bits = 14;
    private static long s_lastOwner;
    [ThreadStatic] private static Entry[]? t_entries;

    private struct Entry
    {
        public ulong A, B, C;
        public double Value;
    }

    /// <summary>A fresh owner number (at least 1) for a model whose answers go into the memo.</summary>
    public static long NewOwner() => Interlocked.Increment(ref s_lastOwner);

    /// <summary>Whether the memo holds the key's value, and the value.</summary>
    public static bool TryGet(ulong a, ulong b, ulong c, out double value)
    {
        ref var entry = ref At(a, b, c);
        value = entry.Value;
        return entry.A == a && entry.B == b && entry.C == c;
    }

    /// <summary>Stores the key's value (replacing whatever shared its slot) and returns it.</summary>
    public static double Remember(ulong a, ulong b, ulong c, double value)
    {
        ref var entry = ref At(a, b, c);
        entry.A = a;
        entry.B = b;
        entry.C = c;
        entry.Value = value;
        return value;
    }

    private static ref Entry At(ulong a, ulong b, ulong c)
    {
        var entries = t_entries ??= new Entry[1 << Bits];
        ulong h = a * 0x9E3779B97F4A7C15UL ^ b * 0xC2B2AE3D27D4EB4FUL ^ c * 0x165667B19E3779F9UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return ref entries[(int)(h >> (64 - Bits))];
    }
}
