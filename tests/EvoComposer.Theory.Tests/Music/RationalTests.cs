using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Music;

public class RationalTests
{
    private static readonly Gen<Rational> Rationals =
        from n in Gen.Choose(-100_000, 100_000)
        from d in Gen.Choose(1, 10_000)
        select new Rational(n, d);

    [Fact]
    public void Constructor_ReducesAndMakesDenominatorPositive()
    {
        var r = new Rational(6, -8);
        Assert.Equal(-3, r.Numerator);
        Assert.Equal(4, r.Denominator);
        Assert.Equal(new Rational(1, 2), new Rational(2, 4));
        Assert.Equal(new Rational(1, 2).GetHashCode(), new Rational(2, 4).GetHashCode());
    }

    [Fact]
    public void Default_IsZeroOverOne()
    {
        Assert.Equal(Rational.Zero, default);
        Assert.Equal(1, default(Rational).Denominator);
        Assert.Equal("0", default(Rational).ToString());
    }

    [Fact]
    public void Constructor_ZeroDenominator_Throws() =>
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));

    [Fact]
    public void Arithmetic_SmallFractions_IsExact()
    {
        var half = new Rational(1, 2);
        var third = new Rational(1, 3);
        Assert.Equal(new Rational(5, 6), half + third);
        Assert.Equal(new Rational(1, 6), half - third);
        Assert.Equal(new Rational(1, 6), half * third);
        Assert.Equal(new Rational(3, 2), half / third);
        Assert.Equal(new Rational(-1, 2), -half);
        Assert.Equal(Rational.One, third + third + third);
        Assert.Throws<DivideByZeroException>(() => half / Rational.Zero);
    }

    [Fact]
    public void Arithmetic_Overflow_ThrowsInsteadOfWrapping()
    {
        var huge = new Rational(long.MaxValue, 1);
        Assert.Throws<OverflowException>(() => huge + Rational.One);
        Assert.Throws<OverflowException>(() => new Rational(1, long.MaxValue) + new Rational(1, long.MaxValue - 1));
    }

    [Fact]
    public void Arithmetic_RandomValues_AgreesWithDoubleAndInverts()
    {
        var pairs = Gen.Zip(Rationals, Rationals).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(pairs, p =>
        {
            var (a, b) = p;
            bool sum = Math.Abs((a + b).ToDouble() - (a.ToDouble() + b.ToDouble())) < 1e-6;
            bool inverse = a + b - b == a && (b == Rational.Zero || a * b / b == a);
            return sum && inverse;
        }));
    }

    [Fact]
    public void CompareTo_RandomValues_ConsistentWithDoubleAndEquality()
    {
        var pairs = Gen.Zip(Rationals, Rationals).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(pairs, p =>
        {
            var (a, b) = p;
            int c = a.CompareTo(b);
            // Values at most 1e5 with denominators at most 1e4 differ by at least 1e-8, far above double's error.
            bool likeDouble = Math.Sign(c) == Math.Sign(a.ToDouble().CompareTo(b.ToDouble()));
            bool likeEquality = (c == 0) == (a == b);
            bool operators = (a < b) == (c < 0) && (a <= b) == (c <= 0) && (a > b) == (c > 0) && (a >= b) == (c >= 0);
            return likeDouble && likeEquality && operators && Math.Sign(c) == -Math.Sign(b.CompareTo(a));
        }));
    }

    [Fact]
    public void CompareTo_LargeNumerators_DoesNotOverflow()
    {
        var a = new Rational(long.MaxValue - 1, long.MaxValue);
        var b = new Rational(long.MaxValue - 2, long.MaxValue - 1);
        Assert.True(a > b);
        Assert.True(b < a);
    }

    [Theory]
    [InlineData(3, 2, "1.5")]
    [InlineData(1, 8, "0.125")]
    [InlineData(-5, 4, "-1.25")]
    [InlineData(7, 1, "7")]
    [InlineData(0, 1, "0")]
    [InlineData(1, 3, "0.3333333333")]
    [InlineData(2, 3, "0.6666666667")]
    [InlineData(1, 1024, "0.0009765625")]
    [InlineData(1, 6, "0.1666666667")]
    public void ToDecimalString_ExactWhenFiniteElseTenPlaces(long n, long d, string expected) =>
        Assert.Equal(expected, new Rational(n, d).ToDecimalString());

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-3, 2, -2)]
    [InlineData(-4, 2, -2)]
    [InlineData(0, 5, 0)]
    public void Floor_PositiveAndNegative_RoundsDown(long n, long d, long expected) =>
        Assert.Equal(expected, new Rational(n, d).Floor());

    [Theory]
    [InlineData("3/2", 3, 2)]
    [InlineData("-1/4", -1, 4)]
    [InlineData("2", 2, 1)]
    [InlineData("1.5", 3, 2)]
    [InlineData("0.125", 1, 8)]
    [InlineData("4/-8", -1, 2)]
    public void Parse_Text_GivesReducedValue(string text, long n, long d)
    {
        var r = Rational.Parse(text);
        Assert.Equal(n, r.Numerator);
        Assert.Equal(d, r.Denominator);
    }

    [Fact]
    public void ToString_RoundTripsThroughParse()
    {
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(Rationals.ToArbitrary(), r => Rational.Parse(r.ToString()) == r));
    }

    [Fact]
    public void MinMax_ReturnTheSmallerAndLarger()
    {
        var a = new Rational(1, 3);
        var b = new Rational(1, 2);
        Assert.Equal(a, Rational.Min(a, b));
        Assert.Equal(b, Rational.Max(a, b));
    }

    [Theory]
    [InlineData("1.0000000000000000000", 1, 1)]
    [InlineData("0.000000000000000001", 1, 1_000_000_000_000_000_000)]
    [InlineData("-2.50", -5, 2)]
    public void FromDecimal_ManyDecimalPlaces_IsExact(string text, long n, long d)
    {
        var r = Rational.FromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Rational(n, d), r);
    }

    [Fact]
    public void FromDecimal_DenominatorBeyond64Bits_ThrowsInsteadOfGuessing() =>
        Assert.Throws<OverflowException>(() => Rational.FromDecimal(0.0000000000000000001m));
}
