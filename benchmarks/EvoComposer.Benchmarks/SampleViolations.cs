using System.Globalization;
using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Rule violations per 1,000 notes (the <c>check</c> command's <see cref="RuleChecker"/>, presets strict and bach)
/// for 20 recombinant and 20 Markov samples (seeds 1–20, or 1–N with <c>violations N</c>; 4 phrases in 4/4; odd
/// seeds in C major, even seeds in A minor; both samplers also without the key's register preference) beside Bach's own rate over the 370 kern chorales, per rule and per severity, and the samples'
/// originality. The samples are checked as scores in memory (<see cref="GeneratedPiece.ToScore"/>), not through
/// MIDI, which would re-spell them. Run:
/// <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- violations [N]</c>.
/// </summary>
public static class SampleViolations
{
    /// <summary>The key of seed <paramref name="seed"/>'s sample.</summary>
    public static Key KeyOf(int seed) => seed % 2 == 1 ? new Key(Step.C, 0, Mode.Major) : new Key(Step.A, 0, Mode.Minor);

    /// <summary>Prints the table to <paramref name="output"/>.</summary>
    /// <param name="output">Where the Markdown goes.</param>
    /// <param name="count">Samples per method (seeds 1…count).</param>
    public static void Run(TextWriter output, int count = 20)
    {
        string root = CorpusLocator.Require();
        var set = CorpusManifest.LoadEmbedded().Get("bach-chorales");
        var models = ChoraleModels.Mine(set, root);
        var bach = Directory.GetFiles(Path.Combine(root, set.Path), set.Pattern).Order(StringComparer.Ordinal).Select(ScoreFiles.Read).ToArray();
        var samples = new Dictionary<string, (Score[] Scores, Originality[] Originality)>();
        // "... in C" are the samplers without the key's register preference (ComposeRecombinant(mode, ...), SampleMarkov(mode, ...)).
        foreach (string method in new[] { "recombinant in C", "recombinant", "markov in C", "markov" })
        {
            var scores = new Score[count];
            var originality = new Originality[count];
            for (int seed = 1; seed <= count; seed++)
            {
                var key = KeyOf(seed);
                var random = new Random(seed);
                var piece = method switch
                {
                    "markov in C" => models.SampleMarkov(key.Mode, 4, random),
                    "markov" => models.SampleMarkov(key, 4, random),
                    "recombinant" => models.ComposeRecombinant(key, 4, random),
                    _ => models.ComposeRecombinant(key.Mode, 4, random),
                };
                scores[seed - 1] = piece.ToScore(key);
                originality[seed - 1] = models.MeasureOriginality(piece.Beats);
            }
            samples[method] = (scores, originality);
        }
        var columns = new (string Name, Score[] Scores)[] { ("Bach (370)", bach) }.Concat(samples.Select(s => (Name: s.Key, s.Value.Scores))).ToArray();
        foreach (string preset in new[] { "strict", "bach" })
        {
            var rules = RuleSet.Preset(preset);
            var results = columns.Select(c => c.Scores.Select(s => RuleChecker.Check(s, rules)).ToArray()).ToArray();
            var notes = results.Select(r => r.Sum(x => x.NoteCount)).ToArray();
            output.WriteLine($"## preset {preset}: violations per 1,000 notes");
            output.WriteLine();
            output.WriteLine("| rule | severity | " + string.Join(" | ", columns.Select((c, i) => $"{c.Name} ({notes[i]} notes)")) + " |");
            output.WriteLine("|---|---|" + string.Concat(columns.Select(_ => "---:|")));
            string Rate(int count, int n) => (count * 1000.0 / n).ToString("0.0", CultureInfo.InvariantCulture);
            foreach (var settings in rules.Enabled)
            {
                var counts = results.Select(r => r.Sum(x => x.Violations.Count(v => v.RuleId == settings.Rule.Id))).ToArray();
                output.WriteLine($"| {settings.Rule.Id} | {RuleSet.SeverityName(settings.Severity)} | " + string.Join(" | ", counts.Select((c, i) => Rate(c, notes[i]))) + " |");
            }
            foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
            {
                var counts = results.Select(r => r.Sum(x => x.Violations.Count(v => v.Severity == severity))).ToArray();
                output.WriteLine($"| **all {RuleSet.SeverityName(severity)}s** | | " + string.Join(" | ", counts.Select((c, i) => Rate(c, notes[i]))) + " |");
            }
            output.WriteLine();
        }
        output.WriteLine("## originality (longest span copied verbatim, in beats; share of beat-to-beat joins found in the corpus)");
        output.WriteLine();
        foreach (var (method, (_, o)) in samples)
        {
            var longest = o.Select(x => x.LongestCopiedBeats).Order().ToArray();
            double median = (longest[(count - 1) / 2] + longest[count / 2]) / 2.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {method}: longest copied span median {median:0.#}, max {longest[^1]}; join share mean {o.Average(x => x.CorpusJoinShare):P1}, min {o.Min(x => x.CorpusJoinShare):P1}"));
        }
    }
}
