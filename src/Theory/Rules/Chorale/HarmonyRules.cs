using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Rules.Chorale;

/// <summary>The chords with a leading tone, shared by the rules about it.</summary>
internal static class LeadingToneChords
{
    /// <summary>
    /// For every slice, the pitch class of the key's leading tone when the slice's chord is the dominant (V, V7) or the
    /// leading-tone chord (vii°, vii°7, viiø7) of the slice's key, else −1: computed once per rule context.
    /// </summary>
    public static sbyte[] Of(HarmonicAnalysis analysis)
    {
        var chords = analysis.Chords;
        var keys = analysis.Keys;
        var result = new sbyte[chords.Length];
        for (int s = 0; s < chords.Length; s++)
        {
            ref readonly var c = ref chords[s];
            // V is a major triad and vii° a diminished one (with or without a seventh): other chords need no look at the key.
            if (c.Triad is not (TriadQuality.Major or TriadQuality.Diminished)) { result[s] = -1; continue; }
            var key = keys[s];
            result[s] = (sbyte)(RomanNumerals.IsDominant(c, key) || RomanNumerals.IsLeadingToneChord(c, key) ? (key.TonicPitchClass + 11) % 12 : -1);
        }
        return result;
    }
}

/// <summary>The leading tone of a dominant chord does not rise to the tonic when the tonic (or submediant) follows.</summary>
public sealed class LeadingToneResolutionRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "leading-tone-resolution";
    /// <inheritdoc/>
    public override string Title => "Leading tone does not resolve";
    /// <inheritdoc/>
    public override string Description =>
        "In V, V7 or vii° moving to I (or to vi in a deceptive cadence), the leading tone wants to rise a half step to the tonic. In an outer voice it must; " +
        "in an inner voice it may fall to the fifth of the tonic chord (a \"frustrated\" leading tone), so by default only outer voices are checked.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 6 (V and the leading tone); Kostka & Payne, Tonal Harmony, ch. 6.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("outerVoicesOnly", "Check only the highest and lowest voices (inner voices may fall to the fifth).", 1, IsBoolean: true)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        var a = context.Analysis;
        var chords = a.Chords;
        var keys = a.Keys;
        var midi = g.Midi;
        var dia = g.Diatonic;
        int vc = g.VoiceCount;
        bool outer = settings.Flag("outerVoicesOnly");
        var leadingTones = context.LeadingTones;
        for (int s = 0; s + 1 < g.SliceCount; s++)
        {
            int lt = leadingTones[s];
            if (lt < 0) continue; // not V or vii°
            var key = keys[s];
            int resolves = -1; // whether the next chord is the tonic (or, deceptively, vi): worked out when a voice holds the leading tone
            for (int v = 0; v < vc; v++)
            {
                if (outer && v != 0 && v != vc - 1) continue;
                int m0 = midi[s * vc + v];
                if (m0 < 0 || m0 % 12 != lt) continue;
                if (resolves < 0) resolves = GoesToTonic(chords[s], chords[s + 1], key) ? 1 : 0;
                if (resolves == 0) break;
                int next = g.NextAttack(s, v);
                if (next < 0) continue;
                int m1 = midi[next * vc + v];
                if (m1 - m0 == 1 && dia[next * vc + v] - dia[s * vc + v] == 1) continue;
                // A delayed resolution (the leading tone decorated by one note before it reaches the tonic) is fine.
                int after = g.NextAttack(next, v);
                if (after >= 0 && midi[after * vc + v] - m0 == 1 && dia[after * vc + v] - dia[s * vc + v] == 1) continue;
                violations.Add(Make(context, settings, s, next, v, key));
            }
        }
    }

    /// <summary>Whether the dominant <paramref name="c"/> moves to the tonic, or (from root position) deceptively to vi, in <paramref name="n"/>.</summary>
    private static bool GoesToTonic(Chord c, Chord n, Key key)
    {
        if (!n.IsKnown || n.RootPitchClass == c.RootPitchClass) return false;
        bool deceptive = c.Inversion == 0 && RomanNumerals.Degree(n, key) == 6 && RomanNumerals.Chromatic(n, key) == 0 &&
            n.Triad == (key.Mode == Mode.Major ? TriadQuality.Minor : TriadQuality.Major);
        return RomanNumerals.IsTonic(n, key) || deceptive;
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int next, int v, Key key) =>
        ctx.Report(settings, s, v, -1,
            ctx.Explain ? $"The leading tone {ctx.Grid.PitchAt(s, v)} in the {ctx.Grid.VoiceNames[v]} ({ctx.Analysis.RomanNumeral(s)} in {key}) at {ctx.Grid.Where(s)} moves to {ctx.Grid.PitchAt(next, v)} instead of rising to the tonic." : "",
            ctx.Explain ? [ctx.Motion(s, next, v)] : null, key);
}

