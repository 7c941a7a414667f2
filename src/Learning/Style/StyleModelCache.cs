using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style;

/// <summary>
/// How <see cref="StyleModelCache.LoadOrTrain"/> trains the real-versus-generated model when the cache has no
/// usable one. The defaults are those of <c>evocomposer train real-vs-generated</c>. Immutable.
/// </summary>
public sealed record StyleModelCacheOptions
{
    /// <summary>The cache folder; default <see cref="ChoraleModels.DefaultCacheFolder"/> (the model goes into its <c>models</c> folder).</summary>
    public string? CacheFolder { get; init; }
    /// <summary>An explicit corpus root; default: found as usual (<c>$EVOCOMPOSER_CORPORA</c>, then <c>../shared/corpora</c>).</summary>
    public string? CorpusRoot { get; init; }
    /// <summary>The mined chorale models that make the generated samples; default <see cref="ChoraleModels.LoadOrBuild"/>.</summary>
    public ChoraleModels? Models { get; init; }
    /// <summary>Generated pieces made for training (half Markov, half recombinant); default 370.</summary>
    public int Samples { get; init; } = 370;
    /// <summary>How excerpts are cut and sampled; default <see cref="StyleTaskOptions.RealVersusGeneratedDefaults"/>.</summary>
    public StyleTaskOptions Task { get; init; } = StyleTaskOptions.RealVersusGeneratedDefaults;
    /// <summary>
    /// The trainer; default <see cref="StyleModelCache.DefaultTrainer"/> (the generalised additive model, which reaches
    /// grouped 5-fold accuracy 0.95 on this task where logistic regression reaches 0.92).
    /// </summary>
    public IClassifierTrainer Trainer { get; init; } = StyleModelCache.DefaultTrainer;
    /// <summary>
    /// Chorales left out of the real class (held out for testing), by file name relative to the set's folder; default
    /// none. Only for <see cref="StyleModelCache.Train"/>: <see cref="StyleModelCache.LoadOrTrain"/> rejects it, since
    /// the cache holds the model trained on every chorale.
    /// </summary>
    public Func<string, bool>? ExcludeReal { get; init; }
}

/// <summary>
/// The one place the real-versus-generated style model is found for the genetic algorithm: loaded from the cache
/// when a usable file is there, else trained once, cached and returned. The file name carries
/// <see cref="SchemaKey"/>, a short hash of this program's feature names and the model file version, so a model
/// trained by a build with other features is never picked up; a file that still cannot be used (damaged, or naming
/// a feature this program lacks) is trained again and replaced. Thread-safe: one process trains at most once per
/// file at a time, and files are written atomically.
/// </summary>
public static class StyleModelCache
{
    /// <summary>The task the cached model is trained for.</summary>
    public const string RealVersusGeneratedTask = "real-vs-generated";

    private static readonly Lock Gate = new();

    /// <summary>
    /// The trainer of the real-versus-generated model (<c>train real-vs-generated</c>, the GA's cached model): a
    /// generalised additive model with its default options.
    /// </summary>
    public static IClassifierTrainer DefaultTrainer { get; } = new GeneralizedAdditiveTrainer();

