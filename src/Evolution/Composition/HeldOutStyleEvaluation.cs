using System.Globalization;
using System.Text.RegularExpressions;
using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>The P(real) of one group of pieces: how many, and the mean and median over pieces.</summary>
/// <param name="Count">Pieces scored.</param>
/// <param name="MeanPReal">Mean over pieces of a piece's P(real).</param>
/// <param name="MedianPReal">Median over pieces of a piece's P(real).</param>
public sealed record PRealSummary(int Count, double MeanPReal, double MedianPReal);

/// <summary>The outcome of <see cref="HeldOutStyleEvaluation.Run"/>; <see cref="ComposedWithStyle"/> is null when not asked for.</summary>
/// <param name="HeldOut">The held-out chorales.</param>
/// <param name="Composed">Chorales composed with the style term off.</param>
/// <param name="ComposedWithStyle">Chorales composed with the style term on (the held-out-trained model).</param>
/// <param name="Markov">Markov samples.</param>
/// <param name="Recombinant">Recombinant samples.</param>
public sealed record HeldOutStyleResult(PRealSummary HeldOut, PRealSummary Composed, PRealSummary? ComposedWithStyle, PRealSummary Markov, PRealSummary Recombinant);

/// <summary>Options of <see cref="HeldOutStyleEvaluation.Run"/>.</summary>
public sealed record HeldOutStyleOptions
{
    /// <summary>Chorales composed per variant, seeds 1…N, keys alternating C major / A minor; default 10.</summary>
    public int Seeds { get; init; } = 10;
    /// <summary>Markov samples and recombinant samples scored (each); default 10.</summary>
    public int Samples { get; init; } = 10;
    /// <summary>Generated pieces the model is trained on; default that of the cached model (<see cref="StyleModelCacheOptions.Samples"/>).</summary>
    public int TrainingSamples { get; init; } = new StyleModelCacheOptions().Samples;
    /// <summary>GA population per island, or null for the <see cref="CompositionOptions"/> default.</summary>
    public int? Population { get; init; }
    /// <summary>GA generations, or null for the <see cref="CompositionOptions"/> default.</summary>
    public int? Generations { get; init; }
    /// <summary>Threads evaluating fitness; default 1 (the result does not depend on it).</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Also compose with the style term on; default true.</summary>
    public bool WithStyle { get; init; } = true;
    /// <summary>Explicit corpus root, or null for the default resolution.</summary>
    public string? CorpusRoot { get; init; }
}

/// <summary>
/// Style probability of generated pieces beside that of held-out real chorales (issue 6). Every 10th kern chorale
/// (<c>chor010</c>, <c>chor020</c>, …, <c>chor370</c>: 36 pieces, since the set's numbers run from chor001 to chor371
/// without chor150) is held out; the real-versus-generated model is
/// trained with <see cref="StyleTaskOptions.RealVersusGeneratedDefaults"/> on the other 334 against generated
/// samples, as the cached model is (<see cref="StyleModelCache.Train"/>). A piece's P(real) is the mean of
/// exp(<see cref="StyleScorer.LogProbability(Learning.Style.Features.CompactExcerpt)"/>) over its excerpts as the task cuts them
/// (<see cref="StyleTasks.Excerpts"/>: 16 measures, hop 8, at most 6; a piece of 8–15 measures, such as a default
/// four-phrase composition, is one excerpt).
/// </summary>
public static class HeldOutStyleEvaluation
{
    private static readonly Regex ChoraleNumber = new(@"^chor(\d+)\.krn$", RegexOptions.CultureInvariant);

    /// <summary>Whether a kern chorale file (e.g. <c>chor010.krn</c>) is held out: its number is a multiple of 10.</summary>
    public static bool IsHeldOut(string source)
    {
        var match = ChoraleNumber.Match(Path.GetFileName(source));
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) % 10 == 0;
    }

    /// <summary>Trains the held-out model and scores the four (or five) groups.</summary>
    /// <exception cref="DirectoryNotFoundException">The corpus is missing.</exception>
    public static HeldOutStyleResult Run(ChoraleModels models, HeldOutStyleOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Seeds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Samples, 1);
        var task = StyleTaskOptions.RealVersusGeneratedDefaults;
        var scorer = StyleModelCache.Train(new StyleModelCacheOptions
        {
            CorpusRoot = options.CorpusRoot, Models = models, Samples = options.TrainingSamples, Task = task, ExcludeReal = IsHeldOut,
        }, log);
        double PReal(Score score)
        {
            var excerpts = StyleTasks.Excerpts(score, task);
            return excerpts.Count == 0 ? Math.Exp(scorer.LogProbability(score)) : excerpts.Average(e => Math.Exp(scorer.LogProbability(e)));
        }
        var set = CorpusManifest.Load().Get("bach-chorales");
        var heldOut = CorpusLoader.Load(set, options.CorpusRoot).Pieces.Where(p => IsHeldOut(p.Source)).Select(p => PReal(p.Score)).ToList();
        Key[] keys = [new(Step.C, 0, Mode.Major), new(Step.A, 0, Mode.Minor)];
        List<double> Compose(StyleScorer? style) => Enumerable.Range(1, options.Seeds).Select(seed =>
        {
            var defaults = new CompositionOptions { Plan = PhrasePlan.Default(keys[(seed - 1) % 2], Meter.CommonTime), Seed = (ulong)seed };
            var result = ChoraleComposer.Compose(defaults with
            {
                Models = models, Style = style, Threads = options.Threads,
                Population = options.Population ?? defaults.Population, Generations = options.Generations ?? defaults.Generations,
            });
            return PReal(result.ToScore());
        }).ToList();
        // Samples from a seed other than the training samples' (StyleTaskOptions.Seed), so none was seen in training.
        List<double> Sample(string method) => StyleTasks.Generate(models, keys, options.Samples, task.Seed + 1, [method]).Select(p => PReal(p.Score)).ToList();
        return new HeldOutStyleResult(Summarize(heldOut), Summarize(Compose(null)), options.WithStyle ? Summarize(Compose(scorer)) : null,
            Summarize(Sample("markov")), Summarize(Sample("recombinant")));
    }

    /// <summary>Count, mean and median of per-piece probabilities (NaN for none).</summary>
    public static PRealSummary Summarize(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new PRealSummary(0, double.NaN, double.NaN);
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new PRealSummary(n, values.Average(), median);
    }
}
