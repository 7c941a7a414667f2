using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Rules.Chorale;

/// <summary>The melodic intervals of every voice (consecutive attacked notes with no rest between), collected once per grid.</summary>
internal static class MelodicMoves
{
    /// <summary>One melodic interval of <see cref="Voice"/> from slice <see cref="From"/> to <see cref="To"/>, stored compactly (16 bytes).</summary>
    public readonly struct Move(int voice, int from, int to, int steps, int semitones)
    {
        private readonly int _from = from, _to = to;
        private readonly short _voice = (short)voice, _steps = (short)steps, _semitones = (short)semitones;

        /// <summary>The voice.</summary>
        public int Voice => _voice;
        /// <summary>The slice of the first note's attack.</summary>
        public int From => _from;
        /// <summary>The slice of the second note's attack.</summary>
        public int To => _to;
        /// <summary>Diatonic steps (signed).</summary>
        public int Steps => _steps;
        /// <summary>Semitones (signed).</summary>
        public int Semitones => _semitones;
        public Interval Interval => new(Steps, Semitones);

        /// <summary>
        /// Whether the move is one of <see cref="Lines.Leaps"/>: a leap (a third or more) or, whatever its spelling, wider
        /// than an octave. The rules about leaps look only at these.
        /// </summary>
        public bool IsLeap => (uint)(_steps + 1) > 2u | (uint)(_semitones + 12) > 24u;

        /// <summary>Whether the move is one of <see cref="Lines.LargeLeaps"/>: a sixth or more, or wider than an octave.</summary>
        public bool IsLargeLeap => (uint)(_steps + 4) > 8u | (uint)(_semitones + 12) > 24u;
    }

    /// <summary>The moves of a grid, and which of them are leaps and large leaps.</summary>
    /// <param name="all">The moves (<paramref name="count"/> of them).</param>
    /// <param name="count">How many moves.</param>
    /// <param name="indices">The leaps' indices from 0, the large leaps' from <paramref name="count"/>.</param>
    /// <param name="leapCount">How many leaps.</param>
    /// <param name="largeLeapCount">How many large leaps.</param>
    public sealed class Lines(Move[] all, int count, int[] indices, int leapCount, int largeLeapCount)
    {
        /// <summary>All moves, voice by voice, in time order.</summary>
        public ReadOnlySpan<Move> All => all.AsSpan(0, count);

        /// <summary>The indices in <see cref="All"/> of the moves that are <see cref="Move.IsLeap"/>, in order.</summary>
        public ReadOnlySpan<int> Leaps => indices.AsSpan(0, leapCount);

        /// <summary>The indices in <see cref="All"/> of the moves that are <see cref="Move.IsLargeLeap"/>, in order (rare in a chorale).</summary>
        public ReadOnlySpan<int> LargeLeaps => indices.AsSpan(count, largeLeapCount);

        /// <summary>The index of the move after move <paramref name="i"/>: the voice's next move when it starts where this one ends (no rest between), else −1.</summary>
        public int NextOf(int i)
        {
            if (i + 1 >= count) return -1;
            ref readonly var m = ref all[i];
            ref readonly var n = ref all[i + 1];
            return n.Voice == m.Voice && n.From == m.To ? i + 1 : -1;
        }
    }

    /// <summary>All moves of a grid, voice by voice, for caching in the rule context (computed once for all melodic rules).</summary>
    public static Lines Collect(SliceGrid grid)
    {
        var list = new Move[grid.NoteCount];
        int count = 0;
        int vc = grid.VoiceCount, slices = grid.SliceCount;
        var midi = grid.Midi;
        var dia = grid.Diatonic;
        var attacked = grid.Attacked;
        for (int v = 0; v < vc; v++)
        {
            int prev = -1;
            for (int s = 0; s < slices; s++)
            {
                int c = s * vc + v;
                if (midi[c] < 0) { prev = -1; continue; } // a rest: the line starts again
                if (!attacked[c]) continue;
                if (prev >= 0)
                {
                    int p = prev * vc + v;
                    list[count++] = new Move(v, prev, s, dia[c] - dia[p], midi[c] - midi[p]);
                }
                prev = s;
            }
        }
        // Each index is written, then kept or not without a branch (whether a move leaps is close to random).
        var leaps = new int[2 * count];
        int n = 0, large = count;
        for (int i = 0; i < count; i++)
        {
            leaps[n] = i;
            n += list[i].IsLeap ? 1 : 0;
            leaps[large] = i;
            large += list[i].IsLargeLeap ? 1 : 0;
        }
        return new Lines(list, count, leaps, n, large - count);
    }

