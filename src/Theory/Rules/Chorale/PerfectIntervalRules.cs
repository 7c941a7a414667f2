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
    public static int Kind(int diatonicDiff, int semitoneDiff) => KindOf(12 * diatonicDiff - 7 * semitoneDiff, semitoneDiff);

    /// <summary>
    /// <see cref="Kind"/> from <paramref name="fifths"/> = 12 × steps − 7 × semitones (a note's 12 × diatonic − 7 × MIDI,
    /// <see cref="FifthsCode"/>, differs between two notes by this) and the semitones.
    /// </summary>
    /// <remarks>
    /// For a size of s steps and t semitones in one direction (s, t ≥ 0), 12s − 7t is 0 exactly for unisons and (compound)
    /// octaves (s = 7k, t = 12k) and −1 exactly for (compound) perfect fifths (s = 4 + 7k, t = 7 + 12k): 7 and 12 are coprime.
    /// Downwards the sign turns. A size spelled one way and sounding the other never gives 0 or −1 (nor does a unison
    /// spelled as a second, and so on), so no other test is needed: no table and no test of the direction, which in a
    /// chorale come out close to randomly, so that branches on them were often mispredicted.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int KindOf(int fifths, int semitoneDiff)
    {
        int sign = semitoneDiff >> 31, w = ((fifths ^ sign) - sign) + 1; // 0 for a fifth, 1 for an octave
        return (uint)w <= 1u ? 5 + 3 * w : 0;
    }

    /// <summary>A note's code for <see cref="KindOf"/>: 12 × its diatonic number − 7 × its MIDI number.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int FifthsCode(int diatonic, int midi) => 12 * diatonic - 7 * midi;

    /// <summary>The next slice to compare with <paramref name="slice"/>, or −1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Next(SliceGrid grid, int slice, bool beatsOnly)
    {
        if (!beatsOnly) return slice + 1 < grid.SliceCount ? slice + 1 : -1;
        var metric = grid.Metric;
        for (int t = slice + 1; t < metric.Length; t++)
            if (metric[t] > 0) return t;
        return -1;
    }

    /// <summary>The first slice to compare.</summary>
    public static int First(SliceGrid grid, bool beatsOnly) => grid.SliceCount == 0 ? -1 : !beatsOnly || grid.Metric[0] > 0 ? 0 : Next(grid, 0, true);

    public static readonly RuleParameter BeatsOnly = new("beatsOnly",
        "Compare only notes that begin on beats (notes between beats are skipped). Off: every onset is compared, so fifths made by passing notes count.",
        0, IsBoolean: true);

    public static string IntervalName(SliceGrid g, int slice, int upper, int lower) => g.IntervalAt(slice, lower, upper).Abs.ToString();

    /// <summary>
    /// One pair of voices (upper <see cref="I"/>, lower <see cref="J"/>) at one pair of moments (<see cref="S0"/>, <see cref="S1"/>),
    /// both sounding at both and both moving, the second interval perfect: stored by <see cref="Collect"/> (which keeps only
    /// those a rule can report), compactly (20 bytes).
    /// </summary>
    public readonly struct Event(int s0, int s1, int i, int j, int k0, int k1, int moveI, int moveJ, int stepsI)
    {
        private readonly int _s0 = s0, _s1 = s1;
        private readonly short _i = (short)i, _j = (short)j, _moveI = (short)moveI, _moveJ = (short)moveJ, _stepsI = (short)stepsI;
        private readonly byte _k0 = (byte)k0, _k1 = (byte)k1;

        /// <summary>The earlier moment.</summary>
        public int S0 => _s0;
        /// <summary>The later moment.</summary>
        public int S1 => _s1;
        /// <summary>The upper voice.</summary>
        public int I => _i;
        /// <summary>The lower voice.</summary>
        public int J => _j;
        /// <summary>The <see cref="Kind"/> of the first interval (0: not perfect).</summary>
        public int K0 => _k0;
        /// <summary>The <see cref="Kind"/> of the second interval (5 or 8).</summary>
        public int K1 => _k1;
        /// <summary>Semitones the upper voice moves.</summary>
        public int MoveI => _moveI;
        /// <summary>Semitones the lower voice moves.</summary>
        public int MoveJ => _moveJ;
        /// <summary>Diatonic steps the upper voice moves.</summary>
        public int StepsI => _stepsI;
        public bool BothMove => _moveI != 0 && _moveJ != 0;
        public bool Similar => BothMove && (_moveI > 0) == (_moveJ > 0);
        public bool Contrary => BothMove && (_moveI > 0) != (_moveJ > 0);
    }

    /// <summary>The events of a grid, held for the rule context.</summary>
    public sealed class Events(ArraySegment<Event> all)
    {
        /// <summary>In order of the later moment, then of the upper and the lower voice.</summary>
        public ReadOnlySpan<Event> All => all;
    }

    /// <summary>
    /// The events of a grid that a rule can report, for caching in the rule context (computed once for all perfect-interval
    /// rules). Every rule about motion into a perfect interval needs both voices to move (similar or contrary motion), and
    /// all but the hidden (direct) perfects, which concern the outer voices, a perfect interval before as well: so only
    /// those events are kept (both voices move; the first interval perfect unless the pair is the outer voices).
    /// </summary>
    public static ArraySegment<Event> Collect(SliceGrid grid, bool beatsOnly)
    {
        int vc = grid.VoiceCount;
        int s0 = First(grid, beatsOnly), s1 = s0 < 0 ? -1 : Next(grid, s0, beatsOnly);
        if (s1 < 0 || vc < 2) return ArraySegment<Event>.Empty;
        var midi = grid.Midi;
        var dia = grid.Diatonic;
        var events = new Event[Math.Max(16, grid.SliceCount)]; // about one per slice in random four-part chorales
        int count = 0;
        // Each voice's FifthsCode at the earlier and the later moment (the later one's kept for the next step).
        Span<int> codes = vc <= 32 ? stackalloc int[64] : new int[2 * vc];
        Span<int> x0 = codes[..vc], x1 = codes.Slice(vc, vc);
        for (int v = 0, b = s0 * vc; v < vc; v++) x0[v] = FifthsCode(dia[b + v], midi[b + v]);
        for (; s1 >= 0; s0 = s1, s1 = Next(grid, s1, beatsOnly))
        {
            var m0 = midi.Slice(s0 * vc, vc);
            var m1 = midi.Slice(s1 * vc, vc);
            var d0 = dia.Slice(s0 * vc, vc);
            var d1 = dia.Slice(s1 * vc, vc);
            for (int v = 0; v < vc; v++) x1[v] = FifthsCode(d1[v], m1[v]);
            for (int i = 0; i < vc; i++)
            {
                int a0 = m0[i], a1 = m1[i];
                if (((a0 | a1) < 0) | (a0 == a1)) continue; // silent, or not moving
                for (int j = i + 1; j < vc; j++)
                {
                    int c0 = m0[j], c1 = m1[j];
                    if (((c0 | c1) < 0) | (c0 == c1)) continue;
                    int k1 = KindOf(x1[i] - x1[j], a1 - c1);
                    if (k1 == 0) continue;
                    int k0 = KindOf(x0[i] - x0[j], a0 - c0);
                    if (k0 == 0 && (i != 0 || j != vc - 1)) continue;
                    if (count == events.Length) Array.Resize(ref events, 2 * count);
                    events[count++] = new Event(s0, s1, i, j, k0, k1, a1 - a0, c1 - c0, d1[i] - d0[i]);
                }
            }
            var t = x0; // the later moment's codes are the next step's earlier ones
            x0 = x1;
            x1 = t;
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
