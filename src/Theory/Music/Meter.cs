using System.Globalization;

namespace EvoComposer.Theory.Music;

/// <summary>
/// A time signature such as 4/4, 3/4 or 6/8. Measure and beat lengths are in quarter notes; compound meters
/// (6/8, 9/8, 12/8) have dotted beats. The default value is not valid; use <see cref="CommonTime"/>.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct Meter
{
    /// <summary>4/4.</summary>
    public static readonly Meter CommonTime = new(4, 4);

    /// <summary>Creates a meter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The numerator is not 1–64 or the denominator not a power of two up to 128.</exception>
    public Meter(int numerator, int denominator)
    {
        if (numerator < 1 || numerator > 64) throw new ArgumentOutOfRangeException(nameof(numerator), numerator, "A meter's numerator must be 1–64.");
        if (denominator < 1 || denominator > 128 || (denominator & (denominator - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "A meter's denominator must be a power of two up to 128.");
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>Beats (or beat units) per measure.</summary>
    public int Numerator { get; }
    /// <summary>The note value of the unit (4 = quarter).</summary>
    public int Denominator { get; }

    /// <summary>True for 6/8, 9/8, 12/8 and the like: the beat is three units long.</summary>
    public bool IsCompound => Numerator % 3 == 0 && Numerator > 3;
    /// <summary>Length of a full measure in quarter notes.</summary>
    public Rational MeasureLength => new(4L * Numerator, Denominator);
    /// <summary>Length of one beat in quarter notes (a dotted quarter in 6/8).</summary>
    public Rational BeatLength => IsCompound ? new Rational(12, Denominator) : new Rational(4, Denominator);
    /// <summary>Beats in a full measure (2 in 6/8, 3 in 3/4).</summary>
    public int BeatsPerMeasure => IsCompound ? Numerator / 3 : Numerator;

    /// <summary>"3/4".</summary>
    public override string ToString() => $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses "3/4"; false when it is not a valid meter.</summary>
    public static bool TryParse(string text, out Meter meter)
    {
        meter = default;
        int slash = text.IndexOf('/');
        if (slash <= 0) return false;
        if (!int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return false;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int d)) return false;
        if (n < 1 || n > 64 || d < 1 || d > 128 || (d & (d - 1)) != 0) return false;
        meter = new Meter(n, d);
        return true;
    }
}
