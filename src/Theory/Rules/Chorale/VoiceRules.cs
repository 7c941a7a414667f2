using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;

namespace EvoComposer.Theory.Rules.Chorale;

/// <summary>A lower voice sounds above the voice written above it.</summary>
public sealed class VoiceCrossingRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "voice-crossing";
    /// <inheritdoc/>
    public override string Title => "Voice crossing";
    /// <inheritdoc/>
    public override string Description =>
        "Each voice should stay below the voice above it: when the alto sings above the soprano (or the tenor above the alto, the bass above the tenor) " +
        "the listener loses track of the lines. Reported once where the crossing begins.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 4; Kostka & Payne, Tonal Harmony, ch. 5.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int vc = g.VoiceCount;
        var midi = g.Midi;
        for (int v = 0; v + 1 < vc; v++)
        {
            bool crossed = false;
            for (int s = 0; s < g.SliceCount; s++)
            {
                int hi = midi[s * vc + v], lo = midi[s * vc + v + 1];
                bool now = hi >= 0 && lo >= 0 && hi < lo;
                if (now && !crossed) violations.Add(Make(context, settings, s, v));
                crossed = now;
            }
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int v) =>
        ctx.Report(settings, s, v, v + 1,
            ctx.Explain ? $"The {ctx.Grid.VoiceNames[v + 1]} ({ctx.Grid.PitchAt(s, v + 1)}) crosses above the {ctx.Grid.VoiceNames[v]} ({ctx.Grid.PitchAt(s, v)}) at {ctx.Grid.Where(s)}." : "",
            ctx.Explain ? [ctx.NoteName(s, v), ctx.NoteName(s, v + 1)] : null);
}

/// <summary>A voice moves past the note the neighbouring voice has just left.</summary>
public sealed class VoiceOverlapRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "voice-overlap";
    /// <inheritdoc/>
    public override string Title => "Voice overlap";
    /// <inheritdoc/>
    public override string Description =>
        "A voice should not move above the previous note of the voice above it, nor below the previous note of the voice below it: " +
        "the ear then follows the wrong line even though the voices never cross.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 4; Kostka & Payne, Tonal Harmony, ch. 5 (\"overlapping voices\").";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int vc = g.VoiceCount;
        var midi = g.Midi;
        var attacked = g.Attacked;
        for (int s = 1; s < g.SliceCount; s++)
        {
            int b0 = (s - 1) * vc, b1 = s * vc;
            for (int v = 0; v + 1 < vc; v++)
            {
                int hi0 = midi[b0 + v], lo0 = midi[b0 + v + 1], hi1 = midi[b1 + v], lo1 = midi[b1 + v + 1];
                if (hi0 < 0 || lo0 < 0 || hi1 < 0 || lo1 < 0 || hi1 < lo1 || hi0 < lo0) continue;
                // The rare condition first: whether a note is attacked is close to random, a branch on it often mispredicted.
                if (hi1 < lo0 && attacked[b1 + v]) violations.Add(Make(context, settings, s, v, v + 1, true));
                else if (lo1 > hi0 && attacked[b1 + v + 1]) violations.Add(Make(context, settings, s, v + 1, v, false));
            }
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int mover, int other, bool down)
    {
        var g = ctx.Grid;
        string msg = ctx.Explain
            ? $"The {g.VoiceNames[mover]} moves to {g.PitchAt(s, mover)}, {(down ? "below" : "above")} the {g.VoiceNames[other]}'s previous note {g.PitchAt(s - 1, other)}, at {g.Where(s)}."
            : "";
        return ctx.Report(settings, s, Math.Min(mover, other), Math.Max(mover, other), msg,
            ctx.Explain ? [ctx.Motion(s - 1, s, mover), ctx.NoteName(s - 1, other)] : null);
    }
}

