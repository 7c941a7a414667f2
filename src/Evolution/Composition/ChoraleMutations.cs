using System.Collections.Immutable;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>One beat of four voices as a model proposes it (a recombinancy lexicon entry, a Markov sample).</summary>
/// <param name="Main">The four main notes, soprano first.</param>
/// <param name="Second">The four half-beat notes (null: none), soprano first.</param>
/// <param name="Source">Where it came from (a corpus bar and transposition), for provenance; null: the operator's own origin.</param>
public sealed record VoicedBeat(ImmutableArray<Pitch> Main, ImmutableArray<Pitch?> Second, BeatSource? Source = null);

/// <summary>
/// A recombinancy lexicon as a mutation sees it: proposes a beat for a place in a genome that fits the beats on
/// both sides (implemented on branch <c>mining</c>; plugged in with <see cref="LexiconBeatMutation"/>).
/// </summary>
public interface IBeatLexicon
{
    /// <summary>A beat to put at <paramref name="beat"/>, or false when none fits.</summary>
    bool TryDraw(ChoraleGenome genome, int beat, RandomStream random, out VoicedBeat? proposal);
}

/// <summary>The origins the mutations give the beats they change (see <see cref="BeatSource"/>).</summary>
internal static class Origins
{
    public static readonly BeatSource ChordTone = BeatSource.Mutation("chord tone");
    public static readonly BeatSource VoiceExchange = BeatSource.Mutation("voice exchange");
    public static readonly BeatSource Octave = BeatSource.Mutation("octave");
    public static readonly BeatSource PassingNote = BeatSource.Mutation("passing note");
    public static readonly BeatSource RedrawnChord = BeatSource.Mutation("re-drawn chord");
    public static readonly BeatSource RedrawnSpan = BeatSource.Mutation("re-drawn span");
    public static readonly BeatSource Lexicon = BeatSource.Mutation("lexicon re-draw");
    public static readonly BeatSource MarkovSpan = BeatSource.Mutation("Markov span");
}

/// <summary>Shared helpers of the musical mutations.</summary>
internal static class MutationPlaces
{
    /// <summary>A random beat that has genes (not a hold), or −1.</summary>
    public static int Beat(ChoraleGenome g, RandomStream random)
    {
        for (int tries = 0; tries < 8; tries++)
        {
            int b = random.NextInt(g.Beats);
            if (!g.Plan.IsHold[b]) return b;
        }
        return -1;
    }

    /// <summary>A random voice that may change.</summary>
    public static int Voice(ChoraleGenome g, RandomStream random) => g.IsFree(0) ? random.NextInt(4) : 1 + random.NextInt(3);

    /// <summary>Copies a cadence chord into the holds that follow a changed beat.</summary>
    public static void RefreshHolds(GenomeEditor e, int beat)
    {
        for (int b = beat + 1; b < e.Plan.Beats && e.Plan.IsHold[b]; b++) RandomChoraleFactory.CopyBeat(e, b);
    }

    /// <summary>Writes a proposed beat (the free voices) and names its source when it has one.</summary>
    public static void Apply(GenomeEditor e, int beat, VoicedBeat proposal)
    {
        if (proposal.Source is { } source) e.SetSource(beat, source);
        for (int v = 0; v < ChoraleGenome.Voices; v++)
        {
            if (v == 0 && e.Plan.Melody is not null) continue;
            var p = proposal.Main[v];
            e.SetMain(beat, v, p.DiatonicIndex, p.Alter);
            if (proposal.Second[v] is { } s) e.SetSecond(beat, v, s.DiatonicIndex, s.Alter);
            else e.ClearSecond(beat, v);
        }
        RefreshHolds(e, beat);
    }
}

