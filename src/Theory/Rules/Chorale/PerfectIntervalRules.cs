using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Rules.Chorale;

/// <summary>
/// Shared logic of the rules about motion into perfect intervals. Two moments are compared: consecutive
/// slices (every onset, so a passing note's fifth counts), or, with <c>beatsOnly</c>, consecutive slices that
/// begin on a beat. A voice whose pitch does not change between the two (held or repeated) does not move.
/// </summary>
internal static class PerfectMotion
{
    /// <summary>5 for a perfect fifth or twelfth (any compound), 8 for a perfect unison, octave or compound octave, else 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Kind(int diatonicDiff, int semitoneDiff)
    {
        int steps = Math.Abs(diatonicDiff), semis = Math.Abs(semitoneDiff);
        if ((uint)steps >= (uint)PerfectSemitones.Length) return WideKind(diatonicDiff, semitoneDiff);
        // Within the table: the size must be perfect (no other size matches, its entry is −1), then the directions agree.
        if (semis != PerfectSemitones[steps]) return 0;
        return (diatonicDiff ^ semitoneDiff) < 0 && diatonicDiff != 0 && semitoneDiff != 0 ? 0 : PerfectKinds[steps];
    }

    /// <summary><see cref="Kind"/> beyond the table's sizes.</summary>
    private static int WideKind(int diatonicDiff, int semitoneDiff)
    {
        int steps = Math.Abs(diatonicDiff), semis = Math.Abs(semitoneDiff);
        if (diatonicDiff < 0 != semitoneDiff < 0 && diatonicDiff != 0 && semitoneDiff != 0) return 0;
        if (steps % 7 == 4 && semis - 12 * (steps / 7) == 7) return 5;
        if (steps % 7 == 0 && semis == 12 * (steps / 7)) return 8;
        return 0;
    }

    /// <summary>For a generic distance in steps whose size is perfect: 8 (unison, octaves) or 5 (fifths).</summary>
    private static readonly int[] PerfectKinds = [.. Enumerable.Range(0, 64).Select(steps => steps % 7 == 0 ? 8 : 5)];

    /// <summary>For a generic distance in steps: the semitones of its perfect fifth or octave (compound too), or −1 for other sizes.</summary>
    private static readonly int[] PerfectSemitones = [.. Enumerable.Range(0, 64).Select(steps =>
        steps % 7 == 4 ? 12 * (steps / 7) + 7 : steps % 7 == 0 ? 12 * (steps / 7) : -1)];

    /// <summary>The next slice to compare with <paramref name="slice"/>, or −1.</summary>
    public static int Next(SliceGrid grid, int slice, bool beatsOnly)
    {
        var metric = grid.Metric;
        for (int t = slice + 1; t < grid.SliceCount; t++)
            if (!beatsOnly || metric[t] > 0) return t;
        return -1;
    }

    /// <summary>The first slice to compare.</summary>
    public static int First(SliceGrid grid, bool beatsOnly) => grid.SliceCount == 0 ? -1 : !beatsOnly || grid.Metric[0] > 0 ? 0 : Next(grid, 0, true);

    public static readonly RuleParameter BeatsOnly = new("beatsOnly",
        "Compare only notes that begin on beats (notes between beats are skipped). Off: every onset is compared, so fifths made by passing notes count.",
        0, IsBoolean: true);

    public static string IntervalName(SliceGrid g, int slice, int upper, int lower) => g.IntervalAt(slice, lower, upper).Abs.ToString();

    /// <summary>One pair of voices at one pair of moments, the second interval perfect: stored by <see cref="Collect"/>.</summary>
    public readonly record struct Event(int S0, int S1, int I, int J, int K0, int K1, int MoveI, int MoveJ, int StepsI)
    {
        public bool BothMove => MoveI != 0 && MoveJ != 0;
        public bool Similar => BothMove && (MoveI > 0) == (MoveJ > 0);
        public bool Contrary => BothMove && (MoveI > 0) != (MoveJ > 0);
    }

