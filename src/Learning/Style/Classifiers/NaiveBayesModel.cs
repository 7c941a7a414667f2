using System.Collections.Immutable;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>
/// A trained Gaussian naive Bayes model. A feature's contribution to a class is its log-odds: the log-density
/// of its value under the class minus the log of its prior-weighted mean density under the other classes.
/// Immutable and thread-safe.
/// </summary>
public sealed class NaiveBayesModel : ClassifierModel
{
    /// <summary>The kind written in model files.</summary>
    public const string KindName = "gaussian-naive-bayes";

    private readonly double[] _logPriors;
    private readonly double[][] _means, _variances, _logNorm;

    internal NaiveBayesModel(FeatureSchema schema, ImmutableArray<string> classes, double[] priors, double[][] means, double[][] variances)
        : base(schema, classes)
    {
        if (priors.Length != classes.Length || means.Length != classes.Length || variances.Length != classes.Length
            || means.Any(m => m.Length != schema.Count) || variances.Any(v => v.Length != schema.Count || v.Any(x => !(x > 0))))
            throw new ArgumentException("naive Bayes parameters do not match the schema and classes, or a variance is not positive.");
        _logPriors = priors.Select(p => Math.Log(p)).ToArray();
        _means = means;
        _variances = variances;
        _logNorm = variances.Select(v => v.Select(x => -0.5 * Math.Log(2 * Math.PI * x)).ToArray()).ToArray();
    }

    /// <inheritdoc/>
    public override string Kind => KindName;
    /// <summary>The mean of a feature within a class.</summary>
    public double ClassMean(string className, string feature) => _means[ClassIndex(className)][Schema.IndexOf(feature)];
    /// <summary>The variance of a feature within a class (smoothed).</summary>
    public double ClassVariance(string className, string feature) => _variances[ClassIndex(className)][Schema.IndexOf(feature)];

    internal double Prior(int k) => Math.Exp(_logPriors[k]);
    internal ReadOnlySpan<double> MeanValues(int k) => _means[k];
    internal ReadOnlySpan<double> VarianceValues(int k) => _variances[k];

    private double LogDensity(int k, int j, double x)
    {
        double a = x - _means[k][j];
        return _logNorm[k][j] - 0.5 * a * a / _variances[k][j];
    }

    /// <inheritdoc/>
    public override void LogProbabilities(ReadOnlySpan<double> features, Span<double> logProbabilities)
    {
        int d = Schema.Count;
        for (int k = 0; k < _logPriors.Length; k++)
        {
            double s = _logPriors[k];
            for (int j = 0; j < d; j++) s += LogDensity(k, j, features[j]);
            logProbabilities[k] = s;
        }
        LogSoftmax(logProbabilities[.._logPriors.Length]);
    }

    private protected override void Contributions(ReadOnlySpan<double> features, int classIndex, Span<double> contributions, Span<double> references)
    {
        int classes = _logPriors.Length;
        Span<double> others = stackalloc double[classes];
        for (int j = 0; j < Schema.Count; j++)
        {
            int m = 0;
            double priorSum = 0;
            for (int k = 0; k < classes; k++)
            {
                if (k == classIndex) continue;
                others[m++] = _logPriors[k] + LogDensity(k, j, features[j]);
                priorSum += Math.Exp(_logPriors[k]);
            }
            double max = double.NegativeInfinity;
            for (int i = 0; i < m; i++) max = Math.Max(max, others[i]);
            double sum = 0;
            for (int i = 0; i < m; i++) sum += Math.Exp(others[i] - max);
            double logOthers = max + Math.Log(sum) - Math.Log(priorSum);
            contributions[j] = LogDensity(classIndex, j, features[j]) - logOthers;
            references[j] = _means[classIndex][j];
        }
    }

    private protected override double Strength(int classIndex, int feature)
    {
        // Standardised difference between the class mean and the mean of the other classes' means.
        double others = 0, pooled = 0;
        int classes = _means.Length;
        for (int k = 0; k < classes; k++)
        {
            pooled += _variances[k][feature];
            if (k != classIndex) others += _means[k][feature];
        }
        others /= classes - 1;
        return (_means[classIndex][feature] - others) / Math.Sqrt(pooled / classes);
    }

    private protected override string Describe(FeatureInfo feature, double value, double reference, double contribution, string className) =>
        $"{feature.Phrase} {Format(value)} ({className} mean {Format(reference)}): {Signed(contribution)} {(contribution >= 0 ? "towards" : "against")} {className}";
}
