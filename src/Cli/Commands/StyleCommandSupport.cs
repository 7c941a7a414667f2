using System.CommandLine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style;
using EvoComposer.Learning.Style.Classifiers;

namespace EvoComposer.Cli.Commands;

/// <summary>What <c>train</c>, <c>classify</c> and <c>evaluate style</c> share: options, task names, model paths.</summary>
internal static class StyleCommandSupport
{
    public const string StyleTask = "style";
    public const string RealVersusGeneratedTask = "real-vs-generated";
    public static readonly string[] Tasks = [StyleTask, RealVersusGeneratedTask];

    public static Option<string?> CorporaOption() => new("--corpora") { Description = "The corpus root (default: $EVOCOMPOSER_CORPORA, then ../shared/corpora)." };
    public static Option<string?> ModelKindOption() => new("--model-kind") { Description = "gam (generalised additive model: a shape per feature over quantile bins; the default for real-vs-generated), logistic (L2 logistic regression, the default for style), logistic-tuned (L2 chosen by grouped cross-validation inside the training data; --l2 ignored) or naive-bayes (Gaussian)." };
    public static Option<int?> MeasuresOption() => new("--measures") { Description = "Measures per excerpt (default 8 for style, 16 for real-vs-generated: the length of a GA candidate, and longer excerpts show the long-range cues of generated music better)." };
    public static Option<bool> MelodicOption() => new("--melodic") { Description = "Describe every excerpt by its top voice with melodic features only." };
    public static Option<int> SeedOption() => new("--seed") { Description = "Seed of the piece sample and the fold assignment (default 1).", DefaultValueFactory = _ => 1 };
    public static Option<int> MaxPiecesOption() => new("--max-pieces") { Description = "Most pieces per class (default 400).", DefaultValueFactory = _ => 400 };
    public static Option<string?> GeneratedOption() => new("--generated") { Description = "Folder of generated samples (any score format) for real-vs-generated (default: made in process from the mined chorale models)." };
    public static Option<string> MethodsOption() => new("--methods") { Description = "Generators for real-vs-generated samples: markov, recombinant, or markov,recombinant (default).", DefaultValueFactory = _ => "markov,recombinant" };
    public static Option<int> SamplesOption() => new("--samples") { Description = "Generated pieces made for real-vs-generated when no --generated folder is given, half Markov, half recombinant (default 370).", DefaultValueFactory = _ => 370 };

    /// <summary>The model file a task's classifier is written to by default: CACHE/models/TASK-KEY.json, keyed by the feature schema (<see cref="StyleModelCache.PathFor"/>).</summary>
    public static string DefaultModelPath(string task) => StyleModelCache.PathFor(task);

    public static string CheckTask(string task) =>
        Tasks.Contains(task) ? task : throw new CliUsageException($"unknown task '{task}' (tasks: {string.Join(", ", Tasks)})");

    public static Option<double> L2Option() => new("--l2") { Description = "L2 penalty of the logistic regression on standardised weights (default 0.01).", DefaultValueFactory = _ => 0.01 };

    /// <summary>The trainer of a model kind; with none given, the task's default (gam for real-vs-generated, logistic for style).</summary>
    public static IClassifierTrainer Trainer(string? kind, string task, double l2 = 0.01, int seed = 1) => (kind ?? (task == RealVersusGeneratedTask ? "gam" : "logistic")) switch
    {
        "gam" or GeneralizedAdditiveModel.KindName => StyleModelCache.DefaultTrainer,
        "logistic-tuned" => new TunedLogisticRegressionTrainer(seed: seed),
        _ when !(l2 >= 0) || double.IsInfinity(l2) => throw new CliUsageException($"--l2 must be a non-negative number, not {l2}"),
        "logistic" or LogisticRegressionModel.KindName => new LogisticRegressionTrainer(new LogisticRegressionOptions { L2 = l2 }),
        "naive-bayes" or NaiveBayesModel.KindName => new NaiveBayesTrainer(),
        _ => throw new CliUsageException($"unknown model kind '{kind}' (gam, logistic, logistic-tuned, naive-bayes)"),
    };

