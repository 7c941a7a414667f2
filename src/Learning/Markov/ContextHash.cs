namespace EvoComposer.Learning.Markov;

/// <summary>
/// Integer hashing of contexts: a context key is built by mixing a lower-level key with more information, so that
/// a key determines the keys below it (the contract of <see cref="BackoffModelBuilder"/>). 64-bit keys make
/// collisions negligible for corpus-sized models.
/// </summary>
public static class ContextHash
{
    /// <summary>The key of the empty context.</summary>
    public const ulong Empty = 0x243F6A8885A308D3UL;

    /// <summary>Mixes a value into a key (SplitMix64 finaliser over the combination).</summary>
    public static ulong Mix(ulong key, long value)
    {
        ulong z = key ^ ((ulong)value + 0x9E3779B97F4A7C15UL + (key << 6) + (key >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Mixes two values into a key.</summary>
    public static ulong Mix(ulong key, long a, long b) => Mix(Mix(key, a), b);
}