/// <summary>The seventh of a seventh chord does not resolve down by step when the chord changes.</summary>
public sealed class SeventhResolutionRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "seventh-resolution";
    /// <inheritdoc/>
    public override string Title => "Chordal seventh does not resolve down";
    /// <inheritdoc/>
    public override string Description =>
        "The seventh of a seventh chord (V7, ii7, vii°7, …) is a dissonance: when the chord changes, the voice holding it should move down by step. " +
        "It may stay while the same chord continues (the seventh can move to another voice then).";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 9 (V7); Kostka & Payne, Tonal Harmony, ch. 13; Piston, Harmony, ch. 13.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("beatsOnly", "Judge only sevenths that sound on a beat (a seventh made by passing notes between beats is a passing tone, not a chord seventh).", 1, IsBoolean: true)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        var a = context.Analysis;
        var chords = a.Chords;
        var members = a.Members;
        var midi = g.Midi;
        var dia = g.Diatonic;
        var attacked = g.Attacked;
        int vc = g.VoiceCount;
        bool beatsOnly = settings.Flag("beatsOnly");
        for (int s = 0; s + 1 < g.SliceCount; s++)
        {
            if (chords[s].Seventh == SeventhQuality.None) continue;
            for (int v = 0; v < vc; v++)
            {
                int c = s * vc + v, c1 = c + vc;
                if (members[c] != ChordMember.Seventh) continue;
                if (midi[c1] < 0 || !attacked[c1]) continue; // held on, or a rest: judged later or not at all
                if (midi[c1] == midi[c]) continue; // repeated: judged when it moves
                var n = chords[s + 1];
                if (n.IsKnown && n.RootPitchClass == chords[s].RootPitchClass) continue; // same chord continues
                if (dia[c1] - dia[c] == -1) continue;
                if (beatsOnly && !SoundsOnBeat(g, members, s, v)) continue;
                violations.Add(Make(context, settings, s, s + 1, v));
            }
        }
    }

    /// <summary>Whether the note at (s, v) was the chord's seventh at some slice that begins a beat.</summary>
    private static bool SoundsOnBeat(SliceGrid g, ReadOnlySpan<ChordMember> members, int s, int v)
    {
        int a = g.AttackOf(s, v), vc = g.VoiceCount;
        for (int t = s; t >= a && t >= 0; t--)
            if (g.Metric[t] > 0 && members[t * vc + v] == ChordMember.Seventh) return true;
        return false;
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int next, int v) =>
        ctx.Report(settings, s, v, -1,
            ctx.Explain ? $"The {ctx.Grid.VoiceNames[v]}'s {ctx.Grid.PitchAt(s, v)}, the seventh of {ctx.Analysis.RomanNumeral(s)} ({ctx.Analysis.Chords[s]}) at {ctx.Grid.Where(s)}, moves to {ctx.Grid.PitchAt(next, v)} instead of down by step." : "",
            ctx.Explain ? [ctx.Motion(s, next, v)] : null, ctx.Analysis.Keys[s]);
}

