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

    private static readonly bool[] MajorMembers = [true, false, true, false, true, true, false, true, false, true, false, true];
    private static readonly bool[] MinorMembers = [true, false, true, true, false, true, false, true, true, true, true, true];
    private static readonly int[] MajorQualities = [0, -1, -1, 1, 1, -1, 0];
    private static readonly int[] MinorQualities = [0, 0, 1, -1, 1, 1, 0];

    /// <summary>
    /// The chord as a Roman numeral in the key, e.g. "V65", "viio7", "bVI", "iiø7"; a chromatic dominant or
    /// leading-tone chord of a diatonic major or minor triad is written as an applied chord ("V7/IV", "viio7/V").
    /// </summary>
    public static string Format(Chord chord, Key key)
    {
        if (!chord.IsKnown) return "?";
        if (!IsDiatonic(chord, key) && Secondary(chord, key) is { } applied) return applied;
        return Plain(chord, key);
    }

    /// <summary>Whether every tone of the chord belongs to the key (in minor, with the raised sixth and seventh).</summary>
    private static bool IsDiatonic(Chord chord, Key key)
    {
        var members = key.Mode == Mode.Major ? MajorMembers : MinorMembers;
        int root = ChordIdentifier.Mod(chord.RootPitchClass - key.TonicPitchClass, 12);
        int third = chord.ThirdSemitones, fifth = chord.Triad switch { TriadQuality.Diminished => 6, TriadQuality.Augmented => 8, _ => 7 };
        int seventh = chord.Seventh switch { SeventhQuality.Major => 11, SeventhQuality.Minor => 10, SeventhQuality.Diminished => 9, _ => -1 };
        return Chromatic(chord, key) == 0 && members[root] && members[(root + third) % 12] && members[(root + fifth) % 12]
            && (seventh < 0 || members[(root + seventh) % 12]);
    }

    /// <summary>"V7/IV" or "viio7/V" when the chord is the dominant or leading-tone chord of a diatonic major or minor triad other than the tonic.</summary>
    private static string? Secondary(Chord chord, Key key)
    {
        bool dominant = chord.Triad == TriadQuality.Major && chord.Seventh is SeventhQuality.None or SeventhQuality.Minor;
        bool leading = chord.Triad == TriadQuality.Diminished;
        if (!dominant && !leading) return null;
        var root = new Pitch(chord.RootStep, chord.RootAlter, 4);
        var target = root.Transpose(dominant ? Interval.PerfectFifth.Inverse : Interval.MinorSecond);
        if (Math.Abs(target.Alter) > 2) return null;
        var targetChord = new Chord(target.Step, target.Alter, TriadQuality.Major, SeventhQuality.None, 0);
        int degree = Degree(targetChord, key);
        if (degree == 1 || Chromatic(targetChord, key) != 0) return null;
        // The tonicized triad must be major or minor in the key (1 major, -1 minor, 0 diminished or the tonic itself).
        int quality = (key.Mode == Mode.Major ? MajorQualities : MinorQualities)[degree - 1];
        if (quality == 0) return null;
        bool upper = quality > 0;
        string numeral = Upper[degree - 1];
        string local = Plain(chord, new Key(target.Step, target.Alter, upper ? Mode.Major : Mode.Minor));
        return local + "/" + (upper ? numeral : numeral.ToLowerInvariant());
    }

    private static string Plain(Chord chord, Key key)
    {
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