    /// <summary>
    /// A 12-hex-digit hash of the names and explanation phrases of <see cref="StyleFeatures.Schema"/> (in order; a model
    /// file keeps the phrases it explains with), the features the default task
    /// options use (<see cref="StyleTaskOptions.RealVersusGeneratedDefaults"/>), the default trainer's kind and
    /// <see cref="ClassifierFile.Version"/>: it changes whenever a model file of an older build should not be used.
    /// </summary>
    public static string SchemaKey { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{ClassifierFile.Format} v{ClassifierFile.Version.ToString(CultureInfo.InvariantCulture)} {DefaultTrainer.Kind}\n{string.Join("\n", StyleFeatures.Schema.Features.Select(f => f.Name + " = " + f.Phrase))}\n" +
        $"task features:\n{string.Join("\n", StyleTaskOptions.RealVersusGeneratedDefaults.Schema.Names)}")))[..12];

    /// <summary>The cached model file of a task: <c>CACHE/models/TASK-KEY.json</c> with <see cref="SchemaKey"/>.</summary>
    /// <param name="task">The task name, e.g. <see cref="RealVersusGeneratedTask"/> or "style".</param>
    /// <param name="cacheFolder">The cache folder; default <see cref="ChoraleModels.DefaultCacheFolder"/>.</param>
    public static string PathFor(string task, string? cacheFolder = null) =>
        Path.Combine(cacheFolder ?? ChoraleModels.DefaultCacheFolder(), "models", $"{task}-{SchemaKey}.json");

    /// <summary>
    /// The real-versus-generated scorer (target class "real") from the cache, trained and cached first when the file
    /// is missing or unusable. Says one line on <paramref name="log"/> when it trains.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The model must be trained and the corpus is missing.</exception>
    public static StyleScorer LoadOrTrain(StyleModelCacheOptions? options = null, TextWriter? log = null)
    {
        options ??= new StyleModelCacheOptions();
        if (options.ExcludeReal is not null) throw new ArgumentException("the cached model is trained on every chorale: use Train for a model with chorales held out.", nameof(options));
        string path = PathFor(RealVersusGeneratedTask, options.CacheFolder);
        lock (Gate)
        {
            if (File.Exists(path))
            {
                try { return StyleScorer.Load(path); }
                catch (Exception e) when (e is ClassifierFileException or KeyNotFoundException)
                {
                    log?.WriteLine($"evocomposer: the cached style model {path} cannot be used ({(e as ClassifierFileException)?.Reason ?? e.Message}); training it again (about 20 s)…");
                }
            }
            else log?.WriteLine($"evocomposer: training the style model once (about 20 s); it is cached in {path}");
            return TrainAndCache(options, path, log);
        }
    }

    /// <summary>
    /// Trains the real-versus-generated scorer as <see cref="LoadOrTrain"/> would (same samples, task and trainer), but
    /// neither reads nor writes the cache; with <see cref="StyleModelCacheOptions.ExcludeReal"/> the chorales it
    /// names are left out of training.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The corpus is missing.</exception>
    public static StyleScorer Train(StyleModelCacheOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (model, _) = Fit(options, log);
        return new StyleScorer(model, StyleTasks.RealClass, options.Task.Melodic, options.Task.MergeRepeats);
    }

    private static (ClassifierModel Model, StyleTaskData Data) Fit(StyleModelCacheOptions options, TextWriter? log)
    {
        var task = options.Task.Validate();
        var models = options.Models ?? ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, options.CorpusRoot, null, log);
        var generated = StyleTasks.Generate(models, [.. models.Pieces.Select(p => p.Key)], options.Samples, task.Seed);
        var data = StyleTasks.RealVersusGenerated(task, generated, options.CorpusRoot, excludeReal: options.ExcludeReal);
        return (options.Trainer.Fit(data.Data), data);
    }

    private static StyleScorer TrainAndCache(StyleModelCacheOptions options, string path, TextWriter? log)
    {
        var task = options.Task;
        var (model, data) = Fit(options, log);
        string temp = path + ".tmp" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            ClassifierFile.Save(temp, model, Properties(RealVersusGeneratedTask, StyleTasks.RealClass, task, data));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.WriteLine($"evocomposer: could not cache the style model in {path}: {e.Message}");
        }
        return new StyleScorer(model, StyleTasks.RealClass, task.Melodic, task.MergeRepeats);
    }

    /// <summary>
    /// The properties saved with a trained model (task, measures, feature set, target class, excerpts, seed), which
    /// <see cref="StyleScorer.Load"/> reads back.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Properties(string task, string targetClass, StyleTaskOptions options, StyleTaskData data) => new Dictionary<string, string>
    {
        ["task"] = task,
        ["measures"] = options.Measures.ToString(CultureInfo.InvariantCulture),
        ["feature-set"] = options.Melodic ? "melodic" : "all",
        ["target-class"] = targetClass,
        ["excerpts"] = data.Data.Count.ToString(CultureInfo.InvariantCulture),
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        [StyleScorer.MergeRepeatsProperty] = options.MergeRepeats ? "true" : "false",
    };
}