/// <summary>Two voices sing the leading tone in a dominant or leading-tone chord.</summary>
public sealed class DoubledLeadingToneRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "doubled-leading-tone";
    /// <inheritdoc/>
    public override string Title => "Doubled leading tone";
    /// <inheritdoc/>
    public override string Description =>
        "Never double the leading tone in V, V7 or vii°: both voices want to rise to the tonic, which makes parallel octaves or forces one to move awkwardly.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 6; Kostka & Payne, Tonal Harmony, ch. 5 (doubling).";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        var a = context.Analysis;
        var keys = a.Keys;
        var members = a.Members;
        var midi = g.Midi;
        var attacked = g.Attacked;
        int vc = g.VoiceCount;
        bool before = false;
        var leadingTones = context.LeadingTones;
        for (int s = 0; s < g.SliceCount; s++)
        {
            int lt = leadingTones[s];
            bool now = false;
            int first = -1, second = -1;
            bool anyAttack = false;
            if (lt >= 0) // V or vii°
            {
                for (int v = 0; v < vc; v++)
                {
                    int cell = s * vc + v;
                    if (midi[cell] < 0 || midi[cell] % 12 != lt || members[cell] < 0) continue;
                    anyAttack |= attacked[cell];
                    if (first < 0) first = v; else if (second < 0) second = v;
                }
                now = second >= 0;
            }
            if (now && !before && anyAttack) violations.Add(Make(context, settings, s, first, second, keys[s]));
            before = now;
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int v1, int v2, Key key) =>
        ctx.Report(settings, s, v1, v2,
            ctx.Explain ? $"The leading tone is doubled in {ctx.Analysis.RomanNumeral(s)} ({key}) at {ctx.Grid.Where(s)}: {ctx.NoteName(s, v1)} and {ctx.NoteName(s, v2)}." : "",
            ctx.Explain ? [ctx.NoteName(s, v1), ctx.NoteName(s, v2)] : null, key);
}

/// <summary>A complete chord of three or more voices without its third.</summary>
public sealed class MissingThirdRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "missing-third";
    /// <inheritdoc/>
    public override string Title => "Chord without a third";
    /// <inheritdoc/>
    public override string Description =>
        "A triad or seventh chord needs its third: it tells major from minor. The fifth may be left out, the third not. " +
        "Checked on beats, where every sounding note belongs to the chord.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 4 (doubling and omission); Kostka & Payne, Tonal Harmony, ch. 5.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("allowFinalChord", "Allow the last chord of the piece to omit its third (as in older music).", 0, IsBoolean: true)];
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => grid.VoiceCount >= 3;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        var a = context.Analysis;
        var chords = a.Chords;
        var members = a.Members;
        var metric = g.Metric;
        int vc = g.VoiceCount;
        bool allowFinal = settings.Flag("allowFinalChord");
        for (int s = 0; s < g.SliceCount; s++)
        {
            var c = chords[s];
            if (!c.IsKnown || c.HasThird || metric[s] == 0) continue;
            if (allowFinal && s == g.SliceCount - 1) continue;
            int sounding = 0, outside = 0;
            for (int v = 0; v < vc; v++)
            {
                var m = members[s * vc + v];
                if (m == ChordMember.Silent) continue;
                sounding++;
                if (m == ChordMember.NonChordTone) outside++;
            }
            if (sounding < 3 || outside > 0 || !c.HasFifth) continue;
            if (s > 0 && chords[s - 1].IsKnown && chords[s - 1] == c) continue; // the same chord repeated: reported once
            violations.Add(Make(context, settings, s));
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s) =>
        ctx.Report(settings, s, -1, -1,
            ctx.Explain ? $"The chord on {ctx.Analysis.Chords[s].RootName} at {ctx.Grid.Where(s)} has no third (only root and fifth sound)." : "",
            null, ctx.Analysis.Keys[s]);
}

