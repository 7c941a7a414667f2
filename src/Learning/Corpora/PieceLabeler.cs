using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>Computes the <see cref="PieceLabels"/> of a score.</summary>
public static class PieceLabeler
{
    /// <summary>
    /// Labels a score; the set gives default composer, epoch and genre. A declared key is taken as it is, except
    /// from MIDI files, whose mode flag is often wrong (every chorale of the shared MIDI set says major): there the
    /// key is read from the music (<see cref="KeyFromFinalis"/>). An undeclared key is
    /// <see cref="KeyEstimator.Global"/>'s estimate.
    /// </summary>
    public static PieceLabels Label(Score score, CorpusSet? set = null)
    {
        var notes = score.Parts.SelectMany(p => p.Notes).ToArray();
        var grid = notes.Length == 0 ? null : SliceGrid.FromScore(score);
        double length = score.Length.ToDouble();
        double perQuarter = Math.Max(length, 1e-9);
        int distinctOnsets = notes.Select(n => n.Onset).Distinct().Count();
        Key key = (score.Key, grid) switch
        {
            (_, null) => score.Key ?? Key.FromFifths(score.KeySignature.Fifths, Mode.Major),
            ({ } k, _) when set?.Format != "midi" => k,
            ({ }, { } g) => KeyFromFinalis(score, g),
            (null, { } g) => KeyEstimator.Global(g, null, score.KeySignature.Fifths),
        };
        return new PieceLabels
        {
            Composer = score.Metadata.Composer ?? set?.Composer ?? "unknown",
            Epoch = set?.Epoch ?? "unknown",
            Genre = set?.Genre ?? "unknown",
            Key = key,
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
            MinorChordShare = grid is null ? 0 : MinorChordShare(grid),
        };
    }

    /// <summary>
    /// The key read from the music for sources whose declared mode cannot be trusted: the tonic is the lowest
    /// part's last note (chorales end on the tonic), the mode the one <see cref="KeyEstimator.OnTonic"/> finds on
    /// it, the spelling the one nearest the signature.
    /// </summary>
    private static Key KeyFromFinalis(Score score, SliceGrid grid)
    {
        var last = score.Parts.Where(p => !p.Notes.IsEmpty).Select(p => p.Notes[^1]).MinBy(n => n.Pitch.Midi);
        return KeyEstimator.OnTonic(grid, last.Pitch.PitchClass, score.KeySignature.Fifths);
    }

    /// <summary>
    /// Share of minor among the major and minor triads (with their third) that <see cref="ChordIdentifier"/> finds
    /// sounding at each quarter-note beat.
    /// </summary>
    internal static double MinorChordShare(SliceGrid grid)
    {
        int major = 0, minor = 0;
        Span<ChordMember> members = stackalloc ChordMember[grid.VoiceCount];
        var onsets = grid.Onsets;
        var durations = grid.Durations;
        for (int s = 0; s < grid.SliceCount; s++)
        {
            var onset = onsets[s];
            var end = onset + durations[s];
            long beat = onset.Floor();
            if (new Rational(beat, 1) < onset) beat++;
            int beats = 0;
            for (; new Rational(beat, 1) < end; beat++) beats++;
            if (beats == 0) continue;
            var chord = ChordIdentifier.Identify(grid, s, members);
            if (!chord.IsKnown || !chord.HasThird) continue;
            if (chord.Triad == TriadQuality.Major) major += beats;
            else if (chord.Triad == TriadQuality.Minor) minor += beats;
        }
        return major + minor == 0 ? 0 : minor / (double)(major + minor);
    }
}
