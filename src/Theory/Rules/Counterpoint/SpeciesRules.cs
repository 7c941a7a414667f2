using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Rules.Chorale;

namespace EvoComposer.Theory.Rules.Counterpoint;

/// <summary>
/// Shared vocabulary of the two-voice species rules. The two voices are the grid's voices 0 (upper) and 1
/// (lower); either may hold the cantus firmus. First species compares every slice; later species (two, three,
/// four notes against one, syncopation) will judge only the slices where the cantus attacks (the "strong"
/// slices) for consonance and hand the others to the dissonance-treatment classification, so each rule has a
/// <c>strongSlicesOnly</c>-style switch where that matters.
/// </summary>
internal static class Species
{
    public static bool IsPerfect(SliceGrid g, int s) => PerfectMotion.Kind(g.Diatonic[s * 2] - g.Diatonic[s * 2 + 1], g.Midi[s * 2] - g.Midi[s * 2 + 1]) != 0;

    public static bool BothSound(SliceGrid g, int s) => g.Midi[s * 2] >= 0 && g.Midi[s * 2 + 1] >= 0;

    public static string IntervalName(SliceGrid g, int s) => g.IntervalAt(s, 1, 0).Abs.ToString();

    public static bool IsConsonant(SliceGrid g, int s) =>
        !NonChordTones.IsDissonantPair(g.Midi[s * 2], g.Diatonic[s * 2], g.Midi[s * 2 + 1], g.Diatonic[s * 2 + 1], true);

    public const string Fux = "Fux, Gradus ad Parnassum (trans. Mann, The Study of Counterpoint), first species";
}

/// <summary>The first and last intervals must be perfect consonances.</summary>
public sealed class PerfectBeginningEndRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-perfect-ends";
    /// <inheritdoc/>
    public override string Title => "Begin and end on perfect consonances";
    /// <inheritdoc/>
    public override string Description => "A counterpoint begins on a unison, fifth or octave (or their compounds) and ends on a unison or octave, so the mode is clear at both ends.";
    /// <inheritdoc/>
    public override string Reference => Species.Fux + "; Salzer & Schachter, Counterpoint in Composition, ch. 2.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        if (g.SliceCount == 0) return;
        if (Species.BothSound(g, 0) && !Species.IsPerfect(g, 0))
            violations.Add(context.Report(settings, 0, 0, 1, context.Explain ? $"The counterpoint begins on a {Species.IntervalName(g, 0)}, not a perfect consonance." : ""));
        int last = g.SliceCount - 1;
        if (Species.BothSound(g, last) && PerfectMotion.Kind(g.Diatonic[last * 2] - g.Diatonic[last * 2 + 1], g.Midi[last * 2] - g.Midi[last * 2 + 1]) != 8)
            violations.Add(context.Report(settings, last, 0, 1, context.Explain ? $"The counterpoint ends on a {Species.IntervalName(g, last)}, not a unison or octave." : ""));
    }
}

/// <summary>Every vertical interval must be consonant (first species).</summary>
public sealed class SpeciesDissonanceRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-dissonance";
    /// <inheritdoc/>
    public override string Title => "Dissonant vertical interval";
    /// <inheritdoc/>
    public override string Description =>
        "In first species every interval between the voices must be consonant: unison, thirds, fifth, sixths, octave and their compounds. " +
        "Seconds, sevenths, the fourth and all augmented and diminished intervals are dissonant.";
    /// <inheritdoc/>
    public override string Reference => Species.Fux + ".";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("allowPassingBetweenBeats", "Allow dissonant passing and neighbour tones where only one voice moves against a held note (second and third species).", 0, IsBoolean: true)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        bool passing = settings.Flag("allowPassingBetweenBeats");
        for (int s = 0; s < g.SliceCount; s++)
        {
            if (!Species.BothSound(g, s) || Species.IsConsonant(g, s)) continue;
            if (passing && !(g.IsAttacked(s, 0) && g.IsAttacked(s, 1)))
            {
                bool explained = true;
                for (int v = 0; v < 2; v++)
                    if (g.IsAttacked(s, v) && NonChordTones.Classify(g, s, v) is not (NonChordToneKind.Passing or NonChordToneKind.Neighbour)) explained = false;
                if (explained) continue;
            }
            violations.Add(context.Report(settings, s, 0, 1,
                context.Explain ? $"{context.NoteName(s, 0)} against {context.NoteName(s, 1)} at {g.Where(s)} is a dissonant {Species.IntervalName(g, s)}." : "",
                context.Explain ? [context.NoteName(s, 0), context.NoteName(s, 1)] : null));
        }
    }
}

