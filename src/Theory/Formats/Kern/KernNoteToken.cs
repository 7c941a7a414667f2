using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Kern;

/// <summary>The kind of tie mark on a kern note.</summary>
internal enum KernTie : byte
{
    None,
    /// <summary><c>[</c> (or <c>[[</c>): the first of tied notes.</summary>
    Start,
    /// <summary><c>_</c>: a middle note of tied notes.</summary>
    Continue,
    /// <summary><c>]</c> (or <c>]]</c>): the last of tied notes.</summary>
    End,
}

/// <summary>
/// One note, rest or grace note of a kern data token (one chord member), parsed from its bytes without
/// allocating. Beams, slurs, articulations, ornaments and editorial marks are skipped.
/// </summary>
internal readonly struct KernNoteToken
{
    /// <summary>Largest number in a duration (<c>N</c> or <c>N%M</c>); larger ones are rejected as damage.</summary>
    internal const int MaxDurationNumber = 1_000_000;
    /// <summary>Most augmentation dots accepted.</summary>
    internal const int MaxDots = 8;

    public readonly Pitch Pitch;
    /// <summary>Length in quarter notes; zero for grace notes.</summary>
    public readonly Rational Duration;
    public readonly bool IsRest;
    public readonly bool IsGrace;
    public readonly bool Fermata;
    public readonly KernTie Tie;

    private KernNoteToken(Pitch pitch, Rational duration, bool isRest, bool isGrace, bool fermata, KernTie tie)
    {
        Pitch = pitch;
        Duration = duration;
        IsRest = isRest;
        IsGrace = isGrace;
        Fermata = fermata;
        Tie = tie;
    }

    /// <summary>Parses one chord member; on failure returns false and a reason naming the token.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out KernNoteToken note, out string? error)
    {
        note = default;
        error = null;
        long recip = -1, ratio = 1;
        int zeros = 0, dots = 0, letterCount = 0, sharps = 0, flats = 0;
        byte letter = 0;
        bool rest = false, grace = false, fermata = false, natural = false;
        int tieStart = 0, tieEnd = 0, tieMid = 0;

        for (int i = 0; i < token.Length; i++)
        {
            byte c = token[i];
            switch (c)
            {
                case >= (byte)'0' and <= (byte)'9':
                {
                    if (recip >= 0) return Fail(token, "has two durations", out error);
                    int start = i;
                    while (i + 1 < token.Length && IsDigit(token[i + 1])) i++;
                    var digits = token[start..(i + 1)];
                    if (digits[0] == (byte)'0')
                    {
                        // 0 = breve, 00 = long, 000 = maxima.
                        foreach (byte d in digits)
                            if (d != (byte)'0') return Fail(token, "has a duration with a leading zero", out error);
                        if (digits.Length > 3) return Fail(token, "has a duration longer than a maxima (000)", out error);
                        zeros = digits.Length;
                        recip = 0;
                    }
                    else if (!TryNumber(digits, out recip))
                        return Fail(token, $"has a duration number larger than {MaxDurationNumber}", out error);
                    if (i + 1 < token.Length && token[i + 1] == (byte)'%')
                    {
                        if (zeros > 0) return Fail(token, "has a rational duration with a zero numerator", out error);
                        int s = i + 2, e = s;
                        while (e < token.Length && IsDigit(token[e])) e++;
                        if (e == s) return Fail(token, "has '%' without a number after it", out error);
                        if (!TryNumber(token[s..e], out ratio))
                            return Fail(token, $"has a duration number larger than {MaxDurationNumber}", out error);
                        if (ratio == 0) return Fail(token, "has a duration of 0 (N%0)", out error);
                        i = e - 1;
                    }
                    break;
                }
                case (byte)'.':
                    if (++dots > MaxDots) return Fail(token, $"has more than {MaxDots} dots", out error);
                    break;
                case >= (byte)'a' and <= (byte)'g':
                case >= (byte)'A' and <= (byte)'G':
                    if (letterCount > 0 && c != letter) return Fail(token, "has two different pitch letters", out error);
                    letter = c;
                    letterCount++;
                    break;
                case (byte)'#':
                    sharps++;
                    break;
                case (byte)'-':
                    flats++;
                    break;
                case (byte)'n':
                    natural = true;
                    break;
                case (byte)'r':
                    rest = true;
                    break;
                case (byte)'q':
                case (byte)'Q':
                    grace = true;
                    break;
                case (byte)'[':
                    tieStart++;
                    break;
                case (byte)']':
                    tieEnd++;
                    break;
                case (byte)'_':
                    tieMid++;
                    break;
                case (byte)';':
                    fermata = true;
                    break;
                case < 0x21 or > 0x7E:
                    return Fail(token, $"has the character 0x{c:X2}, which kern does not use in notes", out error);
                default:
                    // Beams (L J K k), slurs and phrases ( ) { }, articulations, ornaments (T t M m W w S $ R O),
                    // editorial marks (x X y Y ? @), stems (/ \), user signifiers: not needed for notes.
                    break;
            }
        }

        if (!rest && letterCount == 0) return Fail(token, "has neither a pitch nor a rest", out error);
        if (recip < 0 && !grace) return Fail(token, "has no duration", out error);

        Rational duration = Rational.Zero;
        if (!grace)
        {
            Rational baseLength = zeros > 0 ? new Rational(4L << zeros, 1) : new Rational(4 * ratio, recip);
            // Each dot adds half of the previous addition: total = base × (2^(d+1) − 1) / 2^d.
            duration = dots == 0 ? baseLength : baseLength * new Rational((2L << dots) - 1, 1L << dots);
        }

        Pitch pitch = default;
        if (!rest)
        {
            if (sharps > 0 && flats > 0) return Fail(token, "has both sharps and flats", out error);
            if (natural && (sharps > 0 || flats > 0)) return Fail(token, "has a natural sign and an accidental", out error);
            int alter = sharps - flats;
            if (Math.Abs(alter) > Pitch.MaxAlter) return Fail(token, $"has more than {Pitch.MaxAlter} accidentals", out error);
            bool lower = letter >= (byte)'a';
            int octave = lower ? 3 + letterCount : 4 - letterCount;
            if (octave < -1 || octave > 10) return Fail(token, "has a pitch outside octaves -1 to 10", out error);
            Steps.TryParse((char)letter, out var step);
            pitch = new Pitch(step, alter, octave);
        }

        var tie = KernTie.None;
        if (!rest)
        {
            if (tieStart > 0 && tieEnd == 0) tie = KernTie.Start;
            else if (tieEnd > 0 && tieStart == 0) tie = KernTie.End;
            else if (tieMid > 0 && tieStart == 0 && tieEnd == 0) tie = KernTie.Continue;
        }
        note = new KernNoteToken(pitch, duration, rest, grace, fermata, tie);
        return true;
    }

    private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';

    private static bool TryNumber(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        foreach (byte d in digits)
        {
            value = value * 10 + (d - '0');
            if (value > MaxDurationNumber) return false;
        }
        return true;
    }

    private static bool Fail(ReadOnlySpan<byte> token, string reason, out string? error)
    {
        error = $"'{KernText.Show(token)}' is not a kern note: it {reason}";
        return false;
    }
}
