using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;

namespace EvoComposer.Evolution.Composition.Corpus;

/// <summary>
/// Seeds the initial population from the corpus, as issue 6 asks: a share of individuals built from recombinant
/// passages (lexicon groupings joined as in EMI), a share from the Markov models (none by default), and the rest from
/// <see cref="RandomChoraleFactory"/> for diversity. Every seed meets the plan's cadences, so that it starts
/// competitive. Which kind an individual is, and every draw made for it, come from the individual's own random
/// stream, so the population is the same at any number of threads. Every beat carries its <see cref="BeatSource"/>.
/// </summary>
/// <remarks>
/// Every individual starts as the random initializer's (a root progression with the plan's cadence formula at each
/// phrase end and a root-position tonic at the start). A recombinant seed re-draws the plan's beats one by one from
/// the lexicon (<see cref="ChoraleModels.Redraw"/>, each joining the beat before it as a corpus join does, at the
/// plan's metric position); its first beat and each phrase's last two chords are drawn among the groupings with the
/// planned root in the bass, or voiced as the plan's chords where none fits (origins "plan opening", "plan cadence").
/// Under a fixed melody it takes <see cref="ChoraleModels.HarmonizeRecombinant"/> of the melody, its cadence beats
/// re-voiced where they miss the planned root. A Markov seed re-samples each phrase (after the opening chord) up to
/// its cadence from the Markov models (<see cref="ISpanSampler.ResampleSpan"/>, keeping a fixed soprano), given the
/// phrases before it and judged for how it leads into the plan's cadence chords, which it keeps.
/// Beats a sample cannot give (a pitch out of range) keep the random initializer's voicing.
/// </remarks>
public sealed class CorpusSeededFactory : IChromosomeFactory<ChoraleGenome>
{
    /// <summary>
    /// Default share of recombinant individuals: a third. Measured on the default compose, seeds 1–6 (mean final
    /// fitness): a third recombinant and the rest random −95.9; all random −96.1; a third each recombinant, Markov and
    /// random −99.4 (generation 0 means −248, −229, −274).
    /// </summary>
    public const double DefaultRecombinantShare = 1.0 / 3;
    /// <summary>
    /// Default share of Markov individuals: none. Markov seeds still start far behind random ones (generation-0 mean
    /// −307 against −229: parallels and doubled leading notes) and cost time; <c>compose --seeding</c> turns them on.
    /// </summary>
    public const double DefaultMarkovShare = 0;

    private readonly ChoraleModels _models;
    private readonly RandomChoraleFactory _random;

