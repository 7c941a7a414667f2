using EvoComposer.Theory.Analysis;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// The chord at each beat, beyond what the rule catalogue checks: non-chord tones on the beat, a missing fifth,
/// augmented triads, root-position diminished triads and second inversions that are not cadential.
/// </summary>
public sealed class ChordQualityTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "chord-quality";
    /// <inheritdoc/>
    public override string Description => "Non-chord tones on the beat (3), no recognisable chord (5), missing fifth (0.3), augmented triad (3), root-position diminished triad (1), non-cadential 6/4 (2).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Warning;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var plan = input.Plan;
        var hold = plan.IsHold.AsSpan();
        var chords = input.Chords;
        var members = input.Members;
        double cost = 0;
        for (int b = 0; b < plan.Beats; b++)
        {
            if (hold[b]) continue;
            int slice = input.BeatSlice[b];
            var chord = chords[b];
            if (!chord.IsKnown) { cost += 5; if (findings is not null) Add(findings, slice, "no chord can be recognised", 5); continue; }
            for (int v = 0; v < 4; v++)
                if (members[b * 4 + v] == ChordMember.NonChordTone)
                {
                    cost += 3;
                    if (findings is not null) Add(findings, slice, $"{ChoraleGenome.VoiceNames[v]} sounds a non-chord tone on the beat ({chord})", 3, v);
                }
            if (chord.HasThird && !chord.HasFifth) { cost += 0.3; if (findings is not null) Add(findings, slice, $"the chord {chord} has no fifth", 0.3); }
            if (chord.Triad == TriadQuality.Augmented) { cost += 3; if (findings is not null) Add(findings, slice, $"augmented triad {chord}", 3); }
            if (chord.Triad == TriadQuality.Diminished && chord.Inversion == 0 && chord.Seventh == SeventhQuality.None) { cost += 1; if (findings is not null) Add(findings, slice, $"diminished triad {chord} in root position", 1); }
            if (chord.Inversion == 2)
            {
                bool cadential = b + 1 < plan.Beats && input.RootDegree(b + 1) == 4 && chords[b + 1].Inversion == 0 && input.RootDegree(b) == 0;
                double x = cadential ? 0.5 : 2;
                cost += x;
                if (findings is not null) Add(findings, slice, $"{(cadential ? "cadential " : "")}6/4 chord {chord}", x);
            }
        }
        return cost;
    }
}

/// <summary>Whether each phrase ends with the cadence the plan asks for (as the analysis classifies it).</summary>
public sealed class PlannedCadenceTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "planned-cadence";
    /// <inheritdoc/>
    public override string Description => "Per phrase: 0 when the planned cadence is reached, 0.5 for an imperfect instead of a perfect authentic cadence, 1 for the right kind in another key, 2 otherwise; 1 more when the first chord is not a root-position tonic.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Warning;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var plan = input.Plan;
        var chords = input.Chords;
        var g = input.Genome;
        double cost = 0;
        if (plan.Melody is null && (input.RootDegree(0) != 0 || chords[0].Inversion != 0))
        {
            cost += 1;
            if (findings is not null) Add(findings, 0, "the piece does not begin on a root-position tonic chord", 1);
        }
        var isCadenceChord = plan.IsCadenceChord.AsSpan();
        for (int b = 1; b < plan.Beats; b++)
        {
            if (!isCadenceChord[b]) continue;
            var wanted = plan.Phrases[plan.PhraseOfBeat[b]].Cadence;
            if (wanted == CadenceKind.None) continue;
            int sopranoPc = Intervals.Mod(g.MainMidi(b * 4), 12);
            var (kind, key) = Cadence.Classify(chords[b - 1], chords[b], plan.Key, sopranoPc);
            double x;
            if (kind == wanted || (wanted == CadenceKind.ImperfectAuthentic && kind == CadenceKind.PerfectAuthentic) || (wanted == CadenceKind.Half && kind == CadenceKind.PhrygianHalf))
                x = key == plan.Key ? 0 : 1;
            else if (wanted == CadenceKind.PerfectAuthentic && kind == CadenceKind.ImperfectAuthentic) x = 0.5;
            else x = 2;
            if (x == 0) continue;
            cost += x;
            if (findings is not null) Add(findings, input.BeatSlice[b], $"phrase {plan.PhraseOfBeat[b] + 1} should end with {Article(Cadence.Describe(wanted))} but ends with {(kind == CadenceKind.None ? "no cadence" : $"{Article(Cadence.Describe(kind))} in {key}")}", x);
        }
        return cost;
    }

    private static string Article(string noun) => ("aeiou".Contains(noun[0]) ? "an " : "a ") + noun;
}

