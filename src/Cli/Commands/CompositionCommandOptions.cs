using System.CommandLine;
using System.Globalization;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// The options <c>compose</c> and <c>harmonize</c> share (<c>[--key] [--mode] [--seed] [--weights] [--seeding]
/// [--population] [--generations] [--islands] [--threads] [--out DIR] [--force] [--quiet] [--models|--no-models]
/// [--style] [--print-weights] [--no-render]</c>), their validation (one line, exit 2, for anything absurd), the
/// action both run (<see cref="Complete"/>), and the writing of <c>DIR/piece.mid</c>, <c>DIR/report.json</c>,
/// <c>DIR/report.md</c> and <c>DIR/fitness.svg</c>.
/// </summary>
internal sealed class CompositionCommandOptions
{
    public readonly Option<string?> Key = new("--key") { Description = "Tonic, e.g. D, F#, Bb (a lower-case letter means minor). Default: C for compose, the melody's key for harmonize." };
    public readonly Option<string?> Mode = new("--mode") { Description = "major or minor (default: major, or as --key says)." };
    public readonly Option<ulong> Seed = new("--seed") { Description = "Seed of every random choice; the same seed and options give the same piece.", DefaultValueFactory = _ => 1UL };
    public readonly Option<string?> Weights = new("--weights") { Description = "A JSON file of fitness weights (see --print-weights)." };
    public readonly Option<int> Population = new("--population") { Description = "Individuals per island.", DefaultValueFactory = _ => 60 };
    public readonly Option<int> Generations = new("--generations") { Description = "Generations to evolve.", DefaultValueFactory = _ => 150 };
    public readonly Option<int> Islands = new("--islands") { Description = "Populations evolving side by side with migration.", DefaultValueFactory = _ => 2 };
    public readonly Option<int> Threads = new("--threads") { Description = "Threads evaluating fitness (does not change the result).", DefaultValueFactory = _ => Environment.ProcessorCount };
    public readonly Option<string> Out = new("--out") { Description = "Folder for piece.mid, piece.musicxml, piece.png, piece.wav, report.json, report.md, fitness.svg.", DefaultValueFactory = _ => "evocomposer-out" };
    public readonly Option<bool> Force = new("--force") { Description = "Replace output files that exist." };
    public readonly Option<bool> Quiet = new("--quiet") { Description = "No progress bar (there is none anyway when stderr is not a terminal)." };
    public readonly Option<string?> Models = new("--models") { Description = "A model file written by 'mine' (default: the corpus models in the cache, mined on first use)." };
    public readonly Option<bool> NoModels = new("--no-models") { Description = "Compose with the rules and built-in terms only, without the corpus's Markov models and lexicon." };
    public readonly Option<string?> Style = new("--style") { Description = "A style classifier written by 'train real-vs-generated' (default: the cached one, trained once on first use); 'none' leaves the style term out." };
    public readonly Option<bool> PrintWeights = new("--print-weights") { Description = "Print the default weights file (JSON) and exit." };
    public readonly Option<bool> NoRender = new("--no-render") { Description = "Skip the engraved piece.png and the audio piece.wav (piece.musicxml is still written)." };
    public readonly Option<string?> Seeding = new("--seeding") { Description = "Relative shares of the initial population seeded from the corpus models, e.g. recombinant=1,markov=1,random=1 (names left out get 0; without corpus models every individual is random)." };