    /// <summary>Creates the factory.</summary>
    /// <param name="models">The mined models.</param>
    /// <param name="plan">The plan every genome follows; its beat must be a quarter note (else every individual is random).</param>
    /// <param name="recombinantShare">Share of individuals seeded from recombinant passages.</param>
    /// <param name="markovShare">Share seeded from Markov samples; the rest are random.</param>
    public CorpusSeededFactory(ChoraleModels models, PhrasePlan plan, double recombinantShare = DefaultRecombinantShare, double markovShare = DefaultMarkovShare)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(plan);
        if (!(recombinantShare >= 0 && markovShare >= 0 && recombinantShare + markovShare <= 1 + 1e-9))
            throw new ArgumentOutOfRangeException(nameof(recombinantShare), "The shares must be non-negative and sum to at most 1.");
        _models = models;
        _random = new RandomChoraleFactory(plan);
        Plan = plan;
        RecombinantShare = recombinantShare;
        MarkovShare = markovShare;
    }

    /// <summary>The plan.</summary>
    public PhrasePlan Plan { get; }
    /// <summary>Share of individuals seeded from recombinant passages.</summary>
    public double RecombinantShare { get; }
    /// <summary>Share of individuals seeded from Markov samples.</summary>
    public double MarkovShare { get; }

    /// <inheritdoc/>
    public ChoraleGenome Create(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        // The random genome is drawn first, so that a random individual is exactly the one RandomChoraleFactory makes.
        var genome = _random.Create(random);
        double u = random.NextDouble();
        if (u >= RecombinantShare + MarkovShare || !GenomeBeats.Supports(Plan)) return genome;
        // The models take a System.Random; seed one from this individual's own stream, so the draw stays deterministic.
        var rng = new Random((int)(random.NextUInt64() >> 33));
        return u < RecombinantShare ? Recombinant(genome, rng, random) : Markov(genome, rng);
    }

    private ChoraleGenome Recombinant(ChoraleGenome genome, Random rng, RandomStream random)
    {
        int toC = MinedScores.SemitonesToC(Plan.Key);
        var e = genome.Edit();
        if (Plan.Melody is null) Chain(e, genome, toC, rng, random);
        else
        {
            var (beats, sources) = Harmonization(rng);
            for (int b = 0; b < Plan.Beats; b++)
            {
                if (Plan.IsHold[b] || beats[b] is not { } grouping) continue;
                var source = sources[b] is { } p ? BeatSource.FromCorpus("recombinant", p, toC) : new BeatSource("recombinant");
                if (GenomeBeats.ToVoicedBeat(Plan, grouping, source) is { } voiced) MutationPlaces.Apply(e, b, voiced);
            }
            MeetCadences(e, genome, random);
        }
        return e.ToGenome(new BeatSource("recombinant"));
    }

    /// <summary>
    /// Re-voices each phrase's penultimate and cadence chord with the random initializer's (the plan's cadence
    /// formula), close to the beat before, unless the beat already has that root in the bass.
    /// </summary>
    private void MeetCadences(GenomeEditor e, ChoraleGenome planned, RandomStream random)
    {
        for (int b = 0; b < Plan.Beats; b++)
        {
            if (Plan.IsHold[b]) { RandomChoraleFactory.CopyBeat(e, b); continue; }
            if (!Plan.IsCadenceChord[b] && !RandomChoraleFactory.IsPenultimate(Plan, b)) continue;
            int root = ChoraleHarmony.InferRoot(Plan.Scale, planned.MainDia, b);
            if (Plan.Scale.Degree(e.MainDia[b * ChoraleGenome.Voices + 3]) != root || ChoraleHarmony.InferRoot(Plan.Scale, e.MainDia, b) != root)
                PlanChord(e, b, root, BeatSource.PlanCadence, random);
        }
    }

    private void PlanChord(GenomeEditor e, int b, int root, BeatSource source, RandomStream random)
    {
        ChoraleHarmony.Voice(e, b, root, allowInversion: false, random);
        for (int v = 0; v < ChoraleGenome.Voices; v++) if (v > 0 || Plan.Melody is null) e.ClearSecond(b, v);
        e.SetSource(b, source);
    }

    // Pitch classes of the scale degrees of C major and C minor (the lexicon is in C).
    private static readonly int[] MajorDegrees = [0, 2, 4, 5, 7, 9, 11], MinorDegrees = [0, 2, 3, 5, 7, 8, 10];

    /// <summary>
    /// A chain of lexicon groupings written into the editor beat by beat, each joining the beat before it as some
    /// corpus join does. The opening, penultimate and cadence beats are drawn among the groupings with the planned
    /// chord's root in the bass (and, for the last chord of a perfect authentic cadence, the tonic in the soprano);
    /// where none fits they are voiced as the plan's chords ("plan opening", "plan cadence"), and the chain goes on
    /// from what was written, so every join is the one that sounds.
    /// </summary>
    private void Chain(GenomeEditor e, ChoraleGenome planned, int toC, Random rng, RandomStream random)
    {
        var degrees = Plan.Key.Mode == Theory.Music.Mode.Minor ? MinorDegrees : MajorDegrees;
        BeatGrouping? previous = null;
        for (int b = 0; b < Plan.Beats; b++)
        {
            if (Plan.IsHold[b]) { RandomChoraleFactory.CopyBeat(e, b); continue; }
            bool plannedChord = b == 0 || Plan.IsCadenceChord[b] || RandomChoraleFactory.IsPenultimate(Plan, b);
            int root = ChoraleHarmony.InferRoot(Plan.Scale, planned.MainDia, b);
            Func<BeatGrouping, bool>? accept = null;
            if (plannedChord)
            {
                int rootPc = degrees[root];
                bool tonicOnTop = Plan.IsCadenceChord[b] && rootPc == 0 && Plan.Phrases[Plan.PhraseOfBeat[b]].Cadence == Theory.Analysis.CadenceKind.PerfectAuthentic;
                accept = g => g.Pitch(3, 0) % 12 == rootPc && (!tonicOnTop || g.Pitch(0, 0) % 12 == 0);
            }
            if (_models.Redraw(Plan.Key.Mode, previous, null, Plan.BeatInMeasure(b) - 1, Plan.Meter.Numerator, rng, accept) is { } d
                && GenomeBeats.ToVoicedBeat(Plan, d.Grouping, BeatSource.FromCorpus("recombinant", d.Provenance, toC)) is { } voiced)
            {
                MutationPlaces.Apply(e, b, voiced);
                previous = d.Grouping;
                // The bass alone may not make the chord the planned one (a passing bass, another chord over it).
                if (!plannedChord || ChoraleHarmony.InferRoot(Plan.Scale, e.MainDia, b) == root) continue;
            }
            if (plannedChord) PlanChord(e, b, root, b == 0 ? BeatSource.PlanOpening : BeatSource.PlanCadence, random);
            previous = BeatGrouping.Chord(e.Midi(b, 0) + toC, e.Midi(b, 1) + toC, e.Midi(b, 2) + toC, e.Midi(b, 3) + toC);
        }
    }

    private (BeatGrouping?[] Beats, BeatProvenance?[] Sources) Harmonization(Random rng)
    {
        int n = Plan.Beats, toC = MinedScores.SemitonesToC(Plan.Key);
        var soprano = new int[n];
        var positions = new int[n];
        var ends = new bool[n];
        for (int b = 0; b < n; b++)
        {
            soprano[b] = Math.Clamp(Plan.Melody!.Main[b].Midi + toC, 1, 127);
            positions[b] = Plan.BeatInMeasure(b) - 1;
            ends[b] = b == n - 1 || Plan.PhraseOfBeat[b + 1] != Plan.PhraseOfBeat[b];
        }
        var piece = _models.HarmonizeRecombinant(soprano, Plan.Key.Mode, positions, Plan.Meter.Numerator, ends, rng);
        var beats = new BeatGrouping?[n];
        var sources = new BeatProvenance?[n];
        for (int b = 0; b < Math.Min(n, piece.Length); b++)
        {
            beats[b] = piece.Beats[b];
            sources[b] = piece.Provenance[b];
        }
        return (beats, sources);
    }

    /// <summary>Each phrase up to its penultimate chord re-sampled from the Markov models, joining into the planned cadence.</summary>
    private ChoraleGenome Markov(ChoraleGenome genome, Random rng)
    {
        var options = new SpanSamplingOptions(KeepSoprano: Plan.Melody is not null, RegisterShift: -MinedScores.SemitonesToC(Plan.Key));
        for (int p = 0; p < Plan.Phrases.Length; p++)
        {
            // A composition keeps the initializer's opening tonic chord.
            int start = p == 0 && Plan.Melody is null ? 1 : Plan.PhraseStarts[p], end = start;
            while (end < Plan.Beats && Plan.PhraseOfBeat[end] == p && !Plan.IsHold[end] && !Plan.IsCadenceChord[end] && !RandomChoraleFactory.IsPenultimate(Plan, end)) end++;
            if (end == start) continue;
            var drawn = _models.ResampleSpan(GenomeBeats.ToMined(genome), start, end, rng, options);
            var e = genome.Edit();
            for (int k = 0; k < drawn.Length; k++)
                if (GenomeBeats.ToVoicedBeat(Plan, drawn[k], null) is { } voiced) MutationPlaces.Apply(e, start + k, voiced);
            genome = e.ToGenome(BeatSource.Markov);
        }
        return genome;
    }
}
