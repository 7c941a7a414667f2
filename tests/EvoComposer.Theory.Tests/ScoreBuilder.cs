using System.Globalization;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Theory.Tests;

/// <summary>
/// Builds small scores from note names for rule tests. Each voice is a space-separated list of tokens:
/// <c>C5</c> (a quarter), <c>C5:2</c> (a half; any decimal or n/d length in quarters), <c>C5;</c> (with a fermata),
/// <c>r</c> or <c>r:2</c> (a rest), <c>-</c> (holds the previous note one more quarter: a tie), <c>|</c> (ignored, for readability).
/// </summary>
internal static class ScoreBuilder
{
    public static Score Satb(string soprano, string alto, string tenor, string bass, string meter = "4/4", string? key = null) =>
        Voices([("Soprano", soprano), ("Alto", alto), ("Tenor", tenor), ("Bass", bass)], meter, key);

    public static Score TwoVoices(string upper, string lower, string meter = "4/4", string? key = null) =>
        Voices([("Counterpoint", upper), ("Cantus", lower)], meter, key);

    public static Score Voices((string Name, string Notes)[] voices, string meter = "4/4", string? key = null)
    {
        Meter.TryParse(meter, out var m);
        var parts = new List<Part>();
        Rational length = Rational.Zero;
        foreach (var (name, text) in voices)
        {
            var notes = new List<Note>();
            Rational t = Rational.Zero;
            foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (raw == "|") continue;
                if (raw == "-")
                {
                    var last = notes[^1];
                    notes[^1] = last with { Duration = last.Duration + Rational.One, TieMerged = true };
                    t += Rational.One;
                    continue;
                }
                string token = raw;
                bool fermata = token.EndsWith(';');
                if (fermata) token = token[..^1];
                var dur = Rational.One;
                int colon = token.IndexOf(':');
                if (colon >= 0)
                {
                    dur = Rational.Parse(token[(colon + 1)..]);
                    token = token[..colon];
                }
                if (token != "r")
                    notes.Add(new Note(Pitch.Parse(token), t, dur, (int)(t / m.MeasureLength).Floor() + 1, fermata));
                t += dur;
            }
            parts.Add(new Part(name, notes));
            if (t > length) length = t;
        }
        var measures = new List<Measure>();
        for (Rational start = Rational.Zero; start < length; start += m.MeasureLength)
            measures.Add(new Measure(measures.Count + 1, start, m.MeasureLength));
        Key? declared = key is not null && Key.TryParse(key, out var k) ? k : null;
        var signature = new KeySignature(declared is { } d ? Math.Clamp(d.Fifths, -7, 7) : 0);
        return new Score(parts, [new Timed<Meter>(Rational.Zero, m)], [new Timed<KeySignature>(Rational.Zero, signature)], declared, measures);
    }

    /// <summary>The violations of one rule at its default settings (or with the given parameter values).</summary>
    public static List<Violation> Check(Score score, string ruleId, params (string Name, double Value)[] parameters)
    {
        var rule = RuleCatalogue.Find(ruleId) ?? throw new ArgumentException($"no rule {ruleId}");
        var settings = new RuleSettings(rule, true, rule.DefaultSeverity, 1, parameters.ToDictionary(p => p.Name, p => p.Value));
        var grid = SliceGrid.FromScore(score);
        var context = new RuleContext(grid, null, true, score.Key, score.KeySignature.Fifths);
        var list = new List<Violation>();
        if (rule.AppliesTo(grid)) rule.Check(context, settings, list);
        return list;
    }

    public static string Describe(IEnumerable<Violation> violations) =>
        string.Join("\n", violations.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.RuleId} m{v.Measure} b{v.Beat}: {v.Message}")));
}
