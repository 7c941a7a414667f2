using System.CommandLine;
using System.Globalization;
using EvoComposer.Evolution.Composition;
using EvoComposer.Learning.Markov.Jsb;
using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Corpora;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer evaluate harmonize [--split test|valid|train] [--limit N] [--seed N] [--methods ga,markov,recombinant]
/// [--population N] [--generations N] [--islands N] [--threads N] [--models FILE] [--no-style] [--corpora DIR] [--json]</c>:
/// harmonizes the soprano lines of the JSB split with the GA and the plain Markov and recombinant baselines and
/// compares each with Bach's harmonization (see <see cref="HarmonizationBenchmark"/>). A subcommand of
/// <see cref="EvaluateCommand"/>.
/// </summary>
public static class EvaluateHarmonizeCommand
{
    /// <summary>Builds the <c>harmonize</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var split = new Option<string>("--split") { Description = "test (default), valid or train.", DefaultValueFactory = _ => "test" };
        var limit = new Option<int>("--limit") { Description = "Only the first N chorales of the split (0: all, default).", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed; chorale i uses seed + i.", DefaultValueFactory = _ => 1UL };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods (default ga,markov,recombinant).", DefaultValueFactory = _ => "ga,markov,recombinant" };
        var population = new Option<int>("--population") { Description = "GA individuals per island (default 60, as harmonize).", DefaultValueFactory = _ => 60 };
        var generations = new Option<int>("--generations") { Description = "GA generations (default 150, as harmonize).", DefaultValueFactory = _ => 150 };
        var islands = new Option<int>("--islands") { Description = "GA islands (default 2, as harmonize).", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "Threads evaluating the GA's fitness (does not change the result).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var models = new Option<string?>("--models") { Description = "A model file written by 'mine' (default: the corpus models in the cache, mined on first use)." };
        var noStyle = new Option<bool>("--no-style") { Description = "Leave the style term out of the GA's fitness even when a cached style model exists." };
        var corpora = new Option<string?>("--corpora") { Description = "The corpus root (default: $EVOCOMPOSER_CORPORA, then ../shared/corpora)." };
        var command = new Command("harmonize", "Harmonizes the soprano lines of the JSB split with the GA and the Markov and recombinant baselines; compares with Bach (rule errors, chord and bass agreement per beat).")
        {
            json, split, limit, seed, methods, population, generations, islands, threads, models, noStyle, corpora,
        };
        command.SetAction(pr =>
        {
            string splitName = pr.GetValue(split)!;
            if (splitName is not ("test" or "valid" or "train")) throw new CliUsageException($"--split must be test, valid or train, not '{splitName}'");
            int n = pr.GetValue(limit);
            if (n < 0) throw new CliUsageException($"--limit must not be negative, not {n}");
            string root = CorpusLocator.Find(pr.GetValue(corpora))
                ?? throw new CliUsageException("no corpus found: pass --corpora DIR, set EVOCOMPOSER_CORPORA, or place the shared corpora at ../shared/corpora");
            JsbDataset data;
            try { data = JsbDataset.Load(Path.Combine(root, "jsb-split")); }
            catch (InvalidDataException e) { throw new CliUsageException(e.Message); }
            var chorales = splitName switch { "train" => data.Train, "valid" => data.Valid, _ => data.Test };
            if (n > 0) chorales = chorales.Take(n).ToList();
            if (pr.GetValue(models) is { } file && !File.Exists(file)) throw new CliUsageException($"{file}: no such model file");
            var mined = CliModels.Load(pr.GetValue(models), ChoraleModels.DefaultSet, pr.GetValue(corpora), context.Error);
            var options = new HarmonizationBenchmarkOptions
            {
                Models = mined,
                Seed = pr.GetValue(seed),
                Methods = [.. pr.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Population = pr.GetValue(population),
                Generations = pr.GetValue(generations),
                Islands = pr.GetValue(islands),
                Threads = pr.GetValue(threads),
                Style = pr.GetValue(noStyle) ? null : LoadStyle(),
            };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message.Split('\n')[0].Trim()); }
            IProgress<HarmonizedMelody>? progress = context.ErrorIsTerminal
                ? new SyncProgress(m => { if (m.Method != "bach") context.Error.Write($"\rchorale {m.Index + 1}/{chorales.Count} {m.Method,-12}"); })
                : null;
            HarmonizationBenchmarkResult result;
            try { result = HarmonizationBenchmark.Run(chorales, options, progress); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
            if (progress is not null) context.Error.WriteLine();
            if (pr.GetValue(json)) WriteJson(context, result, splitName, options);
            else WriteTable(context.Output, result, splitName, options);
            return CliApp.Success;
        });
        return command;
    }

