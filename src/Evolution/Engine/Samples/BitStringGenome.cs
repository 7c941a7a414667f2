using System.Collections.Immutable;

namespace EvoComposer.Evolution.Engine.Samples;

/// <summary>
/// A toy genome of bits, with the classic OneMax problem and its operators: a small, fully known problem for
/// tests, benchmarks and examples of the engine. Immutable; equality by bits.
/// </summary>
public sealed class BitStringGenome : IChromosome<BitStringGenome>
{
    private readonly ImmutableArray<bool> _bits;
    private readonly int _hash;

    /// <summary>Creates a genome from its bits.</summary>
    public BitStringGenome(IEnumerable<bool> bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        _bits = bits.ToImmutableArray();
        var h = new HashCode();
        foreach (bool b in _bits) h.Add(b);
        _hash = h.ToHashCode();
    }

    /// <summary>The bits.</summary>
    public ImmutableArray<bool> Bits => _bits;
    /// <inheritdoc/>
    public int Length => _bits.Length;
    /// <summary>Number of bits set.</summary>
    public int Ones => _bits.Count(b => b);

    /// <inheritdoc/>
    public double DistanceTo(BitStringGenome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int n = Math.Max(Length, other.Length), d = Math.Abs(Length - other.Length);
        for (int i = 0; i < Math.Min(Length, other.Length); i++) if (_bits[i] != other._bits[i]) d++;
        return n == 0 ? 0 : (double)d / n;
    }

    /// <inheritdoc/>
    public bool Equals(BitStringGenome? other) => other is not null && _hash == other._hash && _bits.AsSpan().SequenceEqual(other._bits.AsSpan());
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BitStringGenome);
    /// <inheritdoc/>
    public override int GetHashCode() => _hash;
    /// <summary>"0110…".</summary>
    public override string ToString() => string.Concat(_bits.Select(b => b ? '1' : '0'));
}

/// <summary>Random bit strings of a fixed length.</summary>
/// <param name="length">Bits per genome.</param>
public sealed class RandomBitStringFactory(int length) : IChromosomeFactory<BitStringGenome>
{
    /// <summary>Bits per genome.</summary>
    public int Length { get; } = length >= 1 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, "Must be positive.");

    /// <inheritdoc/>
    public BitStringGenome Create(RandomStream random)
    {
        var bits = new bool[Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = random.NextBool();
        return new BitStringGenome(bits);
    }
}

/// <summary>OneMax: the fitness is the number of bits set (the optimum is all ones).</summary>
public sealed class OneMaxFitness : IFitness<BitStringGenome>
{
    /// <inheritdoc/>
    public double Evaluate(BitStringGenome genome) => genome.Ones;
}

/// <summary>Uniform crossover: each bit from either parent with equal probability.</summary>
public sealed class UniformBitCrossover : CrossoverBase<BitStringGenome>
{
    /// <inheritdoc/>
    protected override BitStringGenome PerformCross(BitStringGenome first, BitStringGenome second, RandomStream random)
    {
        var bits = new bool[first.Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = random.NextBool() ? first.Bits[i] : second.Bits[i];
        return new BitStringGenome(bits);
    }
}

/// <summary>Flips each bit with a probability (default: one bit per genome on average).</summary>
/// <param name="rate">Probability per bit; 0 or less means 1 / length.</param>
public sealed class BitFlipMutation(double rate = 0) : MutationBase<BitStringGenome>
{
    /// <inheritdoc/>
    protected override BitStringGenome PerformMutate(BitStringGenome genome, RandomStream random)
    {
        double p = rate > 0 ? rate : 1.0 / Math.Max(1, genome.Length);
        var bits = genome.Bits.ToArray();
        for (int i = 0; i < bits.Length; i++) if (random.NextBool(p)) bits[i] = !bits[i];
        return new BitStringGenome(bits);
    }
}