    /// <summary>
    /// Adds the shared options to <paramref name="command"/> and sets its action: <c>--print-weights</c>, else the
    /// plan from <paramref name="plan"/> (with the settings it adds to the report), the output folder checked, the
    /// options built, the composition run and written.
    /// </summary>
    public static Command Complete(Command command, CliContext context,
        Func<ParseResult, CompositionCommandOptions, (PhrasePlan Plan, KeyValuePair<string, string>[] Settings)> plan)
    {
        var shared = new CompositionCommandOptions();
        foreach (var o in new Option[] { shared.Key, shared.Mode, shared.Seed, shared.Weights, shared.Seeding, shared.Population, shared.Generations, shared.Islands, shared.Threads, shared.Out, shared.Force, shared.Quiet, shared.Models, shared.NoModels, shared.Style, shared.PrintWeights, shared.NoRender })
            command.Options.Add(o);
        shared._error = context.Error;
        command.SetAction(parse =>
        {
            if (parse.GetValue(shared.PrintWeights))
            {
                context.Output.Write(FitnessWeights.DefaultJson);
                return CliApp.Success;
            }
            var (p, settings) = plan(parse, shared);
            string dir = shared.PrepareOutput(parse);
            var options = shared.Build(parse, p);
            return shared.Run(context, parse, command.Name, options, dir, settings);
        });
        return command;
    }

