using EvoComposer.Theory.Analysis;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>Shared interval arithmetic of the voice-leading terms.</summary>
internal static class Intervals
{
    public static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>0 for no perfect consonance, 5 for a (compound) perfect fifth, 8 for a unison or (compound) octave.</summary>
    public static int PerfectKind(int upperMidi, int upperDia, int lowerMidi, int lowerDia)
    {
        int g = Mod(upperDia - lowerDia, 7), s = Mod(upperMidi - lowerMidi, 12);
        if (g == 4 && s == 7) return 5;
        if (g == 0 && s == 0) return 8;
        return 0;
    }

    public static string Name(int kind) => kind == 5 ? "fifths" : "octaves";
}

/// <summary>Parallel fifths and octaves (and unisons) between any two voices that both move.</summary>
public sealed class ParallelPerfectTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "parallel-perfect";
    /// <inheritdoc/>
    public override string Description => "Two voices moving from one perfect fifth or octave (or unison) to another of the same kind.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Error;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var dia = g.Diatonic;
        var att = g.Attacked;
        const int V = 4;
        double cost = 0;
        for (int s = 1; s < g.SliceCount; s++)
        {
            int c = s * V, p = c - V;
            for (int x = 0; x < V; x++)
            {
                if (!att[c + x] || midi[c + x] == midi[p + x]) continue;
                for (int y = x + 1; y < V; y++)
                {
                    if (!att[c + y] || midi[c + y] == midi[p + y]) continue;
                    int now = Intervals.PerfectKind(midi[c + x], dia[c + x], midi[c + y], dia[c + y]);
                    if (now == 0 || now != Intervals.PerfectKind(midi[p + x], dia[p + x], midi[p + y], dia[p + y])) continue;
                    cost += 1;
                    Add(findings, s, $"parallel {Intervals.Name(now)} between {ChoraleGenome.VoiceNames[x]} and {ChoraleGenome.VoiceNames[y]}", 1, x, y);
                }
            }
        }
        return cost;
    }
}

/// <summary>Hidden (direct) fifths and octaves: the outer voices move in the same direction into a perfect interval with the soprano leaping.</summary>
public sealed class HiddenPerfectTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "hidden-perfect";
    /// <inheritdoc/>
    public override string Description => "Soprano and bass reach a perfect fifth or octave by similar motion with a leap in the soprano.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Warning;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var dia = g.Diatonic;
        var att = g.Attacked;
        double cost = 0;
        for (int s = 1; s < g.SliceCount; s++)
        {
            int c = s * 4, p = c - 4;
            if (!att[c] || !att[c + 3]) continue;
            int ds = midi[c] - midi[p], db = midi[c + 3] - midi[p + 3];
            if (ds == 0 || db == 0 || Math.Sign(ds) != Math.Sign(db) || Math.Abs(ds) <= 2) continue;
            int now = Intervals.PerfectKind(midi[c], dia[c], midi[c + 3], dia[c + 3]);
            if (now == 0 || now == Intervals.PerfectKind(midi[p], dia[p], midi[p + 3], dia[p + 3])) continue;
            cost += 1;
            Add(findings, s, $"hidden {Intervals.Name(now)} between soprano and bass (similar motion, soprano leaps)", 1, 0, 3);
        }
        return cost;
    }
}

/// <summary>Voice crossing (a lower voice above a higher one) and overlap (a voice passing its neighbour's previous note).</summary>
public sealed class VoiceCrossingTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "voice-crossing";
    /// <inheritdoc/>
    public override string Description => "A voice above the voice written over it (1 each), or moving past its neighbour's previous note (0.5 each).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Error;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var att = g.Attacked;
        double cost = 0;
        for (int s = 0; s < g.SliceCount; s++)
        {
            int c = s * 4;
            for (int v = 0; v < 3; v++)
            {
                if (midi[c + v] < midi[c + v + 1])
                {
                    cost += 1;
                    Add(findings, s, $"{ChoraleGenome.VoiceNames[v + 1]} crosses above {ChoraleGenome.VoiceNames[v]}", 1, v, v + 1);
                }
                else if (s > 0 && ((att[c + v + 1] && midi[c + v + 1] > midi[c - 4 + v]) || (att[c + v] && midi[c + v] < midi[c - 4 + v + 1])))
                {
                    cost += 0.5;
                    Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} and {ChoraleGenome.VoiceNames[v + 1]} overlap", 0.5, v, v + 1);
                }
            }
        }
        return cost;
    }
}

