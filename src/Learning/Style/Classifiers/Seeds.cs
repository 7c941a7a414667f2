namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>Derives independent, reproducible seeds from a seed and a purpose (SplitMix64), never from a global generator.</summary>
internal static class Seeds
{
    public static int Derive(int seed, int a, int b = 0)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)a * 0xBF58476D1CE4E5B9UL + (ulong)(uint)b * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    public static void Shuffle<T>(T[] items, Random random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