    /// <summary>All events of a grid, for caching in the rule context (computed once for all perfect-interval rules).</summary>
    public static ArraySegment<Event> Collect(SliceGrid grid, bool beatsOnly)
    {
        // Every pair of voices (upper i, lower j) at every pair of compared moments where both sound and the second interval is perfect.
        int vc = grid.VoiceCount;
        var midi = grid.Midi;
        var dia = grid.Diatonic;
        // About two perfect intervals per slice in four voices; entries past the count are never read, so not zeroed.
        var events = GC.AllocateUninitializedArray<Event>(Math.Max(4, 2 * grid.SliceCount));
        int count = 0;
        for (int s0 = First(grid, beatsOnly), s1 = s0 < 0 ? -1 : Next(grid, s0, beatsOnly); s1 >= 0; s0 = s1, s1 = Next(grid, s1, beatsOnly))
        {
            int b0 = s0 * vc, b1 = s1 * vc;
            for (int i = 0; i < vc; i++)
            {
                int a0 = midi[b0 + i], a1 = midi[b1 + i];
                if (a0 < 0 || a1 < 0) continue;
                for (int j = i + 1; j < vc; j++)
                {
                    int c0 = midi[b0 + j], c1 = midi[b1 + j];
                    if (c0 < 0 || c1 < 0) continue;
                    int k1 = Kind(dia[b1 + i] - dia[b1 + j], a1 - c1);
                    if (k1 == 0) continue;
                    if (count == events.Length) Array.Resize(ref events, 2 * count);
                    events[count++] = new Event(s0, s1, i, j, Kind(dia[b0 + i] - dia[b0 + j], a0 - c0), k1, a1 - a0, c1 - c0, dia[b1 + i] - dia[b0 + i]);
                }
            }
        }
        return new ArraySegment<Event>(events, 0, count);
    }

    public static string Describe(RuleContext ctx, int s0, int s1, int i, int j, string what)
    {
        var g = ctx.Grid;
        string from = g.Where(s0), to = g.Measures[s0] == g.Measures[s1] ? $"beat {g.Beats[s1].ToDecimalString()}" : g.Where(s1);
        return $"{ctx.Motion(s0, s1, i)} and {ctx.Motion(s0, s1, j)} form {what} ({IntervalName(g, s0, i, j)} → {IntervalName(g, s1, i, j)}) from {from} to {to}.";
    }

    public static Violation Report(RuleContext ctx, RuleSettings settings, int s0, int s1, int i, int j, string what) =>
        ctx.Report(settings, s1, i, j,
            ctx.Explain ? Describe(ctx, s0, s1, i, j, what) : "",
            ctx.Explain ? [ctx.Motion(s0, s1, i), ctx.Motion(s0, s1, j)] : null);
}

/// <summary>Two voices a perfect fifth (or twelfth) apart move in the same direction to another perfect fifth.</summary>
public sealed class ParallelFifthsRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "parallel-fifths";
    /// <inheritdoc/>
    public override string Title => "Parallel fifths";
    /// <inheritdoc/>
    public override string Description =>
        "Two voices a perfect fifth apart (or a twelfth: compound fifths count) must not move in the same direction to another perfect fifth: " +
        "the two voices lose their independence and sound like one. A diminished fifth moving to a perfect fifth is not a parallel fifth; " +
        "a voice that repeats or holds its note is not moving.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5 (parallel fifths and octaves); Piston, Harmony, ch. 3.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters => [PerfectMotion.BeatsOnly];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        foreach (ref readonly var p in context.PerfectEvents(settings.Flag("beatsOnly")))
            if (p.K0 == 5 && p.K1 == 5 && p.Similar)
                violations.Add(PerfectMotion.Report(context, settings, p.S0, p.S1, p.I, p.J, "parallel perfect fifths"));
    }
}

