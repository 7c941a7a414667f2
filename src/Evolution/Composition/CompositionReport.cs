using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoComposer.Evolution.Composition.Fitness;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// The explanation of a composition: <c>report.json</c> (the contract in ARCHITECTURE.md), <c>report.md</c> for a
/// reader, and <c>fitness.svg</c>, the fitness per generation. Everything except the timing figures is
/// deterministic for a given seed and options.
/// </summary>
public static class CompositionReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What was asked, as the CLI received it (recorded under <c>options</c>).</summary>
    /// <param name="Command">"compose" or "harmonize".</param>
    /// <param name="Settings">Option names and values, in order.</param>
    public sealed record Request(string Command, IReadOnlyList<KeyValuePair<string, string>> Settings);

    /// <summary>The report as JSON.</summary>
    public static string ToJson(CompositionResult result, Request request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var plan = result.Best.Plan;
        var grid = result.Best.ToSliceGrid();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("command", request.Command);
            w.WriteNumber("seed", result.Options.Seed);
            w.WriteStartObject("options");
            foreach (var (k, v) in request.Settings) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteStartObject("plan");
            w.WriteString("key", plan.Key.ToString());
            w.WriteString("meter", plan.Meter.ToString());
            w.WriteStartArray("phrases");
            foreach (var p in plan.Phrases)
            {
                w.WriteStartObject();
                w.WriteNumber("beats", p.Beats);
                w.WriteString("cadence", Theory.Analysis.Cadence.Describe(p.Cadence));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("fitness");
            w.WriteNumber("total", Round(result.Fitness));
            w.WriteStartArray("terms");
            foreach (var t in result.Terms)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteNumber("weight", t.Weight);
                w.WriteNumber("value", Round(t.Value));
                w.WriteNumber("contribution", Round(t.Contribution));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("violations");
            foreach (var f in result.Findings)
            {
                w.WriteStartObject();
                w.WriteString("rule", f.Term);
                w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
                w.WriteNumber("measure", grid.Measures[f.Slice]);
                w.WriteRawValueProperty("beat", grid.Beats[f.Slice].ToDecimalString());
                w.WriteRawValueProperty("onset", grid.Onsets[f.Slice].ToDecimalString());
                w.WriteStartArray("voices");
                foreach (var v in f.Voices) w.WriteStringValue(v);
                w.WriteEndArray();
                w.WriteString("message", f.Message);
                w.WriteNumber("cost", Round(f.Cost));
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("provenance");
            for (int b = 0; b < result.Sources.Count; b++)
            {
                // One entry per beat, as the operators carried it: the corpus bar it was taken from, or what made it.
                var s = result.Sources[b];
                w.WriteStartObject();
                w.WriteRawValueProperty("onset", plan.OnsetOf(b).ToDecimalString());
                if (s.Corpus is { } c)
                {
                    w.WriteString("source", Path.GetFileName(c.Source));
                    w.WriteNumber("measure", c.Measure);
                    w.WriteNumber("beat", c.Beat);
                    w.WriteNumber("transposition", s.Transposition);
                }
                else
                {
                    w.WriteNull("source");
                    w.WriteNull("measure");
                    w.WriteNull("beat");
                    w.WriteNull("transposition");
                }
                w.WriteString("origin", s.Origin);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("originality");
            if (result.Originality is { } o)
            {
                w.WriteNumber("longestCopiedBeats", o.LongestCopiedBeats);
                if (o.LongestSource is null) w.WriteNull("longestSource");
                else w.WriteString("longestSource", o.LongestSource);
                w.WriteNumber("longestStartBeat", o.LongestStartBeat);
                w.WriteNumber("corpusJoinShare", Round(o.CorpusJoinShare));
            }
            else
            {
                w.WriteNull("longestCopiedBeats");
                w.WriteString("note", "not measured: no corpus models were used");
            }
            w.WriteEndObject();

            w.WriteStartObject("style");
            if (StyleOf(result) is { } style)
            {
                w.WriteString("model", style.Model);
                w.WriteString("class", style.Explanation.Class);
                w.WriteNumber("probability", Round(style.Explanation.Prediction[style.Explanation.Class]));
                w.WriteStartArray("contributions");
                foreach (var c in style.Explanation.Contributions.Take(StyleContributionsReported))
                {
                    w.WriteStartObject();
                    w.WriteString("feature", c.Feature);
                    w.WriteNumber("value", Round(c.Value));
                    w.WriteNumber("reference", Round(c.Reference));
                    w.WriteNumber("contribution", Round(c.Contribution));
                    w.WriteString("text", c.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("probability");
                w.WriteString("note", "not measured: no style classifier was used (--style none, or its weight is 0)");
            }
            w.WriteEndObject();

            var evo = result.Evolution;
            w.WriteStartObject("evolution");
            w.WriteString("stoppedBy", evo.StopDescription);
            w.WriteNumber("evaluations", evo.Evaluations);
            w.WriteNumber("elapsedSeconds", Math.Round(evo.Elapsed.TotalSeconds, 3));
            w.WriteStartArray("generations");
            foreach (var g in evo.Generations)
            {
                w.WriteStartObject();
                w.WriteNumber("generation", g.Generation);
                w.WriteNumber("best", Round(g.Best));
                w.WriteNumber("mean", Round(g.Mean));
                w.WriteNumber("worst", Round(g.Worst));
                w.WriteNumber("diversity", Round(g.Diversity));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteRawValueProperty(this Utf8JsonWriter w, string name, string raw)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(raw);
    }

    private static double Round(double x) => Math.Round(x, 6) + 0.0;

    /// <summary>How many of the style classifier's feature contributions the reports list.</summary>
    private const int StyleContributionsReported = 8;

    /// <summary>The style classifier's judgement of the final piece (its kind and explanation), when one was used.</summary>
    private static (string Model, Learning.Style.Classifiers.PredictionExplanation Explanation)? StyleOf(CompositionResult result) =>
        result.Options.Style is { } scorer && result.StyleExplanation is { } explanation ? (scorer.Model.Kind, explanation) : null;

    /// <summary>
    /// One line per phrase: its measure, onset, and where its beats came from (corpus bars, then the other origins
    /// counted), from the provenance the operators carried.
    /// </summary>
    private static IEnumerable<string> PhraseOrigins(CompositionResult result)
    {
        var plan = result.Best.Plan;
        for (int p = 0; p < plan.Phrases.Length; p++)
        {
            int first = plan.PhraseStarts[p];
            var beats = Enumerable.Range(first, plan.Phrases[p].Beats).Where(b => !plan.IsHold[b]).Select(b => result.Sources[b]).ToList();
            var bars = beats.Where(x => x.Corpus is not null).Select(x => x.ToString()).ToList();
            var others = beats.Where(x => x.Corpus is null).GroupBy(x => x.Origin).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} × {g.Count()}").ToList();
            string corpus = bars.Count == 0 ? "no corpus bar" : $"{bars.Count} of {beats.Count} beats from corpus bars: {string.Join(", ", bars)}";
            yield return string.Create(Inv, $"measure {plan.MeasureOf(first)} (onset {plan.OnsetOf(first).ToDecimalString()}): phrase {p + 1}: {corpus}{(others.Count == 0 ? "" : "; " + string.Join(", ", others))}");
        }
    }

    /// <summary>The report for a reader, in Markdown (it shows <c>fitness.svg</c>).</summary>
    public static string ToMarkdown(CompositionResult result, Request request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        var plan = result.Best.Plan;
        var grid = result.Best.ToSliceGrid();
        var sb = new StringBuilder();
        sb.Append(Inv, $"# EvoComposer: {(request.Command == "harmonize" ? "harmonization" : "chorale")} in {plan.Key}\n\n");
        sb.Append("## What was asked\n\n");
        sb.Append(Inv, $"`evocomposer {request.Command}` with {string.Join(", ", request.Settings.Select(kv => $"{kv.Key} = {kv.Value}"))}.\n\n");
        sb.Append(Inv, $"- Key {plan.Key}, meter {plan.Meter}, {plan.Phrases.Length} phrases of {string.Join(", ", plan.Phrases.Select(p => p.Beats))} beats\n");
        sb.Append(Inv, $"- Cadences: {string.Join(", ", plan.Phrases.Select(p => Theory.Analysis.Cadence.Describe(p.Cadence)))}\n");
        sb.Append(Inv, $"- Seed {result.Options.Seed}; population {result.Options.Population} × {result.Options.Islands} islands; {result.Options.Generations} generations\n\n");

        sb.Append("## Fitness\n\n");
        sb.Append(Inv, $"Total **{result.Fitness:0.###}** = Σ weight × value. Terms with weight 0 were not computed.\n\n");
        sb.Append("| term | weight | value | contribution | what it measures |\n|---|---:|---:|---:|---|\n");
        var descriptions = ChoraleFitness.BuiltInTerms.Concat(result.Options.ExtraTerms).ToDictionary(t => t.Name, t => t.Description);
        foreach (var t in result.Terms)
            sb.Append(Inv, $"| {t.Name} | {t.Weight:0.###} | {Round(t.Value):0.###} | {Round(t.Contribution):0.###} | {descriptions.GetValueOrDefault(t.Name, "")} |\n");
        sb.Append('\n');

        sb.Append("## Remaining faults\n\n");
        if (result.Findings.Count == 0) sb.Append("None of the weighted penalty terms finds anything.\n\n");
        else
        {
            sb.Append("| where | term | severity | voices | what |\n|---|---|---|---|---|\n");
            foreach (var f in result.Findings)
                sb.Append(Inv, $"| {grid.Where(f.Slice)} | {f.Term} | {f.Severity.ToString().ToLowerInvariant()} | {string.Join(", ", f.Voices)} | {f.Message} |\n");
            sb.Append('\n');
        }

        sb.Append("## Where each phrase came from\n\n");
        sb.Append("Each beat keeps the origin of the operator that last wrote it (a corpus bar with its transposition in semitones, or what made it); held cadence chords are not counted.\n\n");
        foreach (var line in PhraseOrigins(result)) sb.Append("- ").Append(line).Append('\n');
        sb.Append(result.Originality is { } o
            ? string.Create(Inv, $"\nOriginality: the longest span copied verbatim from the corpus is {o.LongestCopiedBeats} beat{(o.LongestCopiedBeats == 1 ? "" : "s")}{(o.LongestSource is null ? "" : $" (from {Path.GetFileName(o.LongestSource)})")}; {o.CorpusJoinShare:P0} of the joins between beats occur in the corpus.\n\n")
            : "\nOriginality against the corpus was not measured (no corpus models were used).\n\n");

        sb.Append("## Style\n\n");
        if (StyleOf(result) is { } style)
        {
            var e = style.Explanation;
            sb.Append(Inv, $"The style classifier ({style.Model}) gives the whole piece P({e.Class}) = {e.Prediction[e.Class]:0.###}. What weighs most (contributions in log-odds towards '{e.Class}'):\n\n");
            foreach (var c in e.Contributions.Take(StyleContributionsReported)) sb.Append("- ").Append(c.Text).Append('\n');
            sb.Append('\n');
        }
        else sb.Append("No style classifier was used (--style none, or its weight is 0).\n\n");

        var evo = result.Evolution;
        sb.Append("## Evolution\n\n");
        sb.Append(Inv, $"{evo.LastGeneration} generations ({evo.StopDescription}), {evo.Evaluations} fitness evaluations in {evo.Elapsed.TotalSeconds:0.00} s. ");
        sb.Append(Inv, $"Best fitness {evo.Generations[0].Best:0.##} → {evo.Generations[^1].Best:0.##}; mean {evo.Generations[0].Mean:0.##} → {evo.Generations[^1].Mean:0.##}; diversity {evo.Generations[0].Diversity:0.###} → {evo.Generations[^1].Diversity:0.###}.\n\n");
        sb.Append("![fitness per generation](fitness.svg)\n");
        return sb.ToString();
    }

    /// <summary>An SVG line chart of best and mean fitness per generation.</summary>
    public static string ToSvg(IReadOnlyList<Engine.GenerationStatistics> generations)
    {
        ArgumentNullException.ThrowIfNull(generations);
        const double W = 640, H = 320, L = 60, R = 20, T = 30, B = 40;
        double maxX = Math.Max(1, generations.Count - 1);
        double lo = generations.Min(g => g.Mean), hi = generations.Max(g => g.Best);
        if (hi - lo < 1e-9) { hi += 1; lo -= 1; }
        string X(int i) => (L + (W - L - R) * i / maxX).ToString("0.##", Inv);
        string Y(double v) => (T + (H - T - B) * (hi - v) / (hi - lo)).ToString("0.##", Inv);
        string Line(Func<Engine.GenerationStatistics, double> f) => string.Join(" ", generations.Select((g, i) => $"{X(i)},{Y(f(g))}"));
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(Inv, $"<text x=\"{L}\" y=\"18\">Fitness per generation (best, mean)</text>\n");
        sb.Append(Inv, $"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"black\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"black\"/>\n");
        sb.Append(Inv, $"<text x=\"{L - 5}\" y=\"{Y(hi)}\" text-anchor=\"end\">{hi:0.#}</text><text x=\"{L - 5}\" y=\"{Y(lo)}\" text-anchor=\"end\">{lo:0.#}</text>\n");
        sb.Append(Inv, $"<text x=\"{L}\" y=\"{H - B + 16}\">0</text><text x=\"{W - R}\" y=\"{H - B + 16}\" text-anchor=\"end\">{generations[^1].Generation}</text>\n");
        sb.Append(Inv, $"<text x=\"{(L + W - R) / 2}\" y=\"{H - 8}\" text-anchor=\"middle\">generation</text>\n");
        sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"#888\" stroke-width=\"1.5\" points=\"{Line(g => g.Mean)}\"/>\n");
        sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"#c00\" stroke-width=\"2\" points=\"{Line(g => g.Best)}\"/>\n");
        sb.Append(Inv, $"<text x=\"{W - R - 90}\" y=\"{T + 14}\" fill=\"#c00\">best</text><text x=\"{W - R - 45}\" y=\"{T + 14}\" fill=\"#888\">mean</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
