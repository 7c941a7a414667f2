namespace EvoComposer.Theory.Music;

/// <summary>Major or minor (the modes a tonal key can have).</summary>
public enum Mode
{
    /// <summary>Major.</summary>
    Major,
    /// <summary>Minor.</summary>
    Minor,
}

/// <summary>
/// A key: a spelled tonic and a mode (G major, F♯ minor). Not the same thing as a
/// <see cref="KeySignature"/>: D major and B minor share a signature. The default value is C major.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct Key
{
    /// <summary>Creates a key.</summary>
    public Key(Step tonic, int tonicAlter, Mode mode)
    {
        if (Math.Abs(tonicAlter) > 2) throw new ArgumentOutOfRangeException(nameof(tonicAlter), tonicAlter, "A tonic has at most a double sharp or flat.");
        Tonic = tonic;
        TonicAlter = tonicAlter;
        Mode = mode;
    }

    /// <summary>The tonic's letter.</summary>
    public Step Tonic { get; }
    /// <summary>The tonic's alteration (F♯ minor: +1).</summary>
    public int TonicAlter { get; }
    /// <summary>Major or minor.</summary>
    public Mode Mode { get; }

    /// <summary>The tonic's name: "G", "F#", "Bb".</summary>
    public string TonicName => Tonic + Steps.AlterText(TonicAlter);
    /// <summary>Pitch class of the tonic (0–11).</summary>
    public int TonicPitchClass => ((Tonic.NaturalSemitones() + TonicAlter) % 12 + 12) % 12;

    /// <summary>Sharps (positive) or flats (negative) in this key's signature; may exceed ±7 for theoretical keys.</summary>
    public int Fifths
    {
        get
        {
            // Position on the line of fifths: F=-1, C=0, G=1, D=2, A=3, E=4, B=5; each sharp adds 7.
            int natural = Tonic switch { Step.F => -1, Step.C => 0, Step.G => 1, Step.D => 2, Step.A => 3, Step.E => 4, _ => 5 };
            int f = natural + 7 * TonicAlter;
            return Mode == Mode.Minor ? f - 3 : f;
        }
    }

    /// <summary>The key signature (for keys within seven sharps or flats).</summary>
    public KeySignature Signature => new(Fifths);

    /// <summary>The spelled tonic pitch in the given octave.</summary>
    public Pitch TonicPitch(int octave) => new(Tonic, TonicAlter, octave);

    /// <summary>The key of the given mode whose signature has <paramref name="fifths"/> sharps (+) or flats (−).</summary>
    public static Key FromFifths(int fifths, Mode mode)
    {
        int f = mode == Mode.Minor ? fifths + 3 : fifths;
        // Line of fifths index → letter and alteration.
        int idx = ((f + 1) % 7 + 7) % 7; // F=0, C=1, G=2, D=3, A=4, E=5, B=6
        Step step = idx switch { 0 => Step.F, 1 => Step.C, 2 => Step.G, 3 => Step.D, 4 => Step.A, 5 => Step.E, _ => Step.B };
        int alter = (int)Math.Floor((f + 1) / 7.0);
        return new Key(step, alter, mode);
    }

    /// <summary>"G major", "F# minor".</summary>
    public override string ToString() => $"{TonicName} {(Mode == Mode.Major ? "major" : "minor")}";

    /// <summary>Parses "G", "g" (lower case: minor, as in Humdrum), "F# minor", "Bb major", "e-" (Humdrum flat).</summary>
    public static bool TryParse(string text, out Key key)
    {
        key = default;
        text = text.Trim();
        if (text.Length == 0 || !Steps.TryParse(text[0], out var step)) return false;
        var mode = char.IsLower(text[0]) ? Mode.Minor : Mode.Major;
        int i = 1, alter = 0;
        while (i < text.Length && text[i] is '#' or 'b' or '-')
        {
            alter += text[i] == '#' ? 1 : -1;
            i++;
        }
        string rest = text[i..].Trim().ToLowerInvariant();
        if (rest is "minor" or "min" or "m") mode = Mode.Minor;
        else if (rest is "major" or "maj") mode = Mode.Major;
        else if (rest.Length > 0) return false;
        if (Math.Abs(alter) > 2) return false;
        key = new Key(step, alter, mode);
        return true;
    }
}

/// <summary>
/// A key signature: the number of sharps (positive) or flats (negative), −7…7. The default is no sharps or flats.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct KeySignature
{
    /// <summary>Creates a key signature.</summary>
    public KeySignature(int fifths)
    {
        if (fifths < -7 || fifths > 7) throw new ArgumentOutOfRangeException(nameof(fifths), fifths, "A key signature has at most 7 sharps or flats.");
        Fifths = fifths;
    }

    /// <summary>Sharps (positive) or flats (negative).</summary>
    public int Fifths { get; }

    private static readonly Step[] SharpOrder = [Step.F, Step.C, Step.G, Step.D, Step.A, Step.E, Step.B];

    /// <summary>The alteration the signature gives to a step (+1, −1 or 0).</summary>
    public int AlterOf(Step step)
    {
        int pos = Array.IndexOf(SharpOrder, step);
        if (Fifths > 0) return pos < Fifths ? 1 : 0;
        if (Fifths < 0) return 6 - pos < -Fifths ? -1 : 0;
        return 0;
    }

    /// <summary>The major or minor key with this signature.</summary>
    public Key ToKey(Mode mode) => Key.FromFifths(Fifths, mode);

    /// <summary>"2 sharps", "1 flat", "no sharps or flats".</summary>
    public override string ToString() => Fifths switch
    {
        0 => "no sharps or flats",
        1 => "1 sharp",
        -1 => "1 flat",
        > 0 => $"{Fifths} sharps",
        _ => $"{-Fifths} flats",
    };
}