/// <summary>Spacing: more than an octave between soprano and alto or alto and tenor, more than a twelfth between tenor and bass.</summary>
public sealed class SpacingTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "spacing";
    /// <inheritdoc/>
    public override string Description => "Adjacent upper voices more than an octave apart, or tenor and bass more than a twelfth apart (per chord).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Error;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        double cost = 0;
        for (int s = 0; s < g.SliceCount; s++)
        {
            int c = s * 4;
            for (int v = 0; v < 3; v++)
            {
                int limit = v == 2 ? 19 : 12;
                int gap = midi[c + v] - midi[c + v + 1];
                if (gap <= limit) continue;
                cost += 1;
                Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} and {ChoraleGenome.VoiceNames[v + 1]} are {gap} semitones apart (at most {limit})", 1, v, v + 1);
            }
        }
        return cost;
    }
}

/// <summary>Notes outside the voices' usual ranges (S C4–G5, A G3–D5, T C3–G4, B E2–D4), in semitones.</summary>
public sealed class RangeTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "range";
    /// <inheritdoc/>
    public override string Description => "Semitones by which notes leave the usual range of their voice.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Warning;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var att = g.Attacked;
        double cost = 0;
        for (int s = 0; s < g.SliceCount; s++)
            for (int v = 0; v < 4; v++)
            {
                int c = s * 4 + v;
                if (!att[c]) continue;
                var (low, high) = KeyScale.Ranges[v];
                int out_ = midi[c] < low ? low - midi[c] : midi[c] > high ? midi[c] - high : 0;
                if (out_ == 0) continue;
                cost += out_;
                Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} is {out_} semitone{(out_ == 1 ? "" : "s")} outside its range", out_, v);
            }
        return cost;
    }
}

/// <summary>Awkward melodic intervals: augmented seconds and fourths, sevenths, leaps beyond an octave, and large leaps in inner voices.</summary>
public sealed class MelodicLeapTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "melodic-leaps";
    /// <inheritdoc/>
    public override string Description => "Augmented or diminished melodic intervals, sevenths, leaps beyond an octave, sixths and octaves in the upper voices.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Warning;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var dia = g.Diatonic;
        var att = g.Attacked;
        double cost = 0;
        for (int v = 0; v < 4; v++)
        {
            int prev = -1;
            for (int s = 0; s < g.SliceCount; s++)
            {
                int c = s * 4 + v;
                if (!att[c]) continue;
                if (prev >= 0)
                {
                    int semis = Math.Abs(midi[c] - midi[prev]), steps = Math.Abs(dia[c] - dia[prev]);
                    double x = 0;
                    string? what = null;
                    if (steps == 1 && semis == 3) (x, what) = (2, "an augmented second");
                    else if (semis == 6 && steps == 3) (x, what) = (1.5, "an augmented fourth");
                    else if (semis == 6 && steps == 4) (x, what) = (midi[c] < midi[prev] ? 0.3 : 1, "a diminished fifth");
                    else if (steps == 6) (x, what) = (2, "a seventh");
                    else if (semis > 12) (x, what) = (v == 3 ? 1 : 3, "a leap beyond an octave");
                    else if (semis == 12) (x, what) = (v == 3 ? 0 : 0.5, "an octave leap");
                    else if (semis >= 8) (x, what) = (v == 3 ? 0.2 : v == 0 ? 0.5 : 1, "a sixth");
                    if (x > 0)
                    {
                        cost += x;
                        Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} moves by {what}", x, v);
                    }
                }
                prev = c;
            }
        }
        return cost;
    }
}

/// <summary>Melodic motion beyond a step in the inner voices and beyond a third in the soprano (a quarter per semitone).</summary>
public sealed class MelodicMotionTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "melodic-motion";
    /// <inheritdoc/>
    public override string Description => "How far the voices move: a quarter per semitone beyond a whole tone (alto, tenor) or a major third (soprano).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Style;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var att = g.Attacked;
        double cost = 0;
        for (int v = 0; v < 3; v++)
        {
            int free = v == 0 ? 4 : 2;
            int prev = -1;
            for (int s = 0; s < g.SliceCount; s++)
            {
                int c = s * 4 + v;
                if (!att[c]) continue;
                if (prev >= 0)
                {
                    int semis = Math.Abs(midi[c] - midi[prev]);
                    if (semis > free)
                    {
                        double x = 0.25 * (semis - free);
                        cost += x;
                        if (findings is not null && semis >= 5) Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} leaps {semis} semitones", x, v);
                    }
                }
                prev = c;
            }
        }
        return cost;
    }
}
