using BenchmarkDotNet.Attributes;
using EvoComposer.Learning.Style;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Formats;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Style features and classifiers on a 16-bar chorale (the first 16 measures of the first chorale that has 16): building the compact
/// excerpt from a score, extracting the features, predicting with a trained model, and the GA's style term
/// (features + log P(real)). Goal: extraction under 100 µs (10,000 excerpts per second on one core).
/// </summary>
[MemoryDiagnoser]
public class StyleBenchmarks
{
    private Theory.Music.Score _score = null!;
    private CompactExcerpt _excerpt = null!;
    private double[] _features = null!;
    private double[] _probabilities = null!;
    private ClassifierModel _logistic = null!;
    private ClassifierModel _bayes = null!;
    private ClassifierModel _additive = null!;
    private StyleScorer _scorer = null!;
    private StyleScorer _mergingScorer = null!;
    private Theory.Analysis.SliceGrid _grid = null!;

    /// <summary>Reads the chorale and trains small models on excerpts of a few chorales.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(CorpusLocator.Require(), "bach-370-chorales", "kern");
        foreach (string file in Directory.GetFiles(folder, "*.krn").Order(StringComparer.Ordinal))
        {
            _score = ScoreFiles.Read(file);
            if (CompactExcerpt.Windows(_score, 16, 16).FirstOrDefault() is { } window)
            {
                _excerpt = window;
                Console.WriteLine($"// 16-bar excerpt of {Path.GetFileName(file)}: {window.NoteCount} notes in {window.VoiceCount} voices");
                break;
            }
        }
        _features = new double[StyleFeatures.Schema.Count];
        // A toy two-class dataset: real excerpts against the same excerpts reduced to their top voice.
        var scores = Directory.GetFiles(folder, "*.krn").Order(StringComparer.Ordinal).Take(40).Select(ScoreFiles.Read).ToList();
        var pieces = scores.Select((s, i) => new LabeledScore(i % 2 == 0 ? "real" : "generated", $"p{i}", s));
        var data = StyleTasks.Build(["real", "generated"], pieces, new StyleTaskOptions()).Data;
        _logistic = new LogisticRegressionTrainer().Fit(data);
        _bayes = new NaiveBayesTrainer().Fit(data);
        _additive = new GeneralizedAdditiveTrainer().Fit(data);
        _probabilities = new double[2];
        _scorer = new StyleScorer(_logistic, "real");
        _mergingScorer = new StyleScorer(_additive, "real", mergeRepeats: true);
        StyleFeatures.ExtractInto(_excerpt, _features);
        _grid = Theory.Analysis.SliceGrid.FromScore(_score);
    }

    /// <summary>Score → compact excerpt (done once per candidate when the GA starts from a score).</summary>
    [Benchmark]
    public CompactExcerpt BuildExcerpt() => CompactExcerpt.FromScore(_score);

    /// <summary>All features of a 16-bar chorale excerpt.</summary>
    [Benchmark(Baseline = true)]
    public double ExtractFeatures()
    {
        StyleFeatures.ExtractInto(_excerpt, _features);
        return _features[0];
    }

    /// <summary>Logistic regression prediction from a feature row.</summary>
    [Benchmark]
    public double PredictLogistic()
    {
        _logistic.Probabilities(_features, _probabilities);
        return _probabilities[0];
    }

    /// <summary>Generalised additive model prediction from a feature row (the real-versus-generated default).</summary>
    [Benchmark]
    public double PredictAdditive()
    {
        _additive.Probabilities(_features, _probabilities);
        return _probabilities[0];
    }

    /// <summary>Naive Bayes prediction from a feature row.</summary>
    [Benchmark]
    public double PredictNaiveBayes()
    {
        _bayes.Probabilities(_features, _probabilities);
        return _probabilities[0];
    }

    /// <summary>The GA's style term: features plus log P(real).</summary>
    [Benchmark]
    public double StyleTerm() => _scorer.LogProbability(_excerpt);

    /// <summary>The GA's style term as the real-vs-generated model uses it: repeated notes merged first (a copy when there are any), then features and log P(real) from the generalised additive model.</summary>
    [Benchmark]
    public double StyleTermMergedRepeats() => _mergingScorer.LogProbability(_excerpt);

    /// <summary>The GA's style term from a whole chorale's SliceGrid (conversion, features, log P(real)).</summary>
    [Benchmark]
    public double StyleTermFromSliceGrid() => _scorer.LogProbability(_grid, _score.Meter);
}
