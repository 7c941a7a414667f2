using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Recombinancy;

/// <summary>Where a beat of a generated piece comes from.</summary>
/// <param name="Source">The corpus file.</param>
/// <param name="Measure">Measure number in the source.</param>
/// <param name="Beat">Beat in that measure, 1-based.</param>
/// <param name="TranspositionToC">The spelled interval that took the source to the common tonic C (the output key adds its own).</param>
public sealed record BeatProvenance(string Source, int Measure, int Beat, Interval TranspositionToC);

/// <summary>
/// A generated passage of beats relative to C, with its metric layout, phrase ends and, for recombinant pieces,
/// the provenance of every beat. Immutable.
/// </summary>
public sealed class GeneratedPiece
{
    /// <summary>Creates a piece; arrays are copied.</summary>
    public GeneratedPiece(string method, Mode mode, BeatGrouping[] beats, int[] beatInMeasure, int beatsPerMeasure, bool[] phraseEnds, BeatProvenance?[] provenance, int[]? lexiconIds = null)
    {
        Method = method;
        Mode = mode;
        Beats = (BeatGrouping[])beats.Clone();
        BeatInMeasure = (int[])beatInMeasure.Clone();
        BeatsPerMeasure = beatsPerMeasure;
        PhraseEnds = (bool[])phraseEnds.Clone();
        Provenance = (BeatProvenance?[])provenance.Clone();
        LexiconIds = lexiconIds is null ? [] : (int[])lexiconIds.Clone();
    }

    /// <summary>"recombinant" or "markov".</summary>
    public string Method { get; }
    /// <summary>Major or minor.</summary>
    public Mode Mode { get; }
    /// <summary>The beats, relative to C.</summary>
    public IReadOnlyList<BeatGrouping> Beats { get; }
    /// <summary>Beat in the measure of each beat (0-based).</summary>
    public IReadOnlyList<int> BeatInMeasure { get; }
    /// <summary>Quarter-note beats per measure.</summary>
    public int BeatsPerMeasure { get; }
    /// <summary>Phrase ends.</summary>
    public IReadOnlyList<bool> PhraseEnds { get; }
    /// <summary>Where each beat comes from (null for beats not copied from the corpus).</summary>
    public IReadOnlyList<BeatProvenance?> Provenance { get; }
    /// <summary>The lexicon id of each beat (recombinant pieces), else empty.</summary>
    public IReadOnlyList<int> LexiconIds { get; }
    /// <summary>Number of beats.</summary>
    public int Length => Beats.Count;
    /// <summary>Beats before the first downbeat (a pickup).</summary>
    public int PickupBeats => BeatInMeasure.Count == 0 || BeatInMeasure[0] == 0 ? 0 : BeatsPerMeasure - BeatInMeasure[0];

    /// <summary>The piece as a <see cref="MinedPiece"/> in C (for scoring with the Markov models).</summary>
    public MinedPiece ToMined()
    {
        var measures = new int[Length];
        int m = PickupBeats > 0 ? 0 : 1;
        for (int i = 0; i < Length; i++)
        {
            if (i > 0 && BeatInMeasure[i] == 0) m++;
            measures[i] = m;
        }
        return new MinedPiece(Method, new Key(Step.C, 0, Mode), 0, Beats.ToArray(), measures, BeatInMeasure.ToArray(), Enumerable.Repeat(BeatsPerMeasure, Length).ToArray(), PhraseEnds.ToArray());
    }

    /// <summary>The piece as a score in <paramref name="key"/> (whose mode should match).</summary>
    public Score ToScore(Key key, ScoreMetadata? metadata = null) =>
        MinedScores.ToScore(Beats, PhraseEnds, key, new Meter(BeatsPerMeasure, 4), PickupBeats, metadata);
}
