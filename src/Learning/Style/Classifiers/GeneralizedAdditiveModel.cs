using System.Collections.Immutable;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>
/// A trained generalised additive model: per class a bias and, per feature, a shape function that is constant on
/// each bin between the feature's cut points (bin b holds the values at or above cut b−1 and below cut b). A class's
/// score is the bias plus the shape values of the excerpt's bins; each shape is centred on the training rows, so a
/// feature's contribution to a prediction is its shape value: how far it moves the excerpt's log-odds from those of
/// an average one. Immutable and thread-safe.
/// </summary>
public sealed class GeneralizedAdditiveModel : ClassifierModel
{
    /// <summary>The kind written in model files.</summary>
    public const string KindName = "generalized-additive";

    private readonly double[][] _edges;
    private readonly double[][][] _shapes;
    private readonly double[] _bias, _mean;
    private readonly double[][] _shares;

    internal GeneralizedAdditiveModel(FeatureSchema schema, ImmutableArray<string> classes, double[][] edges, double[][][] shapes, double[] bias,
        double[] mean, double[][] shares)
        : base(schema, classes)
    {
        int d = schema.Count;
        if (edges.Length != d || mean.Length != d || shares.Length != d || bias.Length != classes.Length || shapes.Length != classes.Length)
            throw new ArgumentException("additive model parameters do not match the schema and classes.");
        for (int j = 0; j < d; j++)
        {
            for (int b = 1; b < edges[j].Length; b++)
                if (!(edges[j][b] > edges[j][b - 1])) throw new ArgumentException($"the cut points of feature '{schema.Features[j].Name}' are not increasing.");
            if (shares[j].Length != edges[j].Length + 1) throw new ArgumentException($"feature '{schema.Features[j].Name}' has {shares[j].Length} bin shares for {edges[j].Length + 1} bins.");
            foreach (var shape in shapes)
                if (shape.Length != d || shape[j].Length != edges[j].Length + 1)
                    throw new ArgumentException($"a shape of feature '{schema.Features[j].Name}' does not have one value per bin.");
        }
        _edges = edges;
        _shapes = shapes;
        _bias = bias;
        _mean = mean;
        _shares = shares;
    }

    /// <inheritdoc/>
    public override string Kind => KindName;

    /// <summary>The cut points of a feature's bins, ascending.</summary>
    public ImmutableArray<double> CutPoints(string feature) => [.. _edges[Schema.IndexOf(feature)]];
    /// <summary>The shape values of a feature for a class, one per bin (centred on the training rows).</summary>
    public ImmutableArray<double> Shape(string className, string feature) => [.. _shapes[ClassIndex(className)][Schema.IndexOf(feature)]];
    /// <summary>The shape value a feature value gets for a class: its contribution to the class's log-odds score.</summary>
    public double ShapeValue(string className, string feature, double value)
    {
        int j = Schema.IndexOf(feature);
        return _shapes[ClassIndex(className)][j][BinOf(_edges[j], value)];
    }
    /// <summary>The bias of a class.</summary>
    public double Bias(string className) => _bias[ClassIndex(className)];

    internal ReadOnlySpan<double> BiasValues => _bias;
    internal ReadOnlySpan<double> MeanValues => _mean;
    internal double[][] EdgeValues => _edges;
    internal double[][] ShareValues => _shares;
    internal double[][] ShapeValues(int k) => _shapes[k];

    /// <summary>The bin of a value: the number of cut points at or below it.</summary>
    internal static int BinOf(double[] edges, double value)
    {
        int b = 0;
        while (b < edges.Length && value >= edges[b]) b++;
        return b;
    }

    /// <inheritdoc/>
    public override void LogProbabilities(ReadOnlySpan<double> features, Span<double> logProbabilities)
    {
        int d = _edges.Length, classes = _bias.Length;
        for (int k = 0; k < classes; k++) logProbabilities[k] = _bias[k];
        for (int j = 0; j < d; j++)
        {
            int b = BinOf(_edges[j], features[j]);
            for (int k = 0; k < classes; k++) logProbabilities[k] += _shapes[k][j][b];
        }
        LogSoftmax(logProbabilities[..classes]);
    }

    private protected override void Contributions(ReadOnlySpan<double> features, int classIndex, Span<double> contributions, Span<double> references)
    {
        for (int j = 0; j < _edges.Length; j++)
        {
            contributions[j] = _shapes[classIndex][j][BinOf(_edges[j], features[j])];
            references[j] = _mean[j];
        }
    }

    // The spread of the shape over the training rows (its standard deviation), signed by whether it rises or falls
    // with the feature overall (its covariance with the bin order).
    private protected override double Strength(int classIndex, int feature)
    {
        var shape = _shapes[classIndex][feature];
        var share = _shares[feature];
        double meanBin = 0, variance = 0, covariance = 0;
        for (int b = 0; b < shape.Length; b++) meanBin += share[b] * b;
        for (int b = 0; b < shape.Length; b++)
        {
            variance += share[b] * shape[b] * shape[b];
            covariance += share[b] * (b - meanBin) * shape[b];
        }
        double spread = Math.Sqrt(variance);
        return covariance < 0 ? -spread : spread;
    }
}