    private static Learning.Style.StyleScorer? LoadStyle()
    {
        string path = StyleCommandSupport.DefaultModelPath("real-vs-generated");
        if (!File.Exists(path)) return null;
        try { return Learning.Style.StyleScorer.Load(path); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }

    private sealed class SyncProgress(Action<HarmonizedMelody> report) : IProgress<HarmonizedMelody>
    {
        public void Report(HarmonizedMelody value) => report(value);
    }

    private static double R(double x) => Math.Round(x, 4);

    private static void WriteJson(CliContext context, HarmonizationBenchmarkResult result, string split, HarmonizationBenchmarkOptions options) =>
        context.WriteJson(w =>
        {
            w.WriteStartObject();
            w.WriteString("split", split);
            w.WriteNumber("chorales", result.Melodies.Where(m => m.Method == "bach").Count());
            w.WriteNumber("seed", options.Seed);
            w.WriteStartObject("ga");
            w.WriteNumber("population", options.Population);
            w.WriteNumber("generations", options.Generations);
            w.WriteNumber("islands", options.Islands);
            w.WriteBoolean("style", options.Style is not null);
            w.WriteEndObject();
            w.WriteString("rules", options.Rules.Name);
            w.WriteStartArray("methods");
            foreach (var s in result.Summaries)
            {
                w.WriteStartObject();
                w.WriteString("method", s.Method);
                w.WriteNumber("pieces", s.Pieces);
                w.WriteNumber("errorsPerPiece", R(s.ErrorsPerPiece));
                w.WriteNumber("melodyErrorsPerPiece", R(s.MelodyErrorsPerPiece));
                w.WriteNumber("piecesWithErrors", s.PiecesWithErrors);
                w.WriteNumber("chordAgreement", R(s.ChordAgreement));
                w.WriteNumber("bassAgreement", R(s.BassAgreement));
                w.WriteNumber("secondsPerPiece", R(s.SecondsPerPiece));
                WriteCounts(w, s.ErrorsByRule);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("pieces");
            foreach (var m in result.Melodies)
            {
                w.WriteStartObject();
                w.WriteNumber("index", m.Index);
                w.WriteString("method", m.Method);
                w.WriteString("key", m.Key.ToString());
                w.WriteNumber("phrases", m.Phrases);
                w.WriteNumber("beats", m.Score.Beats);
                w.WriteNumber("errors", m.Score.Errors);
                w.WriteNumber("melodyErrors", m.Score.MelodyErrors);
                w.WriteNumber("chordAgreement", R(m.Score.ChordAgreement));
                w.WriteNumber("bassAgreement", R(m.Score.BassAgreement));
                w.WriteNumber("seconds", R(m.Seconds));
                WriteCounts(w, m.ErrorsByRule);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteCounts(System.Text.Json.Utf8JsonWriter w, IEnumerable<KeyValuePair<string, int>> counts)
    {
        w.WriteStartObject("errorsByRule");
        foreach (var (rule, count) in counts) w.WriteNumber(rule, count);
        w.WriteEndObject();
    }

    private static void WriteTable(TextWriter o, HarmonizationBenchmarkResult result, string split, HarmonizationBenchmarkOptions options)
    {
        string P(double x) => x.ToString("0.0%", CultureInfo.InvariantCulture);
        string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
        int chorales = result.Melodies.Count(m => m.Method == "bach");
        o.WriteLine($"JSB {split} split, {chorales} soprano lines; GA: population {options.Population} x {options.Islands} islands, {options.Generations} generations{(options.Style is null ? ", no style term" : "")}; rules '{options.Rules.Name}'");
        o.WriteLine("method        errors/piece (in melody)  pieces with errors  chord agreement  bass agreement  s/piece");
        foreach (var s in result.Summaries)
            o.WriteLine($"{s.Method,-13} {F(s.ErrorsPerPiece),12} {"(" + F(s.MelodyErrorsPerPiece) + ")",11}  {s.PiecesWithErrors,18}  {P(s.ChordAgreement),15}  {P(s.BassAgreement),14}  {F(s.SecondsPerPiece),7}");
        foreach (var s in result.Summaries.Where(s => !s.ErrorsByRule.IsEmpty))
            o.WriteLine($"  {s.Method} errors: {string.Join(", ", s.ErrorsByRule.Select(kv => $"{kv.Key} {kv.Value}"))}");
        o.WriteLine("(agreement: share of beats with Bach's chord root and triad quality / bass pitch class; 'bach' is the original, for reference)");
    }
}