/// <summary>Moves one voice's note to another tone of the beat's chord (the chord inferred from the four voices), near where it was.</summary>
public sealed class ChordToneMutation : MutationBase<ChoraleGenome>
{
    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int b = MutationPlaces.Beat(genome, random);
        if (b < 0) return genome;
        int v = MutationPlaces.Voice(genome, random);
        var scale = genome.Plan.Scale;
        int root = ChoraleHarmony.InferRoot(scale, genome.MainDia, b);
        int c = b * ChoraleGenome.Voices + v;
        int current = genome.MainDia[c];
        Span<int> options = stackalloc int[8];
        int n = 0;
        for (int d = current - 5; d <= current + 5 && n < options.Length; d++)
        {
            if (d == current || !scale.InTriad(root, d)) continue;
            int m = KeyScale.Midi(d, scale.Alter(d, root));
            var (low, high) = KeyScale.Ranges[v];
            if (m >= low && m <= high) options[n++] = d;
        }
        if (n == 0) return genome;
        int pick = options[random.NextInt(n)];
        var e = genome.Edit();
        e.SetMain(b, v, pick, scale.Alter(pick, root));
        MutationPlaces.RefreshHolds(e, b);
        return e.ToGenome(Origins.ChordTone);
    }
}

/// <summary>Exchanges the notes of two upper voices at a beat (soprano, alto, tenor; alto and tenor under a fixed melody).</summary>
public sealed class VoiceExchangeMutation : MutationBase<ChoraleGenome>
{
    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int b = MutationPlaces.Beat(genome, random);
        if (b < 0) return genome;
        int x, y;
        if (genome.IsFree(0))
        {
            x = random.NextInt(3);
            y = (x + 1 + random.NextInt(2)) % 3;
        }
        else (x, y) = (1, 2);
        var e = genome.Edit();
        int cx = b * ChoraleGenome.Voices + x, cy = b * ChoraleGenome.Voices + y;
        (e.MainDia[cx], e.MainDia[cy]) = (e.MainDia[cy], e.MainDia[cx]);
        (e.MainAlt[cx], e.MainAlt[cy]) = (e.MainAlt[cy], e.MainAlt[cx]);
        e.ClearSecond(b, x);
        e.ClearSecond(b, y);
        MutationPlaces.RefreshHolds(e, b);
        return e.ToGenome(Origins.VoiceExchange);
    }
}

/// <summary>Moves one voice by an octave over a span of one to four beats, if it stays near its range.</summary>
public sealed class OctaveShiftMutation : MutationBase<ChoraleGenome>
{
    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int b = MutationPlaces.Beat(genome, random);
        if (b < 0) return genome;
        int v = MutationPlaces.Voice(genome, random);
        int length = 1 + random.NextInt(4);
        int shift = random.NextBool() ? 7 : -7;
        var (low, high) = KeyScale.Ranges[v];
        var e = genome.Edit();
        int end = Math.Min(genome.Beats, b + length);
        while (end < genome.Beats && genome.Plan.IsHold[end]) end++;
        for (int k = b; k < end; k++)
        {
            int c = k * ChoraleGenome.Voices + v;
            int m = KeyScale.Midi(e.MainDia[c] + shift, e.MainAlt[c]);
            if (m < low - 2 || m > high + 2) return genome;
            e.MainDia[c] = (sbyte)(e.MainDia[c] + shift);
            if (e.SecDia[c] != 0) e.SecDia[c] = (sbyte)(e.SecDia[c] + shift);
        }
        return e.ToGenome(Origins.Octave);
    }
}

/// <summary>Adds a passing or neighbour note on a half beat, or removes one.</summary>
public sealed class PassingNoteMutation : MutationBase<ChoraleGenome>
{
    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int b = MutationPlaces.Beat(genome, random);
        if (b < 0) return genome;
        int v = MutationPlaces.Voice(genome, random);
        var e = genome.Edit();
        if (genome.SecDia[b * ChoraleGenome.Voices + v] != 0) e.ClearSecond(b, v);
        else if (!ChoraleHarmony.TryAddSecond(e, b, v, random)) return genome;
        return e.ToGenome(Origins.PassingNote);
    }
}

