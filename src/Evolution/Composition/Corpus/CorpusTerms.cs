using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;

namespace EvoComposer.Evolution.Composition.Corpus;

/// <summary>
/// The mined Markov models' opinion of a chorale: the mean natural log-probability per beat (harmonic model for
/// each beat's sonority plus the four melodic models for the notes that start in it), on the genome transposed to C.
/// Higher is better: give it a positive weight. Zero for plans whose beat is not a quarter note.
/// </summary>
/// <param name="models">The mined models.</param>
public sealed class MarkovTerm(ChoraleModels models) : ChoraleTerm
{
    private readonly ChoraleModels _models = models ?? throw new ArgumentNullException(nameof(models));

    /// <inheritdoc/>
    public override string Name => "markov";
    /// <inheritdoc/>
    public override string Description => $"Mean log-probability per beat under the harmonic and melodic Markov models mined from '{_models.SetName}' (reward).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        if (!GenomeBeats.Supports(input.Plan)) return 0;
        var scores = _models.ScoreBeats(GenomeBeats.ToMined(input.Genome));
        double sum = 0;
        for (int b = 0; b < scores.Length; b++)
        {
            sum += scores[b];
            if (findings is not null && scores[b] < -12 && !input.Plan.IsHold[b])
                Add(findings, input.BeatSlice[b], $"a beat the models find very unlikely (log P = {scores[b]:0.0})", scores[b]);
        }
        return scores.Length == 0 ? 0 : sum / scores.Length;
    }
}

/// <summary>
/// The recombinancy lexicon as a source of beats for <see cref="LexiconBeatMutation"/>: a corpus beat (transposed
/// to the plan's key) whose join from the previous beat occurs in the corpus and which leads to the next beat.
/// </summary>
/// <param name="models">The mined models.</param>
public sealed class ModelsBeatLexicon(ChoraleModels models) : IBeatLexicon
{
    private readonly ChoraleModels _models = models ?? throw new ArgumentNullException(nameof(models));

    /// <inheritdoc/>
    public bool TryDraw(ChoraleGenome genome, int beat, RandomStream random, out VoicedBeat? proposal)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        proposal = null;
        var plan = genome.Plan;
        if (!GenomeBeats.Supports(plan)) return false;
        int toC = MinedScores.SemitonesToC(plan.Key);
        BeatGrouping? previous = beat > 0 ? GenomeBeats.Grouping(genome, beat - 1, toC) : null;
        BeatGrouping? next = beat + 1 < plan.Beats ? GenomeBeats.Grouping(genome, beat + 1, toC) : null;
        // The models take a System.Random; seed one from this individual's own stream, so the draw stays deterministic.
        var drawn = _models.Redraw(plan.Key.Mode, previous, next, plan.BeatInMeasure(beat) - 1, plan.Meter.Numerator, new Random((int)(random.NextUInt64() >> 33)));
        if (drawn is not { } d) return false;
        proposal = GenomeBeats.ToVoicedBeat(plan, d.Grouping, BeatSource.FromCorpus("lexicon", d.Provenance, toC));
        return proposal is not null;
    }
}

/// <summary>
/// The style classifier's opinion of a chorale: log P(target class, e.g. "real") of the whole piece under a trained
/// classifier (branch <c>style</c>; <c>evocomposer train real-vs-generated</c>). Higher is better: give it a positive weight.
/// </summary>
/// <param name="scorer">The trained scorer.</param>
public sealed class StyleTerm(Learning.Style.StyleScorer scorer) : ChoraleTerm
{
    private readonly Learning.Style.StyleScorer _scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));

    /// <inheritdoc/>
    public override string Name => "style";
    /// <inheritdoc/>
    public override string Description => $"log P({_scorer.TargetClass}) of the piece under the trained style classifier (reward).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings) =>
        _scorer.LogProbability(input.Grid, input.Plan.Meter);
}
