using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Notation;

/// <summary>
/// A written note value: its sounding <paramref name="Duration"/>, the plain value it is written as
/// (<paramref name="Written"/>, in quarter notes, a power of two from a breve down; null when no value fits), its
/// <paramref name="Dots"/>, and its tuplet ratio <paramref name="Actual"/>:<paramref name="Normal"/> (1:1 when it is
/// not a tuplet; 3:2 for a triplet).
/// </summary>
internal readonly record struct NoteValue(Rational Duration, Rational? Written, int Dots, int Actual, int Normal)
{
    /// <summary>True when the value belongs to a tuplet.</summary>
    public bool IsTuplet => Actual != 1;

    /// <summary>The length as written (dots included, tuplet ratio not applied), or null when no value fits.</summary>
    public Rational? Shown => Written is { } w ? NoteValues.Dotted(w, Dots) : null;
}

/// <summary>
/// Splits durations into written note values (with dots and tuplets) and groups tuplets under brackets, for the
/// notation writers (MusicXML, LilyPond). Stateless and thread-safe.
/// </summary>
internal static class NoteValues
{
    /// <summary>The longest plain value written: a breve (eight quarter notes).</summary>
    public static readonly Rational Breve = 8;

    /// <summary>The shortest plain value any writer uses, a 1024th note; no dot is shorter either.</summary>
    public static readonly Rational Shortest = new(1, 256);

    /// <summary>A plain value with its dots: a dotted quarter is 3/2.</summary>
    public static Rational Dotted(Rational value, int dots)
    {
        Rational length = value, add = value / 2;
        for (int d = 0; d < dots; d++, add /= 2) length += add;
        return length;
    }

    /// <summary>
    /// Splits a duration into written note values, longest first, each at most double-dotted, no plain value shorter
    /// than <paramref name="shortest"/> (default <see cref="Shortest"/>) and no dot shorter than <see cref="Shortest"/>.
    /// A denominator with an odd factor r is shown as a tuplet r:n (n the largest power of two below r), so 1/3 is a
    /// triplet eighth. What is left when no value fits comes last with a null <see cref="NoteValue.Written"/>.
    /// </summary>
    public static List<NoteValue> Decompose(Rational duration, Rational? shortest = null)
    {
        var min = shortest ?? Shortest;
        var result = new List<NoteValue>();
        long r = duration.Denominator;
        while (r % 2 == 0) r /= 2;
        long normal = 1;
        while (normal * 2 < r) normal *= 2;
        if (r > int.MaxValue) { result.Add(new NoteValue(duration, null, 0, 1, 1)); return result; }
        var ratio = new Rational(r, normal); // shown = sounding × ratio
        var remaining = duration * ratio;
        while (remaining > Rational.Zero)
        {
            var value = Breve;
            while (value > remaining && value > min) value /= 2;
            if (value > remaining)
            {
                result.Add(new NoteValue(remaining / ratio, null, 0, (int)r, (int)normal));
                break;
            }
            var shown = value;
            int dots = 0;
            for (var add = value / 2; dots < 2 && add >= Shortest && shown + add <= remaining; add /= 2)
            {
                shown += add;
                dots++;
            }
            result.Add(new NoteValue(shown / ratio, value, dots, (int)r, (int)normal));
            remaining -= shown;
        }
        return result;
    }

    /// <summary>
    /// Where tuplet brackets go in one voice's run of values (notes and rests in order, within one measure): runs of
    /// values that share a tuplet ratio, each bracket closing when its shown values add up to <c>actual</c> times the
    /// shortest of them (three triplet eighths, a triplet quarter and eighth, five quintuplet sixteenths), when the
    /// ratio changes, or at the end of the run. Values without a written form break a run. Returns the first and
    /// last index of each bracket.
    /// </summary>
    public static List<(int First, int Last)> TupletBrackets(IReadOnlyList<NoteValue> values)
    {
        var brackets = new List<(int, int)>();
        int first = -1, last = -1;
        (int, int) ratio = default;
        Rational shown = 0, shortest = 0;
        void Close()
        {
            if (first >= 0) brackets.Add((first, last));
            first = last = -1;
            shown = shortest = 0;
        }
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (!v.IsTuplet || v.Shown is not { } length) { Close(); continue; }
            if (first >= 0 && (v.Actual, v.Normal) != ratio) Close();
            ratio = (v.Actual, v.Normal);
            if (first < 0) first = i;
            last = i;
            shown += length;
            shortest = shortest == Rational.Zero ? length : Rational.Min(shortest, length);
            if (shown == shortest * v.Actual) Close();
        }
        Close();
        return brackets;
    }
}
