using System.Collections.Immutable;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>How much a model relies on a feature: the loss in accuracy (and rise in log-loss) when that feature's column is shuffled.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="AccuracyDrop">Mean drop in accuracy over the repeats.</param>
/// <param name="AccuracyDropSd">Standard deviation of the drop over the repeats.</param>
/// <param name="LogLossIncrease">Mean rise in mean log-loss (nats) over the repeats.</param>
/// <param name="LogLossIncreaseSd">Standard deviation of that rise.</param>
public sealed record FeatureImportance(string Feature, double AccuracyDrop, double AccuracyDropSd, double LogLossIncrease, double LogLossIncreaseSd);

/// <summary>Permutation importance with seeded, repeated shuffles, as ML.NET reports it (mean ± sd), keyed by feature name.</summary>
public static class PermutationImportance
{
    /// <summary>
    /// Shuffles each feature's column <paramref name="repeats"/> times (streams derived from
    /// <paramref name="seed"/>, the feature and the repeat) and reports the mean ± sd change in accuracy and
    /// log-loss, most important (largest log-loss increase) first. Deterministic for a seed.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset's schema differs from the model's, or it is empty.</exception>
    public static ImmutableArray<FeatureImportance> Compute(ClassifierModel model, LabeledDataset data, int repeats, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (!data.Schema.Equals(model.Schema)) throw new ArgumentException("the dataset's features differ from the model's.", nameof(data));
        if (data.Count == 0) throw new ArgumentException("the dataset is empty.", nameof(data));
        int n = data.Count, d = model.Schema.Count;
        var (baseAccuracy, baseLoss) = Score(model, data, -1, null);
        var results = new List<FeatureImportance>(d);
        var permutation = new int[n];
        var accuracyDrops = new double[repeats];
        var lossRises = new double[repeats];
        for (int j = 0; j < d; j++)
        {
            for (int r = 0; r < repeats; r++)
            {
                for (int i = 0; i < n; i++) permutation[i] = i;
                Seeds.Shuffle(permutation, new Random(Seeds.Derive(seed, j, r)));
                var (accuracy, loss) = Score(model, data, j, permutation);
                accuracyDrops[r] = baseAccuracy - accuracy;
                lossRises[r] = loss - baseLoss;
            }
            results.Add(new FeatureImportance(model.Schema.Features[j].Name,
                accuracyDrops.Average(), Sd(accuracyDrops), lossRises.Average(), Sd(lossRises)));
        }
        return results.OrderByDescending(x => x.LogLossIncrease).ThenBy(x => x.Feature, StringComparer.Ordinal).ToImmutableArray();
    }

    private static (double Accuracy, double LogLoss) Score(ClassifierModel model, LabeledDataset data, int column, int[]? permutation)
    {
        int n = data.Count, d = model.Schema.Count;
        var row = new double[d];
        Span<double> p = stackalloc double[model.Classes.Length];
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            data.Row(i).CopyTo(row);
            if (column >= 0) row[column] = data.Row(permutation![i])[column];
            model.LogProbabilities(row, p);
            if (ClassifierModel.ArgMax(p) == data.Label(i)) correct++;
            loss -= Math.Max(p[data.Label(i)], -50);
        }
        return (correct / (double)n, loss / n);
    }

    private static double Sd(double[] values)
    {
        if (values.Length < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
