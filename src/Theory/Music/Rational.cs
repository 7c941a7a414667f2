using System.Globalization;
using System.Numerics;

namespace EvoComposer.Theory.Music;

/// <summary>
/// An exact rational number, always stored in lowest terms with a positive denominator.
/// Used for every musical time value (onsets and durations in quarter notes), never <c>double</c>.
/// The default value is 0. Immutable and thread-safe.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IComparable,
    IAdditionOperators<Rational, Rational, Rational>, ISubtractionOperators<Rational, Rational, Rational>,
    IMultiplyOperators<Rational, Rational, Rational>, IDivisionOperators<Rational, Rational, Rational>,
    IComparisonOperators<Rational, Rational, bool>, IUnaryNegationOperators<Rational, Rational>
{
    private readonly long _numerator;
    private readonly long _denominatorMinusOne; // so that default(Rational) is 0/1

    /// <summary>Zero.</summary>
    public static readonly Rational Zero = new(0, 1);
    /// <summary>One.</summary>
    public static readonly Rational One = new(1, 1);

    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Rational(long numerator, long denominator)
    {
        if (denominator == 0) throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        if (denominator < 0) { numerator = checked(-numerator); denominator = checked(-denominator); }
        long g = Gcd(Math.Abs(numerator), denominator);
        if (g > 1) { numerator /= g; denominator /= g; }
        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
    }

    /// <summary>The numerator (carries the sign).</summary>
    public long Numerator => _numerator;
    /// <summary>The denominator, always positive.</summary>
    public long Denominator => _denominatorMinusOne + 1;
    /// <summary>True when the value is a whole number.</summary>
    public bool IsInteger => Denominator == 1;
    /// <summary>Sign: -1, 0 or 1.</summary>
    public int Sign => Math.Sign(_numerator);

    /// <summary>The largest whole number not greater than this value.</summary>
    public long Floor() => _numerator >= 0 ? _numerator / Denominator : -((-_numerator + Denominator - 1) / Denominator);

    /// <summary>An approximation as double, for display and statistics only.</summary>
    public double ToDouble() => (double)_numerator / Denominator;

    /// <summary>Converts a decimal (exact) to a rational.</summary>
    /// <exception cref="OverflowException">The value needs a numerator or denominator beyond 64 bits.</exception>
    public static Rational FromDecimal(decimal value)
    {
        // Shift the decimal point right until the value is whole; checked arithmetic reports what does not fit.
        long denominator = 1;
        while (value != decimal.Truncate(value))
        {
            value *= 10;
            denominator = checked(denominator * 10);
        }
        return new Rational(decimal.ToInt64(value), denominator);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) { (a, b) = (b, a % b); }
        return a == 0 ? 1 : a;
    }

    /// <inheritdoc/>
    public static Rational operator +(Rational a, Rational b)
    {
        if (a.Denominator == b.Denominator) return new Rational(checked(a._numerator + b._numerator), a.Denominator);
        long g = Gcd(a.Denominator, b.Denominator);
        long da = a.Denominator / g;
        return new Rational(checked(a._numerator * (b.Denominator / g) + b._numerator * da), checked(da * b.Denominator));
    }
    /// <inheritdoc/>
    public static Rational operator -(Rational a, Rational b) => a + (-b);
    /// <inheritdoc/>
    public static Rational operator -(Rational a) => new(checked(-a._numerator), a.Denominator);
    /// <inheritdoc/>
    public static Rational operator *(Rational a, Rational b)
    {
        long g1 = Gcd(Math.Abs(a._numerator), b.Denominator), g2 = Gcd(Math.Abs(b._numerator), a.Denominator);
        return new Rational(checked((a._numerator / g1) * (b._numerator / g2)), checked((a.Denominator / g2) * (b.Denominator / g1)));
    }
    /// <inheritdoc/>
    public static Rational operator /(Rational a, Rational b)
    {
        if (b._numerator == 0) throw new DivideByZeroException();
        return a * new Rational(b.Denominator, b._numerator);
    }
    /// <summary>A whole number as a rational.</summary>
    public static implicit operator Rational(int value) => new(value, 1);
    /// <summary>A whole number as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, 1);

    /// <inheritdoc/>
    public int CompareTo(Rational other)
    {
        if (Denominator == other.Denominator) return _numerator.CompareTo(other._numerator);
        return ((Int128)_numerator * other.Denominator).CompareTo((Int128)other._numerator * Denominator);
    }
    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj is Rational r ? CompareTo(r) : throw new ArgumentException("Not a Rational.", nameof(obj));
    /// <inheritdoc/>
    public bool Equals(Rational other) => _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_numerator, _denominatorMinusOne);
    /// <inheritdoc/>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    /// <inheritdoc/>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    /// <inheritdoc/>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    /// <inheritdoc/>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    /// <inheritdoc/>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    /// <inheritdoc/>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>The smaller of two values.</summary>
    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;
    /// <summary>The larger of two values.</summary>
    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    /// <summary>"3/2", or "2" for whole numbers.</summary>
    public override string ToString() => IsInteger
        ? _numerator.ToString(CultureInfo.InvariantCulture)
        : $"{_numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A decimal string for JSON: exact when the value has a finite decimal expansion (e.g. "1.5", "0.125"),
    /// otherwise rounded to 10 decimal places (e.g. triplets: "0.3333333333").
    /// </summary>
    public string ToDecimalString()
    {
        if (IsInteger) return _numerator.ToString(CultureInfo.InvariantCulture);
        decimal d = (decimal)_numerator / Denominator;
        long den = Denominator;
        while (den % 2 == 0) den /= 2;
        while (den % 5 == 0) den /= 5;
        if (den != 1) d = Math.Round(d, 10);
        return d.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses "3/2", "-1/4", "2" or a decimal like "1.5".</summary>
    public static Rational Parse(string text)
    {
        int slash = text.IndexOf('/');
        if (slash >= 0)
            return new Rational(long.Parse(text[..slash], CultureInfo.InvariantCulture), long.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture));
        return FromDecimal(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
