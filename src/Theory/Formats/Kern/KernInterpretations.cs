using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Kern;

/// <summary>Parses the tandem interpretations the reader uses (key, key signature, meter, tempo, instrument).</summary>
internal static class KernInterpretations
{
    /// <summary>
    /// A key interpretation such as <c>*G:</c>, <c>*e-:</c>, <c>*f#:dor</c> or <c>*?:</c> (token without the
    /// leading '*'). Returns false when the token is not a key interpretation at all; otherwise
    /// <paramref name="key"/> is the key, or null for an unknown key (<c>?</c>) or an unknown mode. Church
    /// modes, which <see cref="Key"/> cannot express, are read by their third: ionian, lydian and mixolydian
    /// as major, dorian, phrygian, aeolian and locrian as minor (Bach's <c>*f:dor</c> is F minor with the old
    /// signature of one flat fewer). The case of the letter gives the mode when none is named.
    /// </summary>
    public static bool TryKey(ReadOnlySpan<byte> t, out Key? key)
    {
        key = null;
        if (t.Length < 2) return false;
        int colon = t.IndexOf((byte)':');
        if (colon < 1) return false;
        var tonic = t[..colon];
        var mode = t[(colon + 1)..];
        if (tonic.Length == 1 && tonic[0] == (byte)'?') return true;
        if (!Steps.TryParse((char)tonic[0], out var step) || !IsLetter(tonic[0])) return false;
        int alter = 0;
        foreach (byte b in tonic[1..])
        {
            if (b == (byte)'#') alter++;
            else if (b == (byte)'-') alter--;
            else return false;
        }
        if (Math.Abs(alter) > 2) return true;
        Mode m;
        if (mode.IsEmpty) m = tonic[0] >= (byte)'a' ? Mode.Minor : Mode.Major;
        else if (mode.SequenceEqual("ion"u8) || mode.SequenceEqual("lyd"u8) || mode.SequenceEqual("mix"u8)) m = Mode.Major;
        else if (mode.SequenceEqual("dor"u8) || mode.SequenceEqual("phr"u8) || mode.SequenceEqual("aeo"u8) || mode.SequenceEqual("loc"u8)) m = Mode.Minor;
        else return true;
        key = new Key(step, alter, m);
        return true;
    }

    private static bool IsLetter(byte b) => b is >= (byte)'a' and <= (byte)'g' or >= (byte)'A' and <= (byte)'G';

    /// <summary>
    /// The contents of <c>*k[...]</c> (between the brackets), e.g. <c>f#c#</c> or <c>b-e-a-</c>: the number of
    /// sharps (positive) or flats (negative). <paramref name="standard"/> is false when the accidentals are not
    /// the usual ones in the usual order (the count is still returned). Fails on malformed contents.
    /// </summary>
    public static bool TryKeySignature(ReadOnlySpan<byte> list, out int fifths, out bool standard, out string? error)
    {
        fifths = 0;
        standard = true;
        error = null;
        int sharps = 0, flats = 0;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is < (byte)'a' or > (byte)'g')
            {
                error = "a key signature lists lower-case note letters with accidentals, like *k[f#c#]";
                return false;
            }
            int j = i + 1, n = 0;
            byte acc = j < list.Length ? list[j] : (byte)0;
            if (acc is not ((byte)'#' or (byte)'-' or (byte)'n'))
            {
                error = "each letter of a key signature needs an accidental ('#', '-' or 'n')";
                return false;
            }
            while (j < list.Length && list[j] == acc) { j++; n++; }
            if ((acc == (byte)'#' && sharps == 7) || (acc == (byte)'-' && flats == 7))
            {
                error = "a key signature has at most 7 sharps or flats";
                return false;
            }
            if (acc == (byte)'#') { if (list[i] != "fcgdaeb"u8[sharps]) standard = false; sharps++; }
            else if (acc == (byte)'-') { if (list[i] != "beadgcf"u8[flats]) standard = false; flats++; }
            else standard = false;
            if (n > 1) standard = false;
            i = j - 1;
        }
        if (sharps > 0 && flats > 0) standard = false;
        fifths = sharps - flats;
        return true;
    }

    /// <summary>The contents after <c>*M</c>, e.g. <c>3/4</c>; false when not a meter the model can hold.</summary>
    public static bool TryMeter(ReadOnlySpan<byte> t, out Meter meter)
    {
        meter = default;
        int slash = t.IndexOf((byte)'/');
        if (slash < 1) return false;
        if (!KernText.TryInt(t[..slash], out int n) || !KernText.TryInt(t[(slash + 1)..], out int d)) return false;
        if (n < 1 || n > 64 || d < 1 || d > 128 || (d & (d - 1)) != 0) return false;
        meter = new Meter(n, d);
        return true;
    }

    /// <summary>The contents after <c>*MM</c>, e.g. <c>100</c> or <c>72.5</c>, in quarter notes per minute.</summary>
    public static bool TryTempo(ReadOnlySpan<byte> t, out double bpm)
    {
        bpm = 0;
        int digits = KernText.DigitRun(t);
        if (digits == 0 || digits > 6) return false;
        KernText.TryInt(t[..digits], out int whole);
        double value = whole;
        var rest = t[digits..];
        if (!rest.IsEmpty)
        {
            if (rest[0] != (byte)'.') return false;
            int frac = KernText.DigitRun(rest[1..]);
            if (frac == 0 || frac > 6 || frac + 1 != rest.Length) return false;
            KernText.TryInt(rest[1..], out int f);
            value += f / Math.Pow(10, frac);
        }
        if (value <= 0) return false;
        bpm = value;
        return true;
    }

    /// <summary>A part name for a Humdrum instrument code (<c>*Isoprn</c> → "Soprano"), or the code itself.</summary>
    public static string InstrumentName(string code) => code switch
    {
        "soprn" => "Soprano",
        "cant" => "Cantus",
        "mezzo" => "Mezzo-soprano",
        "calto" or "alto" => "Alto",
        "ctenor" => "Countertenor",
        "tenor" => "Tenor",
        "barit" => "Baritone",
        "bass" => "Bass",
        "vox" => "Voice",
        _ => char.ToUpperInvariant(code[0]) + code[1..],
    };
}
