using System.Text;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>
/// Roman numerals for chords in a key, in the RomanText conventions music21 uses: upper case for major and
/// augmented triads, lower case for minor and diminished, <c>o</c> diminished, <c>ø</c> half-diminished,
/// <c>+</c> augmented, figures 6, 64, 7, 65, 43, 42, and a <c>b</c> or <c>#</c> before a root outside the key
/// (in minor, the raised sixth and seventh degrees and the lowered ones both count as in the key).
/// </summary>
public static class RomanNumerals
{
    private static readonly string[] Upper = ["I", "II", "III", "IV", "V", "VI", "VII"];
    private static readonly int[] MajorScale = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] MinorScale = [0, 2, 3, 5, 7, 8, 10];

    /// <summary>The scale degree (1–7) of the chord's root, by letter, in the key.</summary>
    public static int Degree(Chord chord, Key key) => ChordIdentifier.Mod((int)chord.RootStep - (int)key.Tonic, 7) + 1;

    /// <summary>
    /// Semitones by which the root differs from the diatonic degree of the key (0 in the key; in minor the
    /// raised sixth and seventh count as 0 too).
    /// </summary>
    public static int Chromatic(Chord chord, Key key)
    {
        int degree = Degree(chord, key);
        int semis = ChordIdentifier.Mod(chord.RootPitchClass - key.TonicPitchClass, 12);
        int expected = (key.Mode == Mode.Major ? MajorScale : MinorScale)[degree - 1];
        int diff = semis - expected;
        if (diff > 6) diff -= 12;
        if (diff < -6) diff += 12;
        if (key.Mode == Mode.Minor && diff == 1 && degree is 6 or 7) diff = 0;
        return diff;
    }

    /// <summary>The chord as a Roman numeral in the key, e.g. "V65", "viio7", "bVI", "ii/o7" written as "iiø7".</summary>
    public static string Format(Chord chord, Key key)
    {
        if (!chord.IsKnown) return "?";
        var sb = new StringBuilder(8);
        int chromatic = Chromatic(chord, key);
        if (chromatic < 0) sb.Append('b', -chromatic);
        else if (chromatic > 0) sb.Append('#', chromatic);
        string numeral = Upper[Degree(chord, key) - 1];
        bool upper = chord.Triad is TriadQuality.Major or TriadQuality.Augmented;
        sb.Append(upper ? numeral : numeral.ToLowerInvariant());
        if (chord.Triad == TriadQuality.Augmented) sb.Append('+');
        if (chord.Triad == TriadQuality.Diminished)
            sb.Append(chord.Seventh == SeventhQuality.Minor ? "ø" : "o");
        if (chord.Seventh == SeventhQuality.None)
            sb.Append(chord.Inversion switch { 1 => "6", 2 => "64", _ => "" });
        else
            sb.Append(chord.Inversion switch { 1 => "65", 2 => "43", 3 => "42", _ => "7" });
        return sb.ToString();
    }

    /// <summary>Whether the chord is the dominant (V or V7, major triad on degree 5) of the key.</summary>
    public static bool IsDominant(Chord chord, Key key) =>
        chord.IsKnown && Degree(chord, key) == 5 && Chromatic(chord, key) == 0 && chord.Triad == TriadQuality.Major;

    /// <summary>Whether the chord is the leading-tone chord (vii° or vii°7 / viiø7) of the key.</summary>
    public static bool IsLeadingToneChord(Chord chord, Key key) =>
        chord.IsKnown && Degree(chord, key) == 7 && Chromatic(chord, key) == 0 && chord.Triad == TriadQuality.Diminished &&
        ChordIdentifier.Mod(chord.RootPitchClass - key.TonicPitchClass, 12) == 11;

    /// <summary>Whether the chord is the tonic triad (I, or i in minor, or a Picardy I).</summary>
    public static bool IsTonic(Chord chord, Key key) =>
        chord.IsKnown && Degree(chord, key) == 1 && Chromatic(chord, key) == 0 && chord.Seventh == SeventhQuality.None &&
        chord.Triad is TriadQuality.Major or TriadQuality.Minor;
}