/// <summary>Re-draws one beat: a new root that follows the previous beat's, voiced close to its neighbours.</summary>
public sealed class RedrawBeatMutation : MutationBase<ChoraleGenome>
{
    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int b = MutationPlaces.Beat(genome, random);
        if (b < 0) return genome;
        var scale = genome.Plan.Scale;
        int prev = b > 0 ? ChoraleHarmony.InferRoot(scale, genome.MainDia, b - 1) : -1;
        int current = ChoraleHarmony.InferRoot(scale, genome.MainDia, b);
        int soprano = genome.IsFree(0) ? -1 : genome.MainDia[b * ChoraleGenome.Voices];
        int root = ChoraleHarmony.NextRoot(scale, prev, soprano, random, avoid: current);
        var e = genome.Edit();
        ChoraleHarmony.Voice(e, b, root, allowInversion: !genome.Plan.IsCadenceChord[b], random);
        for (int v = 0; v < ChoraleGenome.Voices; v++) if (genome.IsFree(v)) e.ClearSecond(b, v);
        MutationPlaces.RefreshHolds(e, b);
        return e.ToGenome(Origins.RedrawnChord);
    }
}

/// <summary>
/// Re-draws a span of two to four beats with the built-in progression table, voiced smoothly; the stand-in for
/// <see cref="ResampleMarkovSpanMutation"/> when no mined models are available.
/// </summary>
public sealed class RedrawSpanMutation : MutationBase<ChoraleGenome>
{
    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int start = MutationPlaces.Beat(genome, random);
        if (start < 0) return genome;
        int length = 2 + random.NextInt(3);
        var plan = genome.Plan;
        var scale = plan.Scale;
        var e = genome.Edit();
        int prev = start > 0 ? ChoraleHarmony.InferRoot(scale, genome.MainDia, start - 1) : -1;
        for (int b = start; b < Math.Min(plan.Beats, start + length); b++)
        {
            if (plan.IsHold[b]) { RandomChoraleFactory.CopyBeat(e, b); continue; }
            int soprano = genome.IsFree(0) ? -1 : genome.MainDia[b * ChoraleGenome.Voices];
            int root = ChoraleHarmony.NextRoot(scale, prev, soprano, random);
            ChoraleHarmony.Voice(e, b, root, allowInversion: !plan.IsCadenceChord[b], random);
            for (int v = 0; v < ChoraleGenome.Voices; v++) if (genome.IsFree(v)) e.ClearSecond(b, v);
            prev = root;
        }
        MutationPlaces.RefreshHolds(e, Math.Min(plan.Beats, start + length) - 1);
        return e.ToGenome(Origins.RedrawnSpan);
    }
}

/// <summary>Re-draws a beat from a recombinancy lexicon (a beat from the corpus that fits both neighbours).</summary>
/// <param name="lexicon">The lexicon.</param>
public sealed class LexiconBeatMutation(IBeatLexicon lexicon) : MutationBase<ChoraleGenome>
{
    private readonly IBeatLexicon _lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));

    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        int b = MutationPlaces.Beat(genome, random);
        if (b < 0 || !_lexicon.TryDraw(genome, b, random, out var proposal) || proposal is null) return genome;
        var e = genome.Edit();
        MutationPlaces.Apply(e, b, proposal);
        return e.ToGenome(Origins.Lexicon);
    }
}

/// <summary>
/// Re-samples a span of one to <see cref="MaxLength"/> beats from the mined Markov models (an
/// <see cref="ISpanSampler"/>), given the beats before it and judged for how it leads into the beat after it; a fixed
/// soprano is kept, and the voices are kept near their ranges in the plan's key. The span stops before a held beat.
/// The changed beats' origin is "mutation: Markov span". Nothing changes for a plan whose beat is not a quarter note.
/// </summary>
public sealed class ResampleMarkovSpanMutation : MutationBase<ChoraleGenome>
{
    private readonly ISpanSampler _sampler;

    /// <summary>Creates the mutation.</summary>
    /// <param name="sampler">The Markov models.</param>
    /// <param name="maxLength">Longest span re-sampled, 1–16; default 4.</param>
    public ResampleMarkovSpanMutation(ISpanSampler sampler, int maxLength = 4)
    {
        _sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
        if (maxLength < 1 || maxLength > 16) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The span must be 1–16 beats long.");
        MaxLength = maxLength;
    }

