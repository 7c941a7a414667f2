using System.Globalization;

namespace EvoComposer.Theory.Music;

/// <summary>The quality of an interval.</summary>
public enum IntervalQuality
{
    /// <summary>Doubly diminished.</summary>
    DoublyDiminished,
    /// <summary>Diminished.</summary>
    Diminished,
    /// <summary>Minor.</summary>
    Minor,
    /// <summary>Perfect.</summary>
    Perfect,
    /// <summary>Major.</summary>
    Major,
    /// <summary>Augmented.</summary>
    Augmented,
    /// <summary>Doubly augmented.</summary>
    DoublyAugmented,
}

/// <summary>
/// A directed, spelled interval: a generic size (unison = 1, second = 2, …, twelfth = 12; negative when
/// descending) together with its size in semitones. The quality follows from the two (a third of 4 semitones
/// is major, of 3 minor). C–G is a perfect fifth, C–A𝄫 a diminished sixth, though both span 7 semitones.
/// The default value is a perfect unison. Immutable and thread-safe.
/// </summary>
public readonly struct Interval : IEquatable<Interval>, IComparable<Interval>, IComparable
{
    private readonly int _diatonicSteps;
    private readonly int _semitones;

    /// <summary>Creates an interval from the number of diatonic steps (0 = unison, 4 = fifth, −2 = third down) and semitones.</summary>
    public Interval(int diatonicSteps, int semitones)
    {
        _diatonicSteps = diatonicSteps;
        _semitones = semitones;
    }

    /// <summary>Diatonic steps between the two notes (0 for a unison, 7 for an octave), signed.</summary>
    public int DiatonicSteps => _diatonicSteps;
    /// <summary>Semitones, signed.</summary>
    public int Semitones => _semitones;
    /// <summary>Generic size: 1 = unison, 5 = fifth, 8 = octave, 12 = twelfth; negative when descending.</summary>
    public int GenericSize => _diatonicSteps >= 0 ? _diatonicSteps + 1 : _diatonicSteps - 1;
    /// <summary>+1 ascending, −1 descending, 0 for a unison of any quality (direction then follows the semitones).</summary>
    public int Direction => Math.Sign(_diatonicSteps != 0 ? _diatonicSteps : _semitones);
    /// <summary>True beyond an octave (a ninth or more).</summary>
    public bool IsCompound => Math.Abs(_diatonicSteps) > 7;
    /// <summary>Absolute size, ascending.</summary>
    public Interval Abs => _diatonicSteps < 0 || (_diatonicSteps == 0 && _semitones < 0) ? new Interval(-_diatonicSteps, -_semitones) : this;

    /// <summary>
    /// The interval reduced to within an octave, ascending (a twelfth becomes a fifth; an octave stays an
    /// octave; a double octave becomes an octave).
    /// </summary>
    public Interval Simple
    {
        get
        {
            var a = Abs;
            if (a._diatonicSteps <= 7) return a;
            int octaves = (a._diatonicSteps - 1) / 7;
            return new Interval(a._diatonicSteps - 7 * octaves, a._semitones - 12 * octaves);
        }
    }

    /// <summary>The simple generic size 1–8 (a unison, a second, … an octave), ignoring direction.</summary>
    public int SimpleGenericSize => Simple.GenericSize;

    /// <summary>Whether the interval is perfect (unisons, fourths, fifths and octaves of perfect quality, compound included).</summary>
    public bool IsPerfect => Quality == IntervalQuality.Perfect;

    /// <summary>The quality, from the simple generic size and the semitones.</summary>
    public IntervalQuality Quality
    {
        get
        {
            var s = Simple;
            int generic = s.GenericSize; // 1..8
            int reference = generic switch { 1 => 0, 2 => 2, 3 => 4, 4 => 5, 5 => 7, 6 => 9, 7 => 11, _ => 12 };
            int diff = s._semitones - reference;
            bool perfectKind = generic is 1 or 4 or 5 or 8;
            if (perfectKind)
            {
                return diff switch
                {
                    0 => IntervalQuality.Perfect,
                    1 => IntervalQuality.Augmented,
                    -1 => IntervalQuality.Diminished,
                    >= 2 => IntervalQuality.DoublyAugmented,
                    _ => IntervalQuality.DoublyDiminished,
                };
            }
            return diff switch
            {
                0 => IntervalQuality.Major,
                -1 => IntervalQuality.Minor,
                1 => IntervalQuality.Augmented,
                -2 => IntervalQuality.Diminished,
                >= 2 => IntervalQuality.DoublyAugmented,
                _ => IntervalQuality.DoublyDiminished,
            };
        }
    }

    /// <summary>The interval from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Interval Between(Pitch from, Pitch to) => new(to.DiatonicIndex - from.DiatonicIndex, to.Midi - from.Midi);

    /// <summary>The same interval in the opposite direction.</summary>
    public Interval Inverse => new(-_diatonicSteps, -_semitones);

    /// <summary>Adds two intervals (a major third plus a minor third is a perfect fifth).</summary>
    public static Interval operator +(Interval a, Interval b) => new(a._diatonicSteps + b._diatonicSteps, a._semitones + b._semitones);
    /// <summary>Subtracts two intervals.</summary>
    public static Interval operator -(Interval a, Interval b) => new(a._diatonicSteps - b._diatonicSteps, a._semitones - b._semitones);
    /// <summary>Reverses the direction.</summary>
    public static Interval operator -(Interval a) => a.Inverse;

    /// <summary>Common intervals, ascending.</summary>
    public static readonly Interval PerfectUnison = new(0, 0), MinorSecond = new(1, 1), MajorSecond = new(1, 2),
        MinorThird = new(2, 3), MajorThird = new(2, 4), PerfectFourth = new(3, 5), AugmentedFourth = new(3, 6),
        DiminishedFifth = new(4, 6), PerfectFifth = new(4, 7), MinorSixth = new(5, 8), MajorSixth = new(5, 9),
        MinorSeventh = new(6, 10), MajorSeventh = new(6, 11), PerfectOctave = new(7, 12);

    private static string QualityLetter(IntervalQuality q) => q switch
    {
        IntervalQuality.DoublyDiminished => "dd",
        IntervalQuality.Diminished => "d",
        IntervalQuality.Minor => "m",
        IntervalQuality.Perfect => "P",
        IntervalQuality.Major => "M",
        IntervalQuality.Augmented => "A",
        _ => "AA",
    };

    /// <summary>Short name such as "P5", "m3", "A4", "P12"; descending intervals get a leading "-" ("-M2").</summary>
    public override string ToString()
    {
        string name = QualityLetter(Quality) + Math.Abs(GenericSize).ToString(CultureInfo.InvariantCulture);
        return Direction < 0 ? "-" + name : name;
    }

    /// <summary>Parses a name such as "P5", "m3", "-M2", "A4", "P12".</summary>
    public static Interval Parse(string text)
    {
        int sign = 1, i = 0;
        if (text.StartsWith('-')) { sign = -1; i = 1; }
        int j = i;
        while (j < text.Length && !char.IsDigit(text[j])) j++;
        string q = text[i..j];
        if (!int.TryParse(text.AsSpan(j), NumberStyles.None, CultureInfo.InvariantCulture, out int generic) || generic < 1)
            throw new FormatException($"'{text}' is not an interval such as P5 or m3.");
        int steps = generic - 1, octaves = steps / 7, simple = steps % 7 + 1;
        int reference = simple switch { 1 => 0, 2 => 2, 3 => 4, 4 => 5, 5 => 7, 6 => 9, _ => 11 } + 12 * octaves;
        bool perfectKind = simple is 1 or 4 or 5;
        int diff = (q, perfectKind) switch
        {
            ("P", true) => 0,
            ("M", false) => 0,
            ("m", false) => -1,
            ("A", _) => 1,
            ("AA", _) => 2,
            ("d", true) => -1,
            ("d", false) => -2,
            ("dd", true) => -2,
            ("dd", false) => -3,
            _ => throw new FormatException($"'{text}' has no valid quality for a {generic}."),
        };
        return new Interval(sign * steps, sign * (reference + diff));
    }

    /// <inheritdoc/>
    public bool Equals(Interval other) => _diatonicSteps == other._diatonicSteps && _semitones == other._semitones;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Interval i && Equals(i);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_diatonicSteps, _semitones);
    /// <summary>Orders by semitones, then by diatonic steps.</summary>
    public int CompareTo(Interval other)
    {
        int c = _semitones.CompareTo(other._semitones);
        return c != 0 ? c : _diatonicSteps.CompareTo(other._diatonicSteps);
    }
    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj is Interval i ? CompareTo(i) : throw new ArgumentException("Not an Interval.", nameof(obj));
    /// <inheritdoc/>
    public static bool operator ==(Interval a, Interval b) => a.Equals(b);
    /// <inheritdoc/>
    public static bool operator !=(Interval a, Interval b) => !a.Equals(b);
}