/// <summary>Parallel unisons, fifths or octaves between the two voices.</summary>
public sealed class SpeciesParallelPerfectRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-parallel-perfect";
    /// <inheritdoc/>
    public override string Title => "Parallel perfect consonances";
    /// <inheritdoc/>
    public override string Description => "Two perfect consonances of the same kind (unisons, fifths, octaves, compounds included) in a row by similar motion take away the independence of the voices.";
    /// <inheritdoc/>
    public override string Reference => Species.Fux + " (the four rules of motion).";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        foreach (ref readonly var p in context.PerfectEvents(false))
            if (p.K0 == p.K1 && p.Similar)
                violations.Add(PerfectMotion.Report(context, settings, p.S0, p.S1, p.I, p.J, p.K1 == 5 ? "parallel fifths" : "parallel octaves or unisons"));
    }
}

/// <summary>A perfect consonance approached by similar motion.</summary>
public sealed class DirectPerfectRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-direct-perfect";
    /// <inheritdoc/>
    public override string Title => "Perfect consonance approached by similar motion";
    /// <inheritdoc/>
    public override string Description => "Move to a perfect consonance (unison, fifth, octave) only by contrary or oblique motion; approached in similar motion it is a direct (hidden) fifth or octave.";
    /// <inheritdoc/>
    public override string Reference => Species.Fux + " (\"from an imperfect to a perfect consonance one must proceed in contrary or oblique motion\").";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        foreach (ref readonly var p in context.PerfectEvents(false))
            if (p.K0 != p.K1 && p.Similar)
                violations.Add(PerfectMotion.Report(context, settings, p.S0, p.S1, p.I, p.J, p.K1 == 5 ? "a fifth approached by similar motion" : "an octave approached by similar motion"));
    }
}

/// <summary>The counterpoint's highest note occurs more than once.</summary>
public sealed class SingleClimaxRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-single-climax";
    /// <inheritdoc/>
    public override string Title => "Single climax";
    /// <inheritdoc/>
    public override string Description => "A good melodic line reaches its highest note once: a repeated high point weakens the shape of the line.";
    /// <inheritdoc/>
    public override string Reference => "Jeppesen, Counterpoint; Salzer & Schachter, Counterpoint in Composition, ch. 1 (melodic climax).";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters => [new("voice", "Which voice is the counterpoint: 0 the upper, 1 the lower.", 0)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int v = Math.Clamp((int)settings["voice"], 0, 1);
        int high = -1, count = 0, second = -1;
        for (int s = 0; s < g.SliceCount; s++)
        {
            if (!g.IsAttacked(s, v)) continue;
            int m = g.MidiAt(s, v);
            if (m > high) { high = m; count = 1; second = -1; }
            else if (m == high) { count++; if (second < 0) second = s; }
        }
        if (count > 1)
            violations.Add(context.Report(settings, second, v, -1,
                context.Explain ? $"The {g.VoiceNames[v]} reaches its highest note, {g.PitchAt(second, v)}, {count} times (again at {g.Where(second)})." : ""));
    }
}