/// <summary>A dissonant non-chord tone that is neither passing, neighbour, suspension, appoggiatura, anticipation nor escape tone.</summary>
public sealed class DissonanceTreatmentRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "dissonance-treatment";
    /// <inheritdoc/>
    public override string Title => "Unprepared or unresolved dissonance";
    /// <inheritdoc/>
    public override string Description =>
        "A note outside the chord that clashes with another voice must be explained by its melodic context: a passing tone (step, step on), a neighbour " +
        "(step, step back), a suspension (held over, then down by step), a retardation (held over, up by step), an appoggiatura (leap, then step), " +
        "an escape tone (step, then leap back) or an anticipation (repeated into the next chord). Anything else is an unprepared or unresolved dissonance.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 10 and 17 (embellishing tones, suspensions); Kostka & Payne, Tonal Harmony, ch. 11–12.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("offBeatLeniency", "Do not report unexplained dissonances that last less than a beat and start between beats.", 0, IsBoolean: true)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        var a = context.Analysis;
        var nct = a.NonChordTones;
        var metric = g.Metric;
        int vc = g.VoiceCount;
        bool lenient = settings.Flag("offBeatLeniency");
        for (int s = 0; s < g.SliceCount; s++)
        {
            for (int v = 0; v < vc; v++)
            {
                int c = s * vc + v;
                if (nct[c] != NonChordToneKind.Unexplained) continue;
                if (s > 0 && nct[c - vc] == NonChordToneKind.Unexplained && !g.Attacked[c]) continue; // same note, already judged
                if (!NonChordTones.IsDissonant(g, s, v)) continue;
                if (lenient && metric[s] == 0) continue;
                violations.Add(Make(context, settings, s, v));
            }
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int v)
    {
        var g = ctx.Grid;
        string msg = "";
        if (ctx.Explain)
        {
            int prev = g.PreviousAttack(s, v), next = g.NextAttack(s, v);
            string approach = prev >= 0 ? $"approached from {g.PitchAt(prev, v)}" : "not prepared";
            string leave = next >= 0 ? $"left to {g.PitchAt(next, v)}" : "never resolved";
            msg = $"The {g.VoiceNames[v]}'s {g.PitchAt(s, v)} at {g.Where(s)} is a dissonance outside the chord ({ctx.Analysis.Chords[s]}), {approach} and {leave}: not a passing, neighbour, suspension, appoggiatura, escape tone or anticipation.";
        }
        return ctx.Report(settings, s, v, -1, msg, ctx.Explain ? [ctx.NoteName(s, v)] : null, ctx.Analysis.Keys[s]);
    }
}

/// <summary>A fermata (phrase end) that is not a cadence.</summary>
public sealed class PhraseEndingRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "phrase-end-cadence";
    /// <inheritdoc/>
    public override string Title => "Phrase ending without a cadence";
    /// <inheritdoc/>
    public override string Description =>
        "Each phrase (in a chorale: each fermata) should end with a cadence: authentic (V–I), half (ending on V), plagal (IV–I) or deceptive (V–vi), " +
        "in the main key or a closely related one. The last phrase should end with an authentic cadence in the main key.";
    /// <inheritdoc/>
    public override string Reference => "Kostka & Payne, Tonal Harmony, ch. 10 (cadences, phrases); Aldwell & Schachter, Harmony and Voice Leading, ch. 8.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Info;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("finalAuthentic", "Require the final phrase to close with an authentic (or plagal) cadence on the tonic of the main key.", 1, IsBoolean: true)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var a = context.Analysis;
        var cadences = a.Cadences;
        bool finalAuthentic = settings.Flag("finalAuthentic");
        for (int i = 0; i < cadences.Length; i++)
        {
            var cad = cadences[i];
            if (cad.Kind == CadenceKind.None)
            {
                violations.Add(Make(context, settings, cad, "does not end with a cadence"));
                continue;
            }
            if (finalAuthentic && i == cadences.Length - 1 &&
                (cad.Key.TonicPitchClass != a.Key.TonicPitchClass || cad.Kind is not (CadenceKind.PerfectAuthentic or CadenceKind.ImperfectAuthentic or CadenceKind.Plagal)))
                violations.Add(Make(context, settings, cad, $"is the last phrase but ends with a {Cadence.Describe(cad.Kind)} in {cad.Key}, not an authentic cadence in {a.Key}"));
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, Cadence cad, string what) =>
        ctx.Report(settings, cad.Slice, -1, -1,
            ctx.Explain ? $"The phrase ending at {ctx.Grid.Where(cad.Slice)} ({(cad.Penultimate.IsKnown ? RomanNumerals.Format(cad.Penultimate, ctx.Analysis.Keys[cad.Slice]) + " → " : "")}{RomanNumerals.Format(cad.Final, ctx.Analysis.Keys[cad.Slice])} in {ctx.Analysis.Keys[cad.Slice]}) {what}." : "",
            null, cad.Key);
}
