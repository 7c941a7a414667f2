namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>Options for <see cref="NaiveBayesTrainer"/>.</summary>
public sealed record NaiveBayesOptions
{
    /// <summary>Added to every class variance, as a share of the feature's overall variance (keeps near-constant features from dominating); default 0.01.</summary>
    public double VarianceSmoothing { get; init; } = 0.01;
    /// <summary>Use equal class priors instead of class frequencies; default true.</summary>
    public bool BalanceClasses { get; init; } = true;
}

/// <summary>Gaussian naive Bayes: per class and feature a mean and a variance. Deterministic.</summary>
public sealed class NaiveBayesTrainer : IClassifierTrainer
{
    /// <summary>Creates a trainer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The smoothing is negative or not finite.</exception>
    public NaiveBayesTrainer(NaiveBayesOptions? options = null)
    {
        Options = options ?? new NaiveBayesOptions();
        if (!(Options.VarianceSmoothing >= 0) || double.IsInfinity(Options.VarianceSmoothing))
            throw new ArgumentOutOfRangeException(nameof(options), "VarianceSmoothing must be a non-negative number.");
    }

    /// <summary>The options.</summary>
    public NaiveBayesOptions Options { get; }

    /// <inheritdoc/>
    public string Kind => NaiveBayesModel.KindName;

    /// <inheritdoc/>
    public ClassifierModel Fit(LabeledDataset data)
    {
        if (data.Count == 0) throw new ArgumentException("cannot fit an empty dataset.", nameof(data));
        int d = data.Schema.Count, classes = data.Classes.Length, n = data.Count;
        var counts = data.ClassCounts();
        var means = new double[classes][];
        var variances = new double[classes][];
        for (int k = 0; k < classes; k++) { means[k] = new double[d]; variances[k] = new double[d]; }
        var overallMean = new double[d];
        var overallVariance = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = data.Row(i);
            var m = means[data.Label(i)];
            for (int j = 0; j < d; j++) { m[j] += row[j]; overallMean[j] += row[j]; }
        }
        for (int j = 0; j < d; j++) overallMean[j] /= n;
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < d; j++) means[k][j] = counts[k] > 0 ? means[k][j] / counts[k] : overallMean[j];
        for (int i = 0; i < n; i++)
        {
            var row = data.Row(i);
            int k = data.Label(i);
            for (int j = 0; j < d; j++)
            {
                double a = row[j] - means[k][j], b = row[j] - overallMean[j];
                variances[k][j] += a * a;
                overallVariance[j] += b * b;
            }
        }
        for (int j = 0; j < d; j++) overallVariance[j] /= n;
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < d; j++)
            {
                double floor = Options.VarianceSmoothing * overallVariance[j] + 1e-9;
                variances[k][j] = (counts[k] > 0 ? variances[k][j] / counts[k] : overallVariance[j]) + floor;
            }
        var priors = new double[classes];
        for (int k = 0; k < classes; k++) priors[k] = Options.BalanceClasses ? 1.0 / classes : counts[k] / (double)n;
        return new NaiveBayesModel(data.Schema, data.Classes, priors, means, variances);
    }
}
