using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>Computes the <see cref="PieceLabels"/> of a score.</summary>
public static class PieceLabeler
{
    /// <summary>Labels a score; the set gives default composer, epoch and genre.</summary>
    public static PieceLabels Label(Score score, CorpusSet? set = null)
    {
        var notes = score.Parts.SelectMany(p => p.Notes).ToArray();
        double length = score.Length.ToDouble();
        double perQuarter = Math.Max(length, 1e-9);
        int distinctOnsets = notes.Select(n => n.Onset).Distinct().Count();
        return new PieceLabels
        {
            Composer = score.Metadata.Composer ?? set?.Composer ?? "unknown",
            Epoch = set?.Epoch ?? "unknown",
            Genre = set?.Genre ?? "unknown",
            Key = score.Key ?? KeyEstimator.Estimate(score),
            KeyDeclared = score.Key is not null,
            Meter = score.Meter,
            Voices = score.Parts.Length,
            LengthQuarters = length,
            Measures = score.Measures.Length,
            NoteDensity = notes.Length / perQuarter,
            Tempo = score.Tempos.IsEmpty ? 100 : score.Tempos[0].Value,
            MeanPitch = notes.Length == 0 ? 0 : notes.Average(n => n.Pitch.Midi),
            LowestPitch = notes.Length == 0 ? 0 : notes.Min(n => n.Pitch.Midi),
            HighestPitch = notes.Length == 0 ? 0 : notes.Max(n => n.Pitch.Midi),
            RhythmicActivity = distinctOnsets / perQuarter,
            MinorChordShare = MinorShare(score, length),
        };
    }

    /// <summary>Share of minor among the major and minor triads sounding at each quarter-note beat.</summary>
    private static double MinorShare(Score score, double length)
    {
        int major = 0, minor = 0;
        var cursors = new int[score.Parts.Length];
        for (int beat = 0; beat < length; beat++)
        {
            var at = new Rational(beat, 1);
            int mask = 0;
            for (int p = 0; p < score.Parts.Length; p++)
            {
                var ns = score.Parts[p].Notes;
                while (cursors[p] < ns.Length && ns[cursors[p]].End <= at) cursors[p]++;
                for (int i = cursors[p]; i < ns.Length && ns[i].Onset <= at; i++)
                    if (ns[i].End > at) mask |= 1 << ns[i].Pitch.PitchClass;
            }
            switch (TriadQuality(mask))
            {
                case 1: major++; break;
                case 2: minor++; break;
            }
        }
        return major + minor == 0 ? 0 : minor / (double)(major + minor);
    }

    /// <summary>1 when the pitch classes hold a major triad and no minor one, 2 for minor, 0 otherwise.</summary>
    internal static int TriadQuality(int mask)
    {
        bool hasMajor = false, hasMinor = false;
        for (int r = 0; r < 12; r++)
        {
            if ((mask >> r & 1) == 0 || (mask >> ((r + 7) % 12) & 1) == 0) continue;
            if ((mask >> ((r + 4) % 12) & 1) != 0) hasMajor = true;
            if ((mask >> ((r + 3) % 12) & 1) != 0) hasMinor = true;
        }
        return hasMajor == hasMinor ? 0 : hasMajor ? 1 : 2;
    }
}
