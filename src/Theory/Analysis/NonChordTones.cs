namespace EvoComposer.Theory.Analysis;

/// <summary>How a non-chord tone is approached and left (Aldwell &amp; Schachter, ch. 10; Kostka &amp; Payne, ch. 11–12).</summary>
public enum NonChordToneKind : sbyte
{
    /// <summary>Not a non-chord tone (a chord member, or silence).</summary>
    None = 0,
    /// <summary>Approached and left by step in the same direction.</summary>
    Passing,
    /// <summary>Approached by step and left by step back to the same pitch.</summary>
    Neighbour,
    /// <summary>Prepared by the same pitch (held or repeated) and resolved down by step.</summary>
    Suspension,
    /// <summary>Prepared by the same pitch and resolved up by step.</summary>
    Retardation,
    /// <summary>Approached by leap and resolved by step.</summary>
    Appoggiatura,
    /// <summary>Approached by step and left by leap in the other direction.</summary>
    EscapeTone,
    /// <summary>Left by repeating its pitch, which then belongs to the next chord.</summary>
    Anticipation,
    /// <summary>Fits none of the patterns: an unprepared or unresolved dissonance.</summary>
    Unexplained,
}

/// <summary>Classifies the non-chord tones of a <see cref="SliceGrid"/> by how each is approached and left.</summary>
public static class NonChordTones
{
    /// <summary>
    /// Classifies the note sounding in <paramref name="voice"/> at <paramref name="slice"/>, assumed to be a
    /// non-chord tone, by its melodic context: the previous and next notes of the voice.
    /// </summary>
    public static NonChordToneKind Classify(SliceGrid grid, int slice, int voice)
    {
        int vc = grid.VoiceCount;
        var midi = grid.Midi;
        var diatonic = grid.Diatonic;
        int c = slice * vc + voice;
        if (midi[c] < 0) return NonChordToneKind.None;
        int prev = grid.PreviousAttack(slice, voice);
        int next = grid.NextAttack(slice, voice);
        int p1 = midi[c], d1 = diatonic[c];
        bool held = !grid.Attacked[c];
        bool hasPrev = prev >= 0, hasNext = next >= 0;
        int p0 = hasPrev ? midi[prev * vc + voice] : -1, d0 = hasPrev ? diatonic[prev * vc + voice] : 0;
        int p2 = hasNext ? midi[next * vc + voice] : -1, d2 = hasNext ? diatonic[next * vc + voice] : 0;
        int stepIn = d1 - d0, stepOut = d2 - d1;
        bool prepared = held || (hasPrev && p0 == p1);
        if (prepared)
        {
            if (hasNext && stepOut == -1) return NonChordToneKind.Suspension;
            if (hasNext && stepOut == 1) return NonChordToneKind.Retardation;
            if (hasNext && p2 == p1) return NonChordToneKind.Anticipation;
            return NonChordToneKind.Unexplained;
        }
        if (!hasNext) return NonChordToneKind.Unexplained;
        if (p2 == p1) return NonChordToneKind.Anticipation;
        if (!hasPrev) return Math.Abs(stepOut) == 1 ? NonChordToneKind.Appoggiatura : NonChordToneKind.Unexplained;
        int absIn = Math.Abs(stepIn), absOut = Math.Abs(stepOut);
        if (absIn == 1 && absOut == 1) return Math.Sign(stepIn) == Math.Sign(stepOut) ? NonChordToneKind.Passing : NonChordToneKind.Neighbour;
        if (absIn >= 2 && absOut == 1) return NonChordToneKind.Appoggiatura;
        if (absIn == 1 && absOut >= 2 && Math.Sign(stepIn) != Math.Sign(stepOut)) return NonChordToneKind.EscapeTone;
        return NonChordToneKind.Unexplained;
    }

    /// <summary>Lower-case words for a kind ("passing tone", "suspension").</summary>
    public static string Describe(NonChordToneKind kind) => kind switch
    {
        NonChordToneKind.Passing => "passing tone",
        NonChordToneKind.Neighbour => "neighbour tone",
        NonChordToneKind.Suspension => "suspension",
        NonChordToneKind.Retardation => "retardation",
        NonChordToneKind.Appoggiatura => "appoggiatura",
        NonChordToneKind.EscapeTone => "escape tone",
        NonChordToneKind.Anticipation => "anticipation",
        NonChordToneKind.Unexplained => "unexplained dissonance",
        _ => "chord tone",
    };

    /// <summary>
    /// Whether the note of <paramref name="voice"/> is dissonant against another sounding voice at the slice:
    /// a second, seventh, augmented or diminished interval, or a perfect fourth above the lowest voice.
    /// </summary>
    public static bool IsDissonant(SliceGrid grid, int slice, int voice)
    {
        int vc = grid.VoiceCount, b = slice * vc;
        var midi = grid.Midi;
        var diatonic = grid.Diatonic;
        if (midi[b + voice] < 0) return false;
        int lowest = -1;
        for (int v = vc - 1; v >= 0; v--) if (midi[b + v] >= 0) { lowest = v; break; }
        for (int o = 0; o < vc; o++)
        {
            if (o == voice || midi[b + o] < 0) continue;
            if (IsDissonantPair(midi[b + voice], diatonic[b + voice], midi[b + o], diatonic[b + o], o == lowest || voice == lowest))
                return true;
        }
        return false;
    }

    /// <summary>Whether two spelled notes form a dissonance (fourths count when <paramref name="withBass"/>).</summary>
    internal static bool IsDissonantPair(int midiA, int diatonicA, int midiB, int diatonicB, bool withBass)
    {
        int steps = Math.Abs(diatonicA - diatonicB) % 7, semis = Math.Abs(midiA - midiB) % 12;
        if (midiA < midiB != diatonicA < diatonicB && diatonicA != diatonicB) semis = (12 - semis) % 12; // crossed spelling, rare
        return steps switch
        {
            0 => semis != 0,
            1 or 6 => true,
            2 => semis is not (3 or 4),
            3 => withBass || semis != 5,
            4 => semis != 7,
            5 => semis is not (8 or 9),
            _ => true,
        };
    }
}
