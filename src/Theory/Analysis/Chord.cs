using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>The quality of a chord's triad.</summary>
public enum TriadQuality
{
    /// <summary>Major third, perfect fifth (also used for a root and fifth without a third).</summary>
    Major,
    /// <summary>Minor third, perfect fifth.</summary>
    Minor,
    /// <summary>Minor third, diminished fifth.</summary>
    Diminished,
    /// <summary>Major third, augmented fifth.</summary>
    Augmented,
}

/// <summary>The seventh above a chord's root, if any.</summary>
public enum SeventhQuality
{
    /// <summary>A triad, no seventh.</summary>
    None,
    /// <summary>Minor seventh (V7, ii7, the half-diminished viiø7).</summary>
    Minor,
    /// <summary>Major seventh (IVmaj7).</summary>
    Major,
    /// <summary>Diminished seventh (vii°7).</summary>
    Diminished,
}

/// <summary>Which member of its chord a note is.</summary>
public enum ChordMember : sbyte
{
    /// <summary>The voice is silent.</summary>
    Silent = -2,
    /// <summary>Not a member of the chord: a non-chord tone.</summary>
    NonChordTone = -1,
    /// <summary>The root.</summary>
    Root = 0,
    /// <summary>The third.</summary>
    Third = 1,
    /// <summary>The fifth.</summary>
    Fifth = 2,
    /// <summary>The seventh.</summary>
    Seventh = 3,
}

/// <summary>
/// A chord as tertian harmony: a spelled root, the triad's quality, an optional seventh, and the inversion
/// (which member is in the bass: 0 root position, 1 first inversion, 2 second, 3 third). The default value is
/// "no chord" (<see cref="IsKnown"/> false). Stored in eight bytes (analyses keep one per slice). Immutable and thread-safe.
/// </summary>
public readonly record struct Chord
{
    private const byte KnownFlag = 4, ThirdFlag = 8, FifthFlag = 16;
    private readonly int _rootAlter;
    private readonly byte _rootStep, _triad, _seventh;
    private readonly byte _flags; // bits 0–1: inversion; then IsKnown, HasThird, HasFifth

    /// <summary>Creates a chord.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The inversion is not 0–3, or a letter or quality is not one the enumerations name.</exception>
    public Chord(Step rootStep, int rootAlter, TriadQuality triad, SeventhQuality seventh, int inversion, bool hasThird = true, bool hasFifth = true)
    {
        if (inversion < 0 || inversion > 3) throw new ArgumentOutOfRangeException(nameof(inversion));
        if ((uint)rootStep > (uint)Step.B) throw new ArgumentOutOfRangeException(nameof(rootStep));
        if ((uint)triad > (uint)TriadQuality.Augmented) throw new ArgumentOutOfRangeException(nameof(triad));
        if ((uint)seventh > (uint)SeventhQuality.Diminished) throw new ArgumentOutOfRangeException(nameof(seventh));
        _rootAlter = rootAlter;
        _rootStep = (byte)rootStep;
        _triad = (byte)triad;
        _seventh = (byte)seventh;
        _flags = (byte)(inversion | KnownFlag | (hasThird ? ThirdFlag : 0) | (hasFifth ? FifthFlag : 0));
    }

    /// <summary>False for the default value: no chord could be identified (e.g. a single voice, or silence).</summary>
    public bool IsKnown => (_flags & KnownFlag) != 0;
    /// <summary>The root's letter.</summary>
    public Step RootStep => (Step)_rootStep;
    /// <summary>The root's alteration.</summary>
    public int RootAlter => _rootAlter;
    /// <summary>The triad's quality.</summary>
    public TriadQuality Triad => (TriadQuality)_triad;
    /// <summary>The seventh, if any.</summary>
    public SeventhQuality Seventh => (SeventhQuality)_seventh;
    /// <summary>0 root position, 1 first inversion, 2 second inversion, 3 third inversion (seventh in the bass).</summary>
    public int Inversion => _flags & 3;
    /// <summary>Whether some voice sounds the third.</summary>
    public bool HasThird => (_flags & ThirdFlag) != 0;
    /// <summary>Whether some voice sounds the fifth.</summary>
    public bool HasFifth => (_flags & FifthFlag) != 0;

    /// <summary>Pitch class of the root.</summary>
    public int RootPitchClass => ((RootStep.NaturalSemitones() + RootAlter) % 12 + 12) % 12;
    /// <summary>The root's name: "G", "F#", "Bb".</summary>
    public string RootName => RootStep + Steps.AlterText(RootAlter);

    /// <summary>Semitones from the root to the third (4 or 3).</summary>
    internal int ThirdSemitones => Triad is TriadQuality.Major or TriadQuality.Augmented ? 4 : 3;

    /// <summary>"G7/B", "F#dim", "Bbmaj7", "A minor".</summary>
    public override string ToString()
    {
        if (!IsKnown) return "no chord";
        string q = (Triad, Seventh) switch
        {
            (TriadQuality.Major, SeventhQuality.None) => "",
            (TriadQuality.Minor, SeventhQuality.None) => "m",
            (TriadQuality.Diminished, SeventhQuality.None) => "dim",
            (TriadQuality.Augmented, SeventhQuality.None) => "aug",
            (TriadQuality.Major, SeventhQuality.Minor) => "7",
            (TriadQuality.Major, SeventhQuality.Major) => "maj7",
            (TriadQuality.Minor, SeventhQuality.Minor) => "m7",
            (TriadQuality.Minor, SeventhQuality.Major) => "m(maj7)",
            (TriadQuality.Diminished, SeventhQuality.Minor) => "m7b5",
            (TriadQuality.Diminished, SeventhQuality.Diminished) => "dim7",
            _ => "?",
        };
        return RootName + q + (Inversion > 0 ? $" (inv {Inversion})" : "");
    }
}