    public static string Describe(RuleContext ctx, int from, int to, int voice) =>
        $"{ctx.Motion(from, to, voice)} ({new Interval(ctx.Grid.Diatonic[to * ctx.Grid.VoiceCount + voice] - ctx.Grid.Diatonic[from * ctx.Grid.VoiceCount + voice], ctx.Grid.Midi[to * ctx.Grid.VoiceCount + voice] - ctx.Grid.Midi[from * ctx.Grid.VoiceCount + voice])})";

    public static Violation Report(RuleContext ctx, RuleSettings settings, int from, int to, int voice, string what) =>
        ctx.Report(settings, to, voice, -1,
            ctx.Explain ? $"{Describe(ctx, from, to, voice)} at {ctx.Grid.Where(to)}: {what}" : "",
            ctx.Explain ? [ctx.Motion(from, to, voice)] : null);
}

/// <summary>Augmented and diminished melodic intervals (the augmented second of harmonic minor, the tritone leap).</summary>
public sealed class AugmentedDiminishedLeapRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "melodic-augmented-diminished";
    /// <inheritdoc/>
    public override string Title => "Augmented and diminished melodic intervals";
    /// <inheritdoc/>
    public override string Description =>
        "A voice should not move by an augmented interval (the augmented second between the sixth and raised seventh degrees in minor, the augmented fourth) — " +
        "they are hard to sing and sound foreign to the key. Diminished intervals are acceptable when the voice then turns back by step inside the interval. " +
        "Chromatic semitones (C to C♯) are not counted.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5 (melodic intervals); Fux, Gradus ad Parnassum; Kostka & Payne, ch. 6.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("allowRecoveredDiminished", "Allow a diminished interval followed by a step in the opposite direction.", 1, IsBoolean: true)];
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => true;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        bool allowRecovered = settings.Flag("allowRecoveredDiminished");
        var lines = context.MelodicMoves;
        var all = lines.All;
        for (int i = 0; i < all.Length; i++)
        {
            ref readonly var m = ref all[i];
            var q = Quality(m.Steps, m.Semitones);
            bool aug = q is IntervalQuality.Augmented or IntervalQuality.DoublyAugmented;
            bool dim = q is IntervalQuality.Diminished or IntervalQuality.DoublyDiminished;
            if (!aug && !dim) continue; // the rare condition first: most moves are neither
            if (m.Steps == 0) continue; // chromatic semitone
            int n = dim && allowRecovered ? lines.NextOf(i) : -1;
            if (n >= 0 && Math.Abs(all[n].Steps) == 1 && Math.Sign(all[n].Steps) != Math.Sign(m.Steps)) continue;
            violations.Add(MelodicMoves.Report(context, settings, m.From, m.To, m.Voice,
                aug ? "an augmented melodic interval." : "a diminished melodic interval that does not turn back by step."));
        }
    }

    /// <summary>The quality of the melodic interval (as <see cref="Interval.Quality"/>), from a table for the usual sizes.</summary>
    private static IntervalQuality Quality(int steps, int semitones)
    {
        int i = steps + MaxSteps, j = semitones + MaxSemitones;
        return (uint)i <= 2 * MaxSteps && (uint)j <= 2 * MaxSemitones ? Qualities[i * (2 * MaxSemitones + 1) + j] : new Interval(steps, semitones).Quality;
    }

    private const int MaxSteps = 21, MaxSemitones = 36;
    private static readonly IntervalQuality[] Qualities = [.. Enumerable.Range(0, (2 * MaxSteps + 1) * (2 * MaxSemitones + 1)).Select(k =>
        new Interval(k / (2 * MaxSemitones + 1) - MaxSteps, k % (2 * MaxSemitones + 1) - MaxSemitones).Quality)];
}