    /// <summary>The seed shares of <c>--seeding</c> (normalised to sum 1), or the defaults.</summary>
    public static (double Recombinant, double Markov) ParseSeeding(string? text)
    {
        if (text is null) return (CompositionOptions.DefaultRecombinantSeedShare, CompositionOptions.DefaultMarkovSeedShare);
        double recombinant = 0, markov = 0, random = 0;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string name = eq < 0 ? part : part[..eq];
            if (eq < 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !(w >= 0) || double.IsInfinity(w))
                throw new CliUsageException($"--seeding: '{part}' is not name=weight with a weight ≥ 0 (names: recombinant, markov, random)");
            switch (name)
            {
                case "recombinant": recombinant += w; break;
                case "markov": markov += w; break;
                case "random": random += w; break;
                default: throw new CliUsageException($"--seeding: unknown kind '{name}' (use recombinant, markov, random)");
            }
        }
        double total = recombinant + markov + random;
        if (!(total > 0)) throw new CliUsageException($"--seeding: '{text}' gives no individual a positive share");
        return (recombinant / total, markov / total);
    }

    /// <summary>The key from --key and --mode, or <paramref name="fallback"/> when neither is given.</summary>
    public Key? ParseKey(ParseResult parse, Key? fallback)
    {
        string? text = parse.GetValue(Key), mode = parse.GetValue(Mode);
        if (mode is not null && mode is not ("major" or "minor")) throw new CliUsageException($"--mode must be major or minor, not '{mode}'");
        if (text is null)
        {
            if (mode is null) return fallback;
            var basis = fallback ?? new Key(Step.C, 0, Theory.Music.Mode.Major);
            return new Key(basis.Tonic, basis.TonicAlter, mode == "minor" ? Theory.Music.Mode.Minor : Theory.Music.Mode.Major);
        }
        if (!Theory.Music.Key.TryParse(text, out var key)) throw new CliUsageException($"--key: '{text}' is not a key (use e.g. D, F#, Bb, or d for D minor)");
        if (mode is not null) key = new Key(key.Tonic, key.TonicAlter, mode == "minor" ? Theory.Music.Mode.Minor : Theory.Music.Mode.Major);
        if (Math.Abs(key.Fifths) > 7) throw new CliUsageException($"--key: {key} needs more than 7 sharps or flats");
        return key;
    }

    /// <summary>Everything but the plan, validated.</summary>
    public CompositionOptions Build(ParseResult parse, PhrasePlan plan)
    {
        int population = parse.GetValue(Population), generations = parse.GetValue(Generations), threads = parse.GetValue(Threads), islands = parse.GetValue(Islands);
        if (population < 2 || population > 100_000) throw new CliUsageException($"--population must be within 2…100000, not {population}");
        if (generations < 0 || generations > 1_000_000) throw new CliUsageException($"--generations must be within 0…1000000, not {generations}");
        if (threads < 1 || threads > 512) throw new CliUsageException($"--threads must be within 1…512, not {threads}");
        if (islands < 1 || islands > 64) throw new CliUsageException($"--islands must be within 1…64, not {islands}");
        var weights = FitnessWeights.Default;
        if (parse.GetValue(Weights) is { } path)
        {
            if (!File.Exists(path)) throw new CliUsageException($"{path}: no such weights file");
            try { weights = FitnessWeights.Load(path); }
            catch (FormatException e) { throw new CliUsageException(e.Message); }
        }
        var (recombinant, markov) = ParseSeeding(parse.GetValue(Seeding));
        return new CompositionOptions
        {
            RecombinantSeedShare = recombinant,
            MarkovSeedShare = markov,
            Models = LoadModels(parse),
            Style = weights["style"] == 0 ? null : LoadStyle(parse),
            Plan = plan,
            Seed = parse.GetValue(Seed),
            Population = population,
            Generations = generations,
            Threads = threads,
            Islands = islands,
            Weights = weights,
        };
    }

    private Learning.Mining.ChoraleModels? _models;
    private string _modelsUsed = "none";

    /// <summary>The corpus models: an explicit file (errors are usage errors), else the cache, else none with a warning.</summary>
    private Learning.Mining.ChoraleModels? LoadModels(ParseResult parse)
    {
        if (parse.GetValue(NoModels))
        {
            if (parse.GetValue(Models) is not null) throw new CliUsageException("--models and --no-models exclude each other");
            return null;
        }
        if (parse.GetValue(Models) is { } file)
        {
            if (!File.Exists(file)) throw new CliUsageException($"{file}: no such model file");
            _models = CliModels.Load(file, Learning.Mining.ChoraleModels.DefaultSet, null, TextWriter.Null);
            _modelsUsed = file;
            return _models;
        }
        try
        {
            _models = CliModels.Load(null, Learning.Mining.ChoraleModels.DefaultSet, null, TextWriter.Null);
            _modelsUsed = $"{_models.SetName} (cache)";
            return _models;
        }
        catch (CliUsageException e)
        {
            _error?.WriteLine($"evocomposer: warning: no corpus models ({e.Message}); composing with the rules and built-in terms only");
            return null;
        }
    }

    private TextWriter? _error;
    private string _styleUsed = "none";

    /// <summary>
    /// The style scorer: none for <c>--style none</c>; an explicit file (errors are usage errors); else the cached
    /// real-vs-generated model, trained once on first use (<see cref="Learning.Style.StyleModelCache"/>), or none with a warning.
    /// </summary>
    private Learning.Style.StyleScorer? LoadStyle(ParseResult parse)
    {
        string? path = parse.GetValue(Style);
        if (path == "none") return null;
        if (path is null)
        {
            try
            {
                var cached = Learning.Style.StyleModelCache.LoadOrTrain(new() { Models = _models }, _error);
                _styleUsed = Learning.Style.StyleModelCache.PathFor(Learning.Style.StyleModelCache.RealVersusGeneratedTask);
                return cached;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException or KeyNotFoundException or ArgumentException or IOException)
            {
                _error?.WriteLine($"evocomposer: warning: no style model ({e.Message}); composing without the style term");
                return null;
            }
        }
        if (!File.Exists(path)) throw new CliUsageException($"{path}: no such style model");
        try
        {
            var scorer = Learning.Style.StyleScorer.Load(path);
            _styleUsed = path;
            return scorer;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }
    }

    /// <summary>Refuses to overwrite outputs unless --force, before any work is done.</summary>
    public string PrepareOutput(ParseResult parse)
    {
        string dir = parse.GetValue(Out)!;
        if (File.Exists(dir)) throw new CliUsageException($"--out: {dir} is a file, not a folder");
        if (!parse.GetValue(Force))
            foreach (var name in OutputNames)
                if (File.Exists(Path.Combine(dir, name))) throw new CliUsageException($"{Path.Combine(dir, name)} exists (use --force to replace it)");
        return dir;
    }

    private static readonly string[] OutputNames = ["piece.mid", "report.json", "report.md", "fitness.svg", .. CompositionOutputs.FileNames];

    /// <summary>Runs the composition with progress on stderr and writes the outputs.</summary>
    public int Run(CliContext context, ParseResult parse, string command, CompositionOptions options, string dir, IEnumerable<KeyValuePair<string, string>> extraSettings)
    {
        bool quiet = parse.GetValue(Quiet);
        IProgress<GenerationStatistics>? progress = quiet || !context.ErrorIsTerminal ? null : new ProgressLine(context.Error, options.Generations);
        using var renderer = CompositionOutputs.StartRenderer(context, render: !parse.GetValue(NoRender));
        var result = ChoraleComposer.Compose(options, progress);
        if (progress is not null) context.Error.WriteLine();

        var title = $"EvoComposer {(command == "harmonize" ? "harmonization" : "chorale")} in {options.Plan.Key} (seed {options.Seed.ToString(CultureInfo.InvariantCulture)})";
        var score = result.ToScore(new ScoreMetadata { Title = title, Composer = "EvoComposer" });
        var settings = new List<KeyValuePair<string, string>>(extraSettings)
        {
            new("key", options.Plan.Key.ToString()),
            new("meter", options.Plan.Meter.ToString()),
            new("phrases", options.Plan.Phrases.Length.ToString(CultureInfo.InvariantCulture)),
            new("seed", options.Seed.ToString(CultureInfo.InvariantCulture)),
            new("weights", parse.GetValue(Weights) ?? "default"),
            new("seeding", options.Models is null ? "random=1 (no corpus models)" : string.Create(CultureInfo.InvariantCulture,
                $"recombinant={options.RecombinantSeedShare:0.###},markov={options.MarkovSeedShare:0.###},random={1 - options.RecombinantSeedShare - options.MarkovSeedShare:0.###}")),
            new("models", _modelsUsed),
            new("style", _styleUsed),
            new("population", options.Population.ToString(CultureInfo.InvariantCulture)),
            new("generations", options.Generations.ToString(CultureInfo.InvariantCulture)),
            new("islands", options.Islands.ToString(CultureInfo.InvariantCulture)),
            new("threads", options.Threads.ToString(CultureInfo.InvariantCulture)),
        };
        var request = new CompositionReport.Request(command, settings);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "piece.mid"), MidiScoreWriter.Write(score));
        File.WriteAllText(Path.Combine(dir, "report.json"), CompositionReport.ToJson(result, request));
        string? picture = CompositionOutputs.Write(context, score, dir, renderer);
        File.WriteAllText(Path.Combine(dir, "report.md"), CompositionOutputs.WithPicture(CompositionReport.ToMarkdown(result, request), dir, picture));
        File.WriteAllText(Path.Combine(dir, "fitness.svg"), CompositionReport.ToSvg(result.Evolution.Generations));
        int errors = result.Findings.Count(f => f.Severity == FindingSeverity.Error);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.Combine(dir, "piece.mid")}: {options.Plan}; fitness {result.Fitness:0.###}; {result.Findings.Count} remaining faults ({errors} errors); {result.Evolution.LastGeneration} generations in {result.Evolution.Elapsed.TotalSeconds:0.00} s"));
        return CliApp.Success;
    }

    /// <summary>A one-line progress display on stderr, rewritten in place (synchronous, so it never races the run).</summary>
    private sealed class ProgressLine(TextWriter error, int generations) : IProgress<GenerationStatistics>
    {
        private int _last = -1;

        public void Report(GenerationStatistics value)
        {
            int percent = generations == 0 ? 100 : value.Generation * 100 / generations;
            if (percent == _last) return;
            _last = percent;
            int filled = percent / 5;
            error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', 20 - filled)}] generation {value.Generation}/{generations}  best {value.Best:0.00}  mean {value.Mean:0.00}  diversity {value.Diversity:0.00}"));
        }
    }
}