/// <summary>Two voices an octave or unison apart move in the same direction to another octave or unison.</summary>
public sealed class ParallelOctavesRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "parallel-octaves";
    /// <inheritdoc/>
    public override string Title => "Parallel octaves and unisons";
    /// <inheritdoc/>
    public override string Description =>
        "Two voices an octave or unison apart (or two octaves: compound octaves count) must not move in the same direction to another octave or unison: " +
        "one voice merely doubles the other, and four-part writing becomes three-part. A voice that repeats or holds its note is not moving.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5; Fux, Gradus ad Parnassum (first species); Piston, Harmony, ch. 3.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
    [
        PerfectMotion.BeatsOnly,
        new("includeUnisons", "Count parallel unisons (and unison to octave) as well as octaves.", 1, IsBoolean: true),
    ];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        var midi = g.Midi;
        bool unisons = settings.Flag("includeUnisons");
        foreach (ref readonly var p in context.PerfectEvents(settings.Flag("beatsOnly")))
        {
            if (p.K0 != 8 || p.K1 != 8 || !p.Similar) continue;
            bool unison0 = midi[g.Cell(p.S0, p.I)] == midi[g.Cell(p.S0, p.J)], unison1 = midi[g.Cell(p.S1, p.I)] == midi[g.Cell(p.S1, p.J)];
            if (!unisons && (unison0 || unison1)) continue;
            violations.Add(PerfectMotion.Report(context, settings, p.S0, p.S1, p.I, p.J, unison0 && unison1 ? "parallel unisons" : "parallel octaves"));
        }
    }
}

/// <summary>Fifths or octaves by contrary motion (P5 → P12, P8 → P15 with the voices moving apart or together).</summary>
public sealed class ContraryPerfectsRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "contrary-fifths-octaves";
    /// <inheritdoc/>
    public override string Title => "Fifths and octaves by contrary motion";
    /// <inheritdoc/>
    public override string Description =>
        "Two voices a perfect fifth or octave apart that move in contrary motion to the same perfect interval (a fifth to a twelfth, an octave to a unison " +
        "or a double octave) still sound like parallel fifths or octaves, only disguised. Bach uses them between the outer voices at cadences; textbooks avoid them.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5 (\"contrary fifths and octaves\"); Kostka & Payne, Tonal Harmony, ch. 6.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters => [PerfectMotion.BeatsOnly];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        foreach (ref readonly var p in context.PerfectEvents(settings.Flag("beatsOnly")))
            if (p.K0 == p.K1 && p.Contrary)
                violations.Add(PerfectMotion.Report(context, settings, p.S0, p.S1, p.I, p.J, p.K0 == 5 ? "fifths by contrary motion" : "octaves by contrary motion"));
    }
}

/// <summary>Hidden (direct) fifths and octaves: the outer voices move in the same direction into a perfect interval, the soprano by leap.</summary>
public sealed class HiddenPerfectsRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "hidden-fifths-octaves";
    /// <inheritdoc/>
    public override string Title => "Hidden (direct) fifths and octaves";
    /// <inheritdoc/>
    public override string Description =>
        "When the soprano and bass move in the same direction into a perfect fifth or octave, and the soprano leaps, the ear fills in the " +
        "parallel fifth or octave the leap skips over. Approach perfect intervals between the outer voices by contrary motion, or with a step in the soprano.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5 (\"direct fifths and octaves\"); Piston, Harmony, ch. 3 (\"hidden fifths and octaves\").";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
    [
        PerfectMotion.BeatsOnly,
        new("sopranoLeapOnly", "Report only when the upper voice leaps (the usual textbook rule); off: any similar motion into a perfect interval.", 1, IsBoolean: true),
    ];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        bool leapOnly = settings.Flag("sopranoLeapOnly");
        int outer = context.Grid.VoiceCount - 1;
        foreach (ref readonly var p in context.PerfectEvents(settings.Flag("beatsOnly")))
        {
            if (p.I != 0 || p.J != outer) continue;
            if (p.K0 == p.K1 || !p.Similar) continue; // equal kinds: parallel, not hidden
            if (leapOnly && Math.Abs(p.StepsI) < 2) continue;
            violations.Add(PerfectMotion.Report(context, settings, p.S0, p.S1, p.I, p.J,
                p.K1 == 5 ? "a hidden fifth (similar motion into a fifth" + (leapOnly ? ", the upper voice leaping)" : ")")
                          : "a hidden octave (similar motion into an octave" + (leapOnly ? ", the upper voice leaping)" : ")")));
        }
    }
}
