using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.MusicXml;

/// <summary>
/// Compares the pitch content of two editions of one piece (per part, the sequence of MIDI pitch, onset and
/// duration) and names the kind of difference, checking the most specific explanations first.
/// </summary>
internal static class EditionComparison
{
    public const string Exact = "exact";
    public const string PartCount = "different number of parts";
    public const string Ties = "tie vs repeated note";
    public const string Transposed = "transposed";
    public const string Octaves = "octave placement only";
    public const string VoiceExchange = "notes exchanged between parts";
    public const string Timing = "same pitches, different timing (pickup, repeat or fermata layout)";
    public const string OffBeat = "same on every beat (ornaments, passing notes)";
    public const string Length = "different length (repeats written out, a section more or less)";
    public const string FewNotes = "a few notes differ (95% or more agree: editorial variants)";
    public const string Edition = "editions differ (more than 5% of notes)";

    private static List<(int Midi, Rational Onset, Rational Duration)> Sequence(IEnumerable<Note> notes) =>
        notes.Select(n => (n.Pitch.Midi, n.Onset, n.Duration)).ToList();

    public static string Classify(Score a, Score b)
    {
        if (a.Parts.Length != b.Parts.Length) return PartCount;
        var pa = a.Parts.Select(p => Sequence(p.Notes)).ToList();
        var pb = b.Parts.Select(p => Sequence(p.Notes)).ToList();
        if (Same(pa, pb)) return Exact;
        pa = pa.Select(MergeRepeats).ToList();
        pb = pb.Select(MergeRepeats).ToList();
        if (Same(pa, pb)) return Ties;
        if (ConstantShift(pa, pb) is int shift && shift != 0) return Transposed;
        if (Same(pa.Select(s => Mod12(s)).ToList(), pb.Select(s => Mod12(s)).ToList())) return Octaves;
        if (SameSonorities(a, b)) return VoiceExchange;
        if (Enumerable.Range(0, pa.Count).All(i => pa[i].Select(x => x.Midi).SequenceEqual(pb[i].Select(x => x.Midi)))) return Timing;
        if (SameOnBeats(a, b)) return OffBeat;
        if (a.Length != b.Length) return Length;
        return Agreement(pa, pb) >= 0.95 ? FewNotes : Edition;
    }

    /// <summary>The share of notes (MIDI pitch, onset, duration) found in both, over the larger count, all parts together.</summary>
    public static double Agreement(List<List<(int Midi, Rational Onset, Rational Duration)>> a, List<List<(int Midi, Rational Onset, Rational Duration)>> b)
    {
        int same = 0, total = 0;
        for (int i = 0; i < a.Count; i++)
        {
            var rest = b[i].GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
            foreach (var x in a[i])
                if (rest.TryGetValue(x, out int c) && c > 0) { rest[x] = c - 1; same++; }
            total += Math.Max(a[i].Count, b[i].Count);
        }
        return total == 0 ? 1 : (double)same / total;
    }

    private static bool Same<T>(List<List<T>> a, List<List<T>> b) => Enumerable.Range(0, a.Count).All(i => a[i].SequenceEqual(b[i]));

    private static List<(int, Rational, Rational)> Mod12(List<(int Midi, Rational Onset, Rational Duration)> s) =>
        s.Select(x => (x.Midi % 12, x.Onset, x.Duration)).ToList();

    /// <summary>Joins adjacent notes of the same pitch (a tie in one edition may be a repeated note in the other).</summary>
    private static List<(int Midi, Rational Onset, Rational Duration)> MergeRepeats(List<(int Midi, Rational Onset, Rational Duration)> s)
    {
        var result = new List<(int Midi, Rational Onset, Rational Duration)>();
        foreach (var x in s)
        {
            if (result.Count > 0 && result[^1].Midi == x.Midi && result[^1].Onset + result[^1].Duration == x.Onset)
                result[^1] = (x.Midi, result[^1].Onset, result[^1].Duration + x.Duration);
            else result.Add(x);
        }
        return result;
    }

    private static int? ConstantShift(List<List<(int Midi, Rational Onset, Rational Duration)>> a, List<List<(int Midi, Rational Onset, Rational Duration)>> b)
    {
        int? shift = null;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Count != b[i].Count) return null;
            for (int j = 0; j < a[i].Count; j++)
            {
                if (a[i][j].Onset != b[i][j].Onset || a[i][j].Duration != b[i][j].Duration) return null;
                int d = b[i][j].Midi - a[i][j].Midi;
                if (shift is null) shift = d;
                else if (shift != d) return null;
            }
        }
        return shift;
    }

    /// <summary>The same pitches sound at every onset, whichever part holds them.</summary>
    private static bool SameSonorities(Score a, Score b)
    {
        static List<(Rational, int)> All(Score s) =>
            s.Parts.SelectMany(p => p.Notes).Select(n => (n.Onset, n.Pitch.Midi)).Order().ToList();
        return All(a).SequenceEqual(All(b));
    }

    /// <summary>Every part sounds the same pitch (or silence) at every beat of the longer score.</summary>
    private static bool SameOnBeats(Score a, Score b)
    {
        var end = Rational.Max(a.Length, b.Length);
        for (int i = 0; i < a.Parts.Length; i++)
            for (Rational t = 0; t < end; t += 1)
                if (SoundingAt(a.Parts[i], t) != SoundingAt(b.Parts[i], t)) return false;
        return true;
    }

    private static int SoundingAt(Part p, Rational t)
    {
        foreach (var n in p.Notes)
        {
            if (n.Onset > t) break;
            if (n.End > t) return n.Pitch.Midi;
        }
        return -1;
    }
}
