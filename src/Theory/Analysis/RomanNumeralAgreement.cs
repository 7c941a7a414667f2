using EvoComposer.Theory.Formats.RomanText;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>Per-beat agreement between this analysis and an expert's, as counts of beats.</summary>
/// <param name="Beats">Beats compared (every beat where the expert has an interpretable label).</param>
/// <param name="Root">Beats where the roots agree.</param>
/// <param name="RootAndQuality">Beats where root, triad quality and the presence of a seventh agree.</param>
/// <param name="Full">Beats where root, quality, seventh, inversion and the local key (tonic and mode) all agree: the same numeral in the same key.</param>
/// <param name="Key">Beats where the local keys agree.</param>
/// <param name="Inversion">Beats where root, quality, seventh and inversion agree: our chord, written in the expert's key, is the expert's numeral (secondary dominants and tonicizations aside).</param>
public readonly record struct AgreementCounts(int Beats, int Root, int RootAndQuality, int Full, int Key, int Inversion = 0)
{
    /// <summary>Adds two counts.</summary>
    public static AgreementCounts operator +(AgreementCounts a, AgreementCounts b) =>
        new(a.Beats + b.Beats, a.Root + b.Root, a.RootAndQuality + b.RootAndQuality, a.Full + b.Full, a.Key + b.Key, a.Inversion + b.Inversion);

    /// <summary>A share of <see cref="Beats"/> (0 when nothing was compared).</summary>
    public double Share(int count) => Beats == 0 ? 0 : (double)count / Beats;
}

/// <summary>
/// Compares the chords and keys of <see cref="HarmonicAnalysis"/> with an expert RomanText analysis of the same
/// score, beat by beat: at each beat onset, the expert label in force against the chord of the slice sounding then.
/// </summary>
public static class RomanNumeralAgreement
{
    /// <summary>Compares the analysis of <paramref name="score"/> with <paramref name="expert"/>.</summary>
    public static AgreementCounts Compare(Score score, RomanTextAnalysis expert)
    {
        var grid = SliceGrid.FromScore(score);
        var analysis = HarmonicAnalysis.Analyze(grid, score.Key, score.KeySignature.Fifths);
        var labels = expert.Labels;
        // Expert labels with onsets.
        var onsets = new List<(Rational Onset, RomanTextLabel Label)>();
        foreach (var label in labels)
            if (OnsetOf(score, label.Measure, label.Beat) is { } t) onsets.Add((t, label));
        onsets.Sort((a, b) => a.Onset.CompareTo(b.Onset));
        var counts = new AgreementCounts();
        int li = -1, slice = -1;
        var gridOnsets = grid.Onsets;
        foreach (var m in score.Measures)
        {
            var meter = score.MeterAt(m.Onset);
            // A pickup's beats fall on the beat grid counted from the end of the measure.
            var start = m == score.Measures[0] && m.Duration < meter.MeasureLength ? m.Onset - (meter.MeasureLength - m.Duration) : m.Onset;
            for (var beatStart = start; beatStart < m.Onset + m.Duration; beatStart += meter.BeatLength)
            {
                if (beatStart < m.Onset) continue;
                while (li + 1 < onsets.Count && onsets[li + 1].Onset <= beatStart) li++;
                while (slice + 1 < grid.SliceCount && gridOnsets[slice + 1] <= beatStart) slice++;
                if (li < 0 || slice < 0 || onsets[li].Label.Chord is not { } theirs) continue;
                var ours = analysis.Chords[slice];
                var ourKey = analysis.Keys[slice];
                bool root = ours.IsKnown && ours.RootPitchClass == theirs.RootPitchClass;
                bool quality = root && ours.Triad == theirs.Triad && (ours.Seventh != SeventhQuality.None) == (theirs.Seventh != SeventhQuality.None);
                bool key = ourKey.TonicPitchClass == onsets[li].Label.Key.TonicPitchClass && ourKey.Mode == onsets[li].Label.Key.Mode;
                bool inversion = quality && ours.Inversion == theirs.Inversion;
                bool full = inversion && key;
                counts += new AgreementCounts(1, root ? 1 : 0, quality ? 1 : 0, full ? 1 : 0, key ? 1 : 0, inversion ? 1 : 0);
            }
        }
        return counts;
    }

    /// <summary>The onset of a RomanText (measure, beat) in the score, or null when the measure is not in it.</summary>
    public static Rational? OnsetOf(Score score, int measure, Rational beat)
    {
        for (int i = 0; i < score.Measures.Length; i++)
        {
            var m = score.Measures[i];
            if (m.Number != measure) continue;
            var meter = score.MeterAt(m.Onset);
            var offset = (beat - Rational.One) * meter.BeatLength;
            if (i == 0 && m.Duration < meter.MeasureLength) offset -= meter.MeasureLength - m.Duration;
            return m.Onset + offset;
        }
        return null;
    }
}
