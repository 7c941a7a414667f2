using System.Collections.Immutable;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>
/// A trained multinomial logistic regression: per class a bias and one weight per standardised feature
/// (z = (x − mean) / sd). A feature's contribution to a class is z × weight. Immutable and thread-safe.
/// </summary>
public sealed class LogisticRegressionModel : ClassifierModel
{
    /// <summary>The kind written in model files.</summary>
    public const string KindName = "logistic-regression";

    private readonly double[] _mean, _scale, _bias;
    private readonly double[][] _weights;

    internal LogisticRegressionModel(FeatureSchema schema, ImmutableArray<string> classes, double[] mean, double[] scale, double[][] weights, double[] bias, double l2)
        : base(schema, classes)
    {
        if (mean.Length != schema.Count || scale.Length != schema.Count || weights.Length != classes.Length || bias.Length != classes.Length
            || weights.Any(w => w.Length != schema.Count))
            throw new ArgumentException("logistic regression parameters do not match the schema and classes.");
        _mean = mean;
        _scale = scale;
        _weights = weights;
        _bias = bias;
        L2 = l2;
    }

    /// <inheritdoc/>
    public override string Kind => KindName;
    /// <summary>The L2 penalty it was trained with.</summary>
    public double L2 { get; }
    /// <summary>Training mean of each feature, by name.</summary>
    public double Mean(string feature) => _mean[Schema.IndexOf(feature)];
    /// <summary>Training standard deviation of each feature (1 for a constant feature), by name.</summary>
    public double StandardDeviation(string feature) => _scale[Schema.IndexOf(feature)];
    /// <summary>The weight of a standardised feature for a class.</summary>
    public double Weight(string className, string feature) => _weights[ClassIndex(className)][Schema.IndexOf(feature)];
    /// <summary>The bias of a class.</summary>
    public double Bias(string className) => _bias[ClassIndex(className)];

    internal ReadOnlySpan<double> MeanValues => _mean;
    internal ReadOnlySpan<double> ScaleValues => _scale;
    internal ReadOnlySpan<double> BiasValues => _bias;
    internal ReadOnlySpan<double> WeightValues(int k) => _weights[k];

    /// <inheritdoc/>
    public override void LogProbabilities(ReadOnlySpan<double> features, Span<double> logProbabilities)
    {
        int d = _mean.Length;
        for (int k = 0; k < _bias.Length; k++)
        {
            double s = _bias[k];
            var w = _weights[k];
            for (int j = 0; j < d; j++) s += w[j] * ((features[j] - _mean[j]) / _scale[j]);
            logProbabilities[k] = s;
        }
        LogSoftmax(logProbabilities[.._bias.Length]);
    }

    private protected override void Contributions(ReadOnlySpan<double> features, int classIndex, Span<double> contributions, Span<double> references)
    {
        for (int j = 0; j < _mean.Length; j++)
        {
            contributions[j] = (features[j] - _mean[j]) / _scale[j] * _weights[classIndex][j];
            references[j] = _mean[j];
        }
    }

    private protected override double Strength(int classIndex, int feature) => _weights[classIndex][feature];
}