/// <summary>Too few stepwise moves in the counterpoint.</summary>
public sealed class StepwiseMotionRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-stepwise";
    /// <inheritdoc/>
    public override string Title => "Mostly stepwise motion";
    /// <inheritdoc/>
    public override string Description => "A counterpoint moves mostly by step, with occasional leaps for variety; a line that leaps most of the time is not singable.";
    /// <inheritdoc/>
    public override string Reference => Species.Fux + "; Salzer & Schachter, Counterpoint in Composition, ch. 1.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Warning;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
    [
        new("voice", "Which voice is the counterpoint: 0 the upper, 1 the lower.", 0),
        new("minStepFraction", "Smallest share of melodic moves that must be steps (0–1).", 0.5),
    ];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int v = Math.Clamp((int)settings["voice"], 0, 1);
        double min = settings["minStepFraction"];
        int moves = 0, steps = 0, prev = -1, last = 0;
        for (int s = 0; s < g.SliceCount; s++)
        {
            if (!g.IsAttacked(s, v)) continue;
            if (prev >= 0)
            {
                int d = Math.Abs(g.Diatonic[s * 2 + v] - g.Diatonic[prev * 2 + v]);
                if (d > 0) { moves++; if (d == 1) steps++; }
            }
            prev = s;
            last = s;
        }
        if (moves > 0 && steps < min * moves)
            violations.Add(context.Report(settings, last, v, -1,
                context.Explain ? $"Only {steps} of the {g.VoiceNames[v]}'s {moves} moves are steps ({100.0 * steps / moves:0}%; at least {100 * min:0}% expected)." : ""));
    }
}

/// <summary>The cadence is not a clausula vera: contrary stepwise motion into the final octave or unison.</summary>
public sealed class ClausulaVeraRule : Rule
{
    /// <inheritdoc/>
    public override string Id => "species-cadence";
    /// <inheritdoc/>
    public override string Title => "Cadence (clausula vera)";
    /// <inheritdoc/>
    public override string Description =>
        "The counterpoint closes with the clausula vera: both voices move by step in contrary motion into the final unison or octave (a major sixth " +
        "opening to an octave, or a minor third closing to a unison), one of them rising a half step to the final as a leading tone.";
    /// <inheritdoc/>
    public override string Reference => Species.Fux + " (the cadence); Jeppesen, Counterpoint.";
    /// <inheritdoc/>
    public override Severity DefaultSeverity => Severity.Error;
    /// <inheritdoc/>
    public override RuleFamily Family => RuleFamily.Counterpoint;
    /// <inheritdoc/>
    public override ImmutableArray<RuleParameter> Parameters =>
        [new("requireLeadingTone", "Require one voice to rise by a half step into the final.", 1, IsBoolean: true)];

    /// <inheritdoc/>
    public override void Check(RuleContext context, RuleSettings settings, List<Violation> violations)
    {
        var g = context.Grid;
        int last = g.SliceCount - 1;
        if (last < 1 || !Species.BothSound(g, last)) return;
        int pen = g.PreviousAttack(last, 0);
        int pen1 = g.PreviousAttack(last, 1);
        pen = Math.Max(pen, pen1);
        string? problem = null;
        if (pen < 0 || !Species.BothSound(g, pen)) problem = "the final is not approached by both voices";
        else
        {
            int d0 = g.Diatonic[last * 2] - g.Diatonic[pen * 2], d1 = g.Diatonic[last * 2 + 1] - g.Diatonic[pen * 2 + 1];
            int m0 = g.Midi[last * 2] - g.Midi[pen * 2], m1 = g.Midi[last * 2 + 1] - g.Midi[pen * 2 + 1];
            if (Math.Abs(d0) != 1 || Math.Abs(d1) != 1 || Math.Sign(d0) == Math.Sign(d1)) problem = "the voices do not both move by step in contrary motion into the final";
            else if (PerfectMotion.Kind(g.Diatonic[last * 2] - g.Diatonic[last * 2 + 1], g.Midi[last * 2] - g.Midi[last * 2 + 1]) != 8) problem = "the final interval is not a unison or octave";
            else if (settings.Flag("requireLeadingTone") && m0 != 1 && m1 != 1) problem = "neither voice rises a half step into the final (no leading tone)";
        }
        if (problem is not null)
            violations.Add(context.Report(settings, last, 0, 1, context.Explain ? $"The cadence at {g.Where(last)} is not a clausula vera: {problem}." : ""));
    }
}
