namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>Options for <see cref="LogisticRegressionTrainer"/>, validated when the trainer is made.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>L2 penalty on the (standardised) weights, not on the biases; default 0.01.</summary>
    public double L2 { get; init; } = 0.01;
    /// <summary>Most L-BFGS iterations; default 500.</summary>
    public int MaxIterations { get; init; } = 500;
    /// <summary>Stop when the gradient's norm falls below this; default 1e-6.</summary>
    public double GradientTolerance { get; init; } = 1e-6;
    /// <summary>Weight each class inversely to its size so that every class counts equally; default true.</summary>
    public bool BalanceClasses { get; init; } = true;
}

/// <summary>
/// Multinomial logistic regression with an L2 penalty on standardised features, fitted by L-BFGS
/// (MathNet.Numerics). Deterministic: it starts from zero weights and uses no randomness.
/// </summary>
public sealed class LogisticRegressionTrainer : IClassifierTrainer
{
    /// <summary>Creates a trainer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LogisticRegressionTrainer(LogisticRegressionOptions? options = null)
    {
        Options = options ?? new LogisticRegressionOptions();
        if (!(Options.L2 >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "L2 must be non-negative.");
        if (Options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxIterations must be positive.");
        if (!(Options.GradientTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), "GradientTolerance must be positive.");
    }

    /// <summary>The options.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <inheritdoc/>
    public string Kind => LogisticRegressionModel.KindName;

    /// <inheritdoc/>
    public ClassifierModel Fit(LabeledDataset data)
    {
        if (data.Count == 0) throw new ArgumentException("cannot fit an empty dataset.", nameof(data));
        int n = data.Count, d = data.Schema.Count, classes = data.Classes.Length, width = d + 1;
        var mean = new double[d];
        var scale = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = data.Row(i);
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++)
        {
            var row = data.Row(i);
            for (int j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
        for (int j = 0; j < d; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / n);
            if (scale[j] < 1e-12) scale[j] = 1;
        }
        var z = new double[n * d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            var row = data.Row(i);
            for (int j = 0; j < d; j++) z[i * d + j] = (row[j] - mean[j]) / scale[j];
            labels[i] = data.Label(i);
        }
        var rowWeight = data.RowWeights(Options.BalanceClasses);
        double l2 = Options.L2;

        var scores = new double[classes];
        double Evaluate(double[] t, double[] gradient)
        {
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                int offset = i * d;
                for (int k = 0; k < classes; k++)
                {
                    int w = k * width;
                    double s = t[w + d];
                    for (int j = 0; j < d; j++) s += t[w + j] * z[offset + j];
                    scores[k] = s;
                }
                ClassifierModel.LogSoftmax(scores);
                double weight = rowWeight[i];
                loss -= weight * scores[labels[i]];
                for (int k = 0; k < classes; k++)
                {
                    double g = weight * (Math.Exp(scores[k]) - (k == labels[i] ? 1 : 0));
                    if (g == 0) continue;
                    int w = k * width;
                    for (int j = 0; j < d; j++) gradient[w + j] += g * z[offset + j];
                    gradient[w + d] += g;
                }
            }
            for (int k = 0; k < classes; k++)
                for (int j = 0; j < d; j++)
                {
                    double wkj = t[k * width + j];
                    loss += 0.5 * l2 * wkj * wkj;
                    gradient[k * width + j] += l2 * wkj;
                }
            return loss;
        }
        var best = Lbfgs.Minimize(classes * width, Evaluate, Options.GradientTolerance, Options.MaxIterations);

        var weights = new double[classes][];
        var bias = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            weights[k] = best.AsSpan(k * width, d).ToArray();
            bias[k] = best[k * width + d];
        }
        return new LogisticRegressionModel(data.Schema, data.Classes, mean, scale, weights, bias, l2);
    }
}