    /// <summary>Excerpt options; real-vs-generated merges repeated notes (see <see cref="StyleTaskOptions.MergeRepeats"/>) unless told not to.</summary>
    public static StyleTaskOptions Options(string task, int? measuresGiven, bool melodic, int seed, int maxPieces, bool keepRepeats = false)
    {
        var defaults = task == RealVersusGeneratedTask ? StyleTaskOptions.RealVersusGeneratedDefaults : new StyleTaskOptions();
        int measures = measuresGiven ?? defaults.Measures;
        if (measures < 1 || measures > 64) throw new CliUsageException($"--measures must be 1-64, not {measures}");
        if (maxPieces < 2) throw new CliUsageException($"--max-pieces must be at least 2, not {maxPieces}");
        return defaults with
        {
            Measures = measures, Hop = Math.Max(1, measures / 2), Melodic = melodic, Seed = seed, MaxPiecesPerClass = maxPieces,
            MergeRepeats = defaults.MergeRepeats && !keepRepeats,
        };
    }

    public static Option<bool> KeepRepeatsOption() => new("--keep-repeats") { Description = "real-vs-generated: do not merge repeated notes before extracting features (they are merged by default, in both classes)." };

    public static StyleTaskData Load(string task, StyleTaskOptions options, string? corpora, string? generated, int samples, string methods, CliContext context)
    {
        if (corpora is not null && !Directory.Exists(corpora)) throw new CliUsageException($"corpus folder '{corpora}' does not exist");
        var logSync = new SyncProgress(context.Error);
        StyleTaskData data;
        try
        {
            data = task == StyleTask
                ? StyleTasks.StyleIdentification(options, corpora, logSync)
                : StyleTasks.RealVersusGenerated(options, Generated(options, corpora, generated, samples, methods, context), corpora, logSync);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CliUsageException(e.Message);
        }
        var counts = data.Data.ClassCounts();
        var empty = data.Data.Classes.Where((c, i) => counts[i] == 0).ToList();
        if (empty.Count == 0) return data;
        if (empty.Count > data.Data.Classes.Length - 2)
            throw new CliUsageException($"no excerpts for {string.Join(", ", empty)}: fewer than two classes left (is a reader for that format missing?)");
        context.Error.WriteLine($"warning: no excerpts for {string.Join(", ", empty)} (is a reader for that format missing?); left out");
        return data with { Data = data.Data.WithoutEmptyClasses() };
    }

    private static IReadOnlyList<LabeledScore> Generated(StyleTaskOptions options, string? corpora, string? folder, int samples, string methods, CliContext context)
    {
        if (folder is not null)
        {
            var problems = new List<string>();
            var read = StyleTasks.ReadGenerated(folder, problems);
            context.Error.WriteLine($"generated: {read.Count} samples read from {folder}, {problems.Count} skipped");
            return read;
        }
        if (samples < 2 || samples > 100_000) throw new CliUsageException($"--samples must be 2-100000, not {samples}");
        var models = ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, corpora, null, context.Error);
        var keys = models.Pieces.Select(p => p.Key).ToList();
        var methodList = methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (methodList.Length == 0 || methodList.Any(m => m is not ("markov" or "recombinant")))
            throw new CliUsageException($"--methods must list markov and/or recombinant, not '{methods}'");
        var made = StyleTasks.Generate(models, keys, samples, options.Seed, methodList);
        context.Error.WriteLine($"generated: {made.Count} samples made from the mined chorale models ({made.Count(m => m.Group.StartsWith("markov", StringComparison.Ordinal))} Markov, " +
                                $"{made.Count(m => m.Group.StartsWith("recombinant", StringComparison.Ordinal))} recombinant), seed {options.Seed}");
        return made;
    }

    public static IReadOnlyDictionary<string, string> Properties(string task, StyleTaskOptions options, StyleTaskData data) =>
        StyleModelCache.Properties(task, task == RealVersusGeneratedTask ? StyleTasks.RealClass : data.Data.Classes[0], options, data);

    /// <summary>Writes progress lines at once, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