/// <summary>Leaps larger than an octave.</summary>
public sealed class LeapBeyondOctaveRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "leap-beyond-octave";
    /// <inheritdoc/>
    public override string Title => "Leaps larger than an octave";
    /// <inheritdoc/>
    public override string Description => "No voice should leap more than an octave: such leaps are hard to sing in tune and break the line.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5; Fux, Gradus ad Parnassum (first species).";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => true;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var all = context.MelodicMoves.All;
        foreach (int i in context.MelodicMoves.LargeLeaps)
            if (all[i] is var m && Math.Abs(m.Semitones) > 12)
                violations.Add(MelodicMoves.Report(context, settings, m.From, m.To, m.Voice, "a leap larger than an octave."));
    }
}

/// <summary>Leaps of a seventh.</summary>
public sealed class SeventhLeapRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "seventh-leap";
    /// <inheritdoc/>
    public override string Title => "Leaps of a seventh";
    /// <inheritdoc/>
    public override string Description => "A voice should not leap a seventh (minor or major): the interval is dissonant and awkward to sing. Leaps of a sixth or an octave are the largest usual ones.";
    /// <inheritdoc/>
    public override string Reference => "Fux, Gradus ad Parnassum (first species); Aldwell & Schachter, Harmony and Voice Leading, ch. 5.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => true;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var all = context.MelodicMoves.All;
        foreach (int i in context.MelodicMoves.LargeLeaps)
            if (all[i] is var m && Math.Abs(m.Steps) == 6)
                violations.Add(MelodicMoves.Report(context, settings, m.From, m.To, m.Voice, "a leap of a seventh."));
    }
}

/// <summary>A large leap not followed by motion in the opposite direction.</summary>
public sealed class UnrecoveredLeapRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "unrecovered-leap";
    /// <inheritdoc/>
    public override string Title => "Large leap not recovered";
    /// <inheritdoc/>
    public override string Description =>
        "After a large leap (a sixth or more by default) a melody should turn back, usually by step, to fill the gap the leap opened. " +
        "Octave leaps in the bass are exempt by default: the bass often leaps an octave to change register.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5 (melodic fluency); Fux, Gradus ad Parnassum; Kostka & Payne, ch. 6.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
    [
        new("minGenericSize", "Smallest leap that must be recovered, as a generic interval (6: a sixth).", 6),
        new("requireStep", "Require the recovery to be a step (off: any motion in the opposite direction).", 1, IsBoolean: true),
        new("exemptBassOctaves", "Do not report octave leaps in the lowest voice.", 1, IsBoolean: true),
    ];
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => true;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int min = (int)settings["minGenericSize"] - 1;
        bool step = settings.Flag("requireStep"), exempt = settings.Flag("exemptBassOctaves");
        var lines = context.MelodicMoves;
        var all = lines.All;
        // Only large leaps can be large enough when the smallest size to recover is a sixth or more (the default), only leaps when
        // it is a third or more; otherwise every move is looked at.
        var candidates = min >= 5 ? lines.LargeLeaps : min >= 2 ? lines.Leaps : default;
        int n = min >= 2 ? candidates.Length : all.Length;
        for (int k = 0; k < n; k++)
        {
            int i = min >= 2 ? candidates[k] : k;
            ref readonly var m = ref all[i];
            int steps = m.Steps;
            if (Math.Abs(steps) < min) continue;
            if (exempt && m.Voice == g.VoiceCount - 1 && g.VoiceCount > 1 && Math.Abs(m.Semitones) == 12) continue;
            int after = lines.NextOf(i);
            if (after < 0) continue; // the piece or phrase ends
            int next = all[after].Steps;
            bool back = next != 0 && Math.Sign(next) != Math.Sign(steps) && (!step || Math.Abs(next) == 1);
            if (!back)
                violations.Add(MelodicMoves.Report(context, settings, m.From, m.To, m.Voice,
                    step ? "a large leap not followed by a step in the opposite direction." : "a large leap not followed by motion in the opposite direction."));
        }
    }
}

