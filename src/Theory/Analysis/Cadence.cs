using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>Kinds of cadence (Kostka &amp; Payne, ch. 10; Aldwell &amp; Schachter, ch. 8).</summary>
public enum CadenceKind
{
    /// <summary>No recognised cadence.</summary>
    None,
    /// <summary>V(7)–I, both in root position, soprano on the tonic.</summary>
    PerfectAuthentic,
    /// <summary>V–I or vii°–I with an inversion or the soprano not on the tonic.</summary>
    ImperfectAuthentic,
    /// <summary>Ends on V.</summary>
    Half,
    /// <summary>In minor, iv6–V.</summary>
    PhrygianHalf,
    /// <summary>IV–I.</summary>
    Plagal,
    /// <summary>V–vi (V–VI in minor).</summary>
    Deceptive,
}

/// <summary>A cadence found at a phrase end: where, which kind, in which key, and the two chords.</summary>
/// <param name="Slice">The slice of the final chord.</param>
/// <param name="Kind">The kind of cadence.</param>
/// <param name="Key">The key it cadences in (the local key, or the key it tonicizes).</param>
/// <param name="Penultimate">The chord before the final one.</param>
/// <param name="Final">The final chord.</param>
public readonly record struct Cadence(int Slice, CadenceKind Kind, Key Key, Chord Penultimate, Chord Final)
{
    /// <summary>"perfect authentic cadence in G major".</summary>
    public override string ToString() => Kind == CadenceKind.None ? "no cadence" : $"{Describe(Kind)} in {Key}";

    /// <summary>Words for a kind.</summary>
    public static string Describe(CadenceKind kind) => kind switch
    {
        CadenceKind.PerfectAuthentic => "perfect authentic cadence",
        CadenceKind.ImperfectAuthentic => "imperfect authentic cadence",
        CadenceKind.Half => "half cadence",
        CadenceKind.PhrygianHalf => "Phrygian half cadence",
        CadenceKind.Plagal => "plagal cadence",
        CadenceKind.Deceptive => "deceptive cadence",
        _ => "no cadence",
    };

    /// <summary>
    /// Classifies the cadence formed by <paramref name="penultimate"/> → <paramref name="final"/>, first in the
    /// local key, then in the key the final chord tonicizes, then as a half cadence in the key whose dominant it is.
    /// <paramref name="sopranoPitchClass"/> is the top voice's pitch class on the final chord.
    /// </summary>
    public static (CadenceKind Kind, Key Key) Classify(Chord penultimate, Chord final, Key local, int sopranoPitchClass)
    {
        if (!final.IsKnown) return (CadenceKind.None, local);
        var kind = InKey(penultimate, final, local, sopranoPitchClass);
        if (kind != CadenceKind.None) return (kind, local);
        if (final.Seventh == SeventhQuality.None && final.Triad is TriadQuality.Major or TriadQuality.Minor)
        {
            var tonicized = new Key(final.RootStep, final.RootAlter, final.Triad == TriadQuality.Major ? Mode.Major : Mode.Minor);
            kind = InKey(penultimate, final, tonicized, sopranoPitchClass);
            if (kind is not CadenceKind.None and not CadenceKind.Half) return (kind, tonicized);
        }
        if (final.Triad == TriadQuality.Major && final.Seventh == SeventhQuality.None && final.Inversion == 0)
        {
            var root = new Pitch(final.RootStep, final.RootAlter, 4).Transpose(Interval.PerfectFifth.Inverse);
            if (Math.Abs(root.Alter) <= 2)
            {
                var minorKey = new Key(root.Step, root.Alter, Mode.Minor);
                if (penultimate.IsKnown && InKey(penultimate, final, minorKey, sopranoPitchClass) == CadenceKind.PhrygianHalf)
                    return (CadenceKind.PhrygianHalf, minorKey);
                return (CadenceKind.Half, new Key(root.Step, root.Alter, Mode.Major));
            }
        }
        return (CadenceKind.None, local);
    }

    private static CadenceKind InKey(Chord pen, Chord fin, Key key, int sopranoPc)
    {
        bool penKnown = pen.IsKnown;
        if (RomanNumerals.IsTonic(fin, key))
        {
            if (penKnown && RomanNumerals.IsDominant(pen, key))
            {
                bool perfect = pen.Inversion == 0 && fin.Inversion == 0 && sopranoPc == key.TonicPitchClass;
                return perfect ? CadenceKind.PerfectAuthentic : CadenceKind.ImperfectAuthentic;
            }
            if (penKnown && RomanNumerals.IsLeadingToneChord(pen, key)) return CadenceKind.ImperfectAuthentic;
            if (penKnown && RomanNumerals.Degree(pen, key) == 4 && RomanNumerals.Chromatic(pen, key) == 0 && pen.Seventh == SeventhQuality.None)
                return CadenceKind.Plagal;
            return CadenceKind.None;
        }
        if (RomanNumerals.IsDominant(fin, key) && fin.Seventh == SeventhQuality.None && fin.Inversion == 0)
        {
            if (key.Mode == Mode.Minor && penKnown && RomanNumerals.Degree(pen, key) == 4 && pen.Triad == TriadQuality.Minor && pen.Inversion == 1)
                return CadenceKind.PhrygianHalf;
            return CadenceKind.Half;
        }
        if (penKnown && RomanNumerals.IsDominant(pen, key) && RomanNumerals.Degree(fin, key) == 6 && RomanNumerals.Chromatic(fin, key) == 0)
            return CadenceKind.Deceptive;
        return CadenceKind.None;
    }
}