/// <summary>Adjacent upper voices more than an octave apart, or tenor and bass more than a twelfth.</summary>
public sealed class SpacingRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "spacing";
    /// <inheritdoc/>
    public override string Title => "Spacing between voices";
    /// <inheritdoc/>
    public override string Description =>
        "Soprano and alto, and alto and tenor, should be no more than an octave apart; tenor and bass may be further apart (up to a twelfth here). " +
        "Wider gaps between upper voices make the chord sound hollow. Reported once where a gap opens.";
    /// <inheritdoc/>
    public override string Reference => "Aldwell & Schachter, Harmony and Voice Leading, ch. 4 (spacing); Kostka & Payne, Tonal Harmony, ch. 5.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
    [
        new("upperMaxSemitones", "Largest distance in semitones between adjacent upper voices (12: an octave).", 12),
        new("bassMaxSemitones", "Largest distance in semitones between the two lowest voices (19: a twelfth).", 19),
    ];
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => grid.VoiceCount >= 3;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int vc = g.VoiceCount;
        var midi = g.Midi;
        int upper = (int)settings["upperMaxSemitones"], lower = (int)settings["bassMaxSemitones"];
        for (int v = 0; v + 1 < vc; v++)
        {
            int limit = v + 2 == vc ? lower : upper;
            bool wide = false;
            for (int s = 0; s < g.SliceCount; s++)
            {
                int hi = midi[s * vc + v], lo = midi[s * vc + v + 1];
                bool now = hi >= 0 && lo >= 0 && hi - lo > limit;
                if (now && !wide) violations.Add(Make(context, settings, s, v, limit));
                wide = now;
            }
        }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int v, int limit)
    {
        var g = ctx.Grid;
        string msg = ctx.Explain
            ? $"The {g.VoiceNames[v]} ({g.PitchAt(s, v)}) and {g.VoiceNames[v + 1]} ({g.PitchAt(s, v + 1)}) are {g.IntervalAt(s, v + 1, v).Abs} apart, more than {(limit == 12 ? "an octave" : limit == 19 ? "a twelfth" : $"{limit} semitones")}, at {g.Where(s)}."
            : "";
        return ctx.Report(settings, s, v, v + 1, msg, ctx.Explain ? [ctx.NoteName(s, v), ctx.NoteName(s, v + 1)] : null);
    }
}

/// <summary>A note outside the usual range of its voice (four voices only).</summary>
public sealed class VoiceRangeRule : Rule
{
    // Literals, as in Parameters: the same (interned) strings, so a look-up by name compares references.
    private static readonly string[] LowNames = ["sopranoLow", "altoLow", "tenorLow", "bassLow"], HighNames = ["sopranoHigh", "altoHigh", "tenorHigh", "bassHigh"];

    /// <inheritdoc/>
    public override string Id => "voice-range";
    /// <inheritdoc/>
    public override string Title => "Voice ranges";
    /// <inheritdoc/>
    public override string Description =>
        "Each voice should stay within what singers can sing comfortably. Defaults (MIDI numbers): soprano C4–G5, alto G3–D5, tenor C3–G4, bass E2–C4.";
    /// <inheritdoc/>
    public override string Reference => "Kostka & Payne, Tonal Harmony, ch. 5 (vocal ranges); Aldwell & Schachter, Harmony and Voice Leading, ch. 4.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
    [
        new("sopranoLow", "Lowest soprano note (MIDI; 60 = C4).", 60), new("sopranoHigh", "Highest soprano note (MIDI; 79 = G5).", 79),
        new("altoLow", "Lowest alto note (MIDI; 55 = G3).", 55), new("altoHigh", "Highest alto note (MIDI; 74 = D5).", 74),
        new("tenorLow", "Lowest tenor note (MIDI; 48 = C3).", 48), new("tenorHigh", "Highest tenor note (MIDI; 67 = G4).", 67),
        new("bassLow", "Lowest bass note (MIDI; 40 = E2).", 40), new("bassHigh", "Highest bass note (MIDI; 60 = C4).", 60),
    ];
    /// <inheritdoc/>
    public override bool AppliesTo(SliceGrid grid) => grid.VoiceCount == 4;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        Span<int> low = stackalloc int[4];
        Span<int> high = stackalloc int[4];
        for (int v = 0; v < 4; v++)
        {
            low[v] = (int)settings[LowNames[v]];
            high[v] = (int)settings[HighNames[v]];
        }
        var midi = g.Midi;
        var attacked = g.Attacked;
        for (int s = 0; s < g.SliceCount; s++)
            for (int v = 0; v < 4; v++)
            {
                int c = s * 4 + v, m = midi[c];
                if ((m < low[v] || m > high[v]) && m >= 0 && attacked[c]) // the rare condition first (see voice-overlap)
                    violations.Add(Make(context, settings, s, v, m < low[v], m < low[v] ? low[v] : high[v]));
            }
    }

    private static Violation Make(RuleContext ctx, RuleSettings settings, int s, int v, bool tooLow, int limit)
    {
        var g = ctx.Grid;
        string msg = ctx.Explain
            ? $"The {g.VoiceNames[v]}'s {g.PitchAt(s, v)} at {g.Where(s)} is {(tooLow ? "below" : "above")} its range (limit {EvoComposer.Theory.Music.Pitch.FromMidi(limit)})."
            : "";
        return ctx.Report(settings, s, v, -1, msg, ctx.Explain ? [ctx.NoteName(s, v)] : null);
    }
}
