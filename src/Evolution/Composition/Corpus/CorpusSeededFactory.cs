using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;

namespace EvoComposer.Evolution.Composition.Corpus;

/// <summary>
/// Seeds the initial population from the corpus, as issue 6 asks: a share of individuals built from a recombinant
/// passage (lexicon groupings joined as in EMI), a share from a Markov sample, and the rest from
/// <see cref="RandomChoraleFactory"/> for diversity. Which kind an individual is, and every draw made for it, come
/// from the individual's own random stream, so the population is the same at any number of threads.
/// </summary>
/// <remarks>
/// A composition fills every beat that is not a hold from the sample: the recombinant kind re-draws the plan's beats
/// one by one from the lexicon (<see cref="ChoraleModels.Redraw"/>, each fitting the beat before it at the plan's
/// metric position), the Markov kind maps a <c>ChoraleModels.SampleMarkov</c>
/// passage onto the plan phrase by phrase, aligned at the phrase ends (a phrase of the plan longer than the
/// sample's keeps random beats at its start). A harmonization keeps its soprano and takes the lower voices from
/// <see cref="ChoraleModels.HarmonizeRecombinant"/> or <see cref="ChoraleModels.HarmonizeMarkov"/> of the fixed melody.
/// Beats a sample cannot give (a pitch out of range) keep the random initializer's voicing.
/// </remarks>
public sealed class CorpusSeededFactory : IChromosomeFactory<ChoraleGenome>
{
    /// <summary>Default share of recombinant individuals.</summary>
    public const double DefaultRecombinantShare = 1.0 / 3;
    /// <summary>Default share of Markov individuals.</summary>
    public const double DefaultMarkovShare = 1.0 / 3;

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
        if (!(recombinantShare >= 0 && markovShare >= 0 && recombinantShare + markovShare <= 1))
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
        bool recombinant = u < RecombinantShare;
        // The models take a System.Random; seed one from this individual's own stream, so the draw stays deterministic.
        var rng = new Random((int)(random.NextUInt64() >> 33));
        var beats = Plan.Melody is null
            ? recombinant ? RedrawChain(rng) : MarkovBeats(rng)
            : Harmonization(recombinant, rng);
        var e = genome.Edit();
        for (int b = 0; b < Plan.Beats; b++)
        {
            if (Plan.IsHold[b] || beats[b] is not { } grouping) continue;
            if (GenomeBeats.ToVoicedBeat(Plan, grouping, null) is { } voiced) MutationPlaces.Apply(e, b, voiced);
        }
        for (int b = 1; b < Plan.Beats; b++)
            if (Plan.IsHold[b]) RandomChoraleFactory.CopyBeat(e, b);
        return e.ToGenome();
    }

    private BeatGrouping?[] RedrawChain(Random rng)
    {
        var beats = new BeatGrouping?[Plan.Beats];
        BeatGrouping? previous = null;
        for (int b = 0; b < Plan.Beats; b++)
        {
            if (Plan.IsHold[b]) { beats[b] = previous; continue; }
            previous = beats[b] = _models.Redraw(Plan.Key.Mode, previous, null, Plan.BeatInMeasure(b) - 1, Plan.Meter.Numerator, rng)?.Grouping;
        }
        return beats;
    }

    private BeatGrouping?[] MarkovBeats(Random rng)
    {
        var sample = _models.SampleMarkov(Plan.Key, Plan.Phrases.Length, rng, Plan.Meter.Numerator);
        var phrases = new List<(int Start, int End)>();
        for (int i = 0, start = 0; i < sample.Length; i++)
            if (sample.PhraseEnds[i] || i == sample.Length - 1) { phrases.Add((start, i)); start = i + 1; }
        var beats = new BeatGrouping?[Plan.Beats];
        for (int p = 0; p < Plan.Phrases.Length && phrases.Count > 0; p++)
        {
            var (sampleStart, sampleEnd) = phrases[Math.Min(p, phrases.Count - 1)];
            int planEnd = p + 1 < Plan.Phrases.Length ? Plan.PhraseStarts[p + 1] - 1 : Plan.Beats - 1;
            // Align the sample's cadence with the plan's last chord of the phrase (before its holds).
            while (planEnd > Plan.PhraseStarts[p] && Plan.IsHold[planEnd]) planEnd--;
            for (int b = planEnd, s = sampleEnd; b >= Plan.PhraseStarts[p] && s >= sampleStart; b--, s--)
                beats[b] = sample.Beats[s];
        }
        return beats;
    }

    private BeatGrouping?[] Harmonization(bool recombinant, Random rng)
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
        var piece = recombinant
            ? _models.HarmonizeRecombinant(soprano, Plan.Key.Mode, positions, Plan.Meter.Numerator, ends, rng)
            : _models.HarmonizeMarkov(soprano, Plan.Key.Mode, positions, Plan.Meter.Numerator, ends, rng);
        var beats = new BeatGrouping?[n];
        for (int b = 0; b < Math.Min(n, piece.Length); b++) beats[b] = piece.Beats[b];
        return beats;
    }
}