/// <summary>Two leaps in the same direction that do not outline a triad.</summary>
public sealed class ConsecutiveLeapsRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "consecutive-leaps";
    /// <inheritdoc/>
    public override string Title => "Consecutive leaps in the same direction";
    /// <inheritdoc/>
    public override string Description =>
        "Two leaps (a third or more) in the same direction make a melody lurch, unless together they outline a major or minor triad within an octave. " +
        "Follow a leap with a step or a change of direction.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 5; Fux, Gradus ad Parnassum; Kostka & Payne, ch. 6.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("allowTriad", "Allow two leaps that outline a major or minor triad spanning at most an octave.", 1, IsBoolean: true)];
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => true;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int vc = g.VoiceCount;
        bool allowTriad = settings.Flag("allowTriad");
        var lines = context.MelodicMoves;
        var all = lines.All;
        foreach (int i in lines.Leaps)
        {
            ref readonly var m = ref all[i];
            int first = m.Steps;
            if (Math.Abs(first) < 2) continue;
            int after = lines.NextOf(i);
            if (after < 0) continue;
            int next = all[after].To, second = all[after].Steps, semis2 = all[after].Semitones;
            // Not a leap, or the other way (first is a leap here): one test for both, each alone close to random.
            if (((uint)(second + 1) <= 2u) | ((first ^ second) < 0)) continue;
            int span = Math.Abs(m.Semitones + semis2);
            if (allowTriad && span <= 12 && OutlinesTriad(g.Midi[m.From * vc + m.Voice], g.Midi[m.To * vc + m.Voice], g.Midi[next * vc + m.Voice]))
                continue;
            violations.Add(MakeReport(context, settings, m.From, m.To, next, m.Voice));
        }
    }

    private static Violation MakeReport(RuleContext ctx, RuleSettings settings, int a, int b, int c, int voice) =>
        ctx.Report(settings, b, voice, -1,
            ctx.Explain ? $"The {ctx.Grid.VoiceNames[voice]} leaps twice in the same direction, {ctx.Grid.PitchAt(a, voice)}→{ctx.Grid.PitchAt(b, voice)}→{ctx.Grid.PitchAt(c, voice)}, at {ctx.Grid.Where(b)}, without outlining a triad." : "",
            ctx.Explain ? [ctx.Motion(a, b, voice), ctx.Motion(b, c, voice)] : null);

    /// <summary>True when the three pitch classes are members of one major or minor triad (two of them may coincide).</summary>
    internal static bool OutlinesTriad(int a, int b, int c) =>
        InSomeTriad[(1 << PitchClass(a)) | (1 << PitchClass(b)) | (1 << PitchClass(c))];

    private static int PitchClass(int midi) => midi >= 0 ? (int)((uint)midi % 12u) : ((midi % 12) + 12) % 12;

    /// <summary>For every set of pitch classes (12-bit mask): whether one major or minor triad holds them all.</summary>
    private static readonly bool[] InSomeTriad = BuildTriadSubsets();

    private static bool[] BuildTriadSubsets()
    {
        var table = new bool[1 << 12];
        for (int root = 0; root < 12; root++)
            foreach (int third in (ReadOnlySpan<int>)[3, 4])
            {
                int triad = (1 << root) | (1 << ((root + third) % 12)) | (1 << ((root + 7) % 12));
                for (int mask = 0; mask < table.Length; mask++)
                    if ((mask & ~triad) == 0) table[mask] = true;
            }
        return table;
    }
}