    /// <summary>Longest span re-sampled.</summary>
    public int MaxLength { get; }

    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        var plan = genome.Plan;
        if (!GenomeBeats.Supports(plan)) return genome;
        int start = MutationPlaces.Beat(genome, random);
        if (start < 0) return genome;
        int end = Math.Min(plan.Beats, start + 1 + random.NextInt(MaxLength));
        for (int b = start + 1; b < end; b++)
            if (plan.IsHold[b]) { end = b; break; }
        // The models take a System.Random; seed one from this individual's own stream, so the draw stays deterministic.
        var rng = new Random((int)(random.NextUInt64() >> 33));
        var drawn = _sampler.ResampleSpan(GenomeBeats.ToMined(genome), start, end, rng,
            new SpanSamplingOptions(KeepSoprano: !genome.IsFree(0), RegisterShift: -MinedScores.SemitonesToC(plan.Key)));
        var e = genome.Edit();
        bool changed = false;
        for (int k = 0; k < drawn.Length; k++)
        {
            if (GenomeBeats.ToVoicedBeat(plan, drawn[k], null) is not { } beat) continue;
            MutationPlaces.Apply(e, start + k, beat);
            changed = true;
        }
        if (!changed) return genome;
        MutationPlaces.RefreshHolds(e, end - 1);
        return e.ToGenome(Origins.MarkovSpan);
    }
}

/// <summary>
/// Copies a phrase onto a later phrase with the same cadence kind and final-chord length (bar form: the third
/// phrase repeating the first, Stollen–Stollen–Abgesang). The two phrases are aligned at their ends, so with a pickup
/// the shorter length is copied (phrase 1's last eight beats in the default plan). Only for compose: it leaves the
/// genome unchanged when the plan has a fixed melody. The joins into and out of the copied span are left to the
/// other operators and the fitness.
/// </summary>
/// <param name="sopranoOnly">Copy the soprano only and keep the lower voices as they are (false: all four voices).</param>
public sealed class CopyPhraseMutation(bool sopranoOnly = false) : MutationBase<ChoraleGenome>
{
    /// <summary>Whether only the soprano is copied.</summary>
    public bool SopranoOnly { get; } = sopranoOnly;

    /// <summary>The provenance of a beat copied from a phrase (0-based <paramref name="phrase"/>; the text counts from 1).</summary>
    public static BeatSource Origin(int phrase) => BeatSource.Mutation($"phrase copy (from phrase {phrase + 1})");

    /// <summary>
    /// The pairs (source, target) of phrases this mutation may copy between, with the number of beats copied
    /// (aligned at the phrase ends, so that the beats fall on the same places of the measure): the plan's <see cref="PhrasePlan.RepeatablePhrases"/>.
    /// </summary>
    public static IReadOnlyList<(int From, int To, int Beats)> Pairs(PhrasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.RepeatablePhrases;
    }

    /// <inheritdoc/>
    protected override ChoraleGenome PerformMutate(ChoraleGenome genome, RandomStream random)
    {
        var plan = genome.Plan;
        if (plan.Melody is not null) return genome;
        var pairs = Pairs(plan);
        if (pairs.Count == 0) return genome;
        var (i, j, length) = pairs[random.NextInt(pairs.Count)];
        int from = plan.PhraseStarts[i] + plan.Phrases[i].Beats - length, to = plan.PhraseStarts[j] + plan.Phrases[j].Beats - length;
        var e = genome.Edit();
        var origin = Origin(i);
        int voices = SopranoOnly ? 1 : ChoraleGenome.Voices;
        for (int k = 0; k < length; k++)
        {
            int cs = (from + k) * ChoraleGenome.Voices, ct = (to + k) * ChoraleGenome.Voices;
            for (int v = 0; v < voices; v++)
            {
                e.MainDia[ct + v] = genome.MainDia[cs + v];
                e.MainAlt[ct + v] = genome.MainAlt[cs + v];
                e.SecDia[ct + v] = genome.SecDia[cs + v];
                e.SecAlt[ct + v] = genome.SecAlt[cs + v];
            }
            if (!plan.IsHold[to + k]) e.SetSource(to + k, origin);
        }
        return e.ToGenome(origin);
    }
}