/// <summary>
/// Log-likelihood of the root progression under the built-in table of common progressions (a stand-in for the
/// mined harmonic Markov model). Higher is better: give it a positive weight.
/// </summary>
public sealed class ProgressionTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "progression";
    /// <inheritdoc/>
    public override string Description => "Sum of log P(next root | root) over consecutive chords, from a built-in table of textbook progressions (reward).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    private static readonly double Unknown = Math.Log(0.01);

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var plan = input.Plan;
        var hold = plan.IsHold.AsSpan();
        double sum = 0;
        int prev = -2;
        for (int b = 0; b < plan.Beats; b++)
        {
            if (hold[b]) continue;
            int root = input.RootDegree(b);
            if (prev != -2)
            {
                double lp = prev < 0 || root < 0 ? Unknown : ChoraleHarmony.ProgressionLog[prev, root];
                sum += lp;
                if (findings is not null && lp < -3) Add(findings, input.BeatSlice[b], $"unusual progression {Roman(prev)}–{Roman(root)}", lp);
            }
            prev = root;
        }
        return sum;
    }

    private static string Roman(int degree) => degree < 0 ? "?" : new[] { "I", "II", "III", "IV", "V", "VI", "VII" }[degree];
}

/// <summary>Repetition: repeated soprano notes (1) and bass notes (0.5) from beat to beat, and the same root on three beats running (1).</summary>
public sealed class RepetitionTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "repetition";
    /// <inheritdoc/>
    public override string Description => "Soprano (1) or bass (0.5) repeating a note on the next beat; the same root three beats running (1).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var plan = input.Plan;
        var hold = plan.IsHold.AsSpan();
        var g = input.Genome;
        var sec = g.SecDia;
        // Counted in halves: every cost is a multiple of 0.5, so the sum is exact and equals the sum of the costs in any
        // order. No branches on the notes (random candidates mispredict them).
        int halves = 0, soprano = Bit(g.IsFree(0));
        int sopranoBefore = g.MainMidi(0), bassBefore = g.MainMidi(3);
        // The same root degree is the same root step (−1: no chord).
        var chords = input.Chords;
        int rootBefore = Root(chords[0]), rootTwoBefore = -1;
        for (int b = 1; b < plan.Beats; b++)
        {
            int c = b * 4, sopranoNow = g.MainMidi(c), bassNow = g.MainMidi(c + 3), root = Root(chords[b]);
            if (!hold[b])
            {
                int sopranoRepeats = soprano & Bit(sec[c - 4] == 0) & Bit(sopranoNow == sopranoBefore);
                int bassRepeats = Bit(sec[c - 1] == 0) & Bit(bassNow == bassBefore);
                int sameChord = Bit(!hold[b - 1] & (root >= 0) & (root == rootBefore) & (root == rootTwoBefore));
                halves += 2 * sopranoRepeats + bassRepeats + 2 * sameChord;
                if (findings is not null)
                {
                    if (sopranoRepeats != 0) Add(findings, input.BeatSlice[b], "the soprano repeats its note", 1, 0);
                    if (bassRepeats != 0) Add(findings, input.BeatSlice[b], "the bass repeats its note", 0.5, 3);
                    if (sameChord != 0) Add(findings, input.BeatSlice[b], "the same chord for three beats", 1);
                }
            }
            sopranoBefore = sopranoNow;
            bassBefore = bassNow;
            rootTwoBefore = rootBefore;
            rootBefore = root;
        }
        return 0.5 * halves;
    }

    private static int Root(in Chord chord) => chord.IsKnown ? (int)chord.RootStep : -1;

    private static int Bit(bool b) => Intervals.Bit(b);
}

/// <summary>Eighth-note motion: passing and neighbour notes per beat, up to a quarter of the beats (reward).</summary>
public sealed class PassingMotionTerm : ChoraleTerm
{
    /// <summary>The density beyond which more passing notes earn nothing.</summary>
    public const double Cap = 0.25;

    /// <inheritdoc/>
    public override string Name => "passing-motion";
    /// <inheritdoc/>
    public override string Description => "Passing and neighbour notes in the free voices per beat, up to 0.25 (reward).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Genome;
        var sec = g.SecDia.AsSpan();
        int count = sec.Length - sec.Count((sbyte)0);
        if (!g.IsFree(0))
            for (int c = 0; c < sec.Length; c += ChoraleGenome.Voices) count -= sec[c] != 0 ? 1 : 0;
        return Math.Min(Cap, (double)count / g.Beats);
    }
}
