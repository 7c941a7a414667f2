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
    public static ImmutableArray<FeatureImportance> Compute(ClassifierModel model, LabeledDataset data, int repeats, int seed) =>
        HeldOut([(model, data)], repeats, seed);

    /// <summary>
    /// Permutation importance on held-out data: for each (model, held-out rows) pair, typically the folds of a
    /// cross-validation (see <see cref="CrossValidation.Grouped"/>'s <c>onFold</c>), each feature's column is shuffled
    /// within the held-out rows and scored by that fold's model; a repeat's drop is pooled over all held-out rows
    /// (folds weighted by their size), and the mean ± sd is taken over the <paramref name="repeats"/> repeats. No row
    /// is scored by a model trained on it, so the figures say what the classifier relies on for pieces it has not
    /// seen. Most important (largest log-loss increase) first; deterministic for a seed.
    /// </summary>
    /// <exception cref="ArgumentException">No folds, a dataset's schema differs from its model's or between folds, or all are empty.</exception>
    public static ImmutableArray<FeatureImportance> HeldOut(IReadOnlyList<(ClassifierModel Model, LabeledDataset Data)> folds, int repeats, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (folds.Count == 0) throw new ArgumentException("at least one fold is needed.", nameof(folds));
        var schema = folds[0].Model.Schema;
        foreach (var (model, data) in folds)
            if (!data.Schema.Equals(model.Schema) || !model.Schema.Equals(schema)) throw new ArgumentException("the datasets' features differ from the models'.", nameof(folds));
        int total = folds.Sum(f => f.Data.Count), d = schema.Count;
        if (total == 0) throw new ArgumentException("the dataset is empty.", nameof(folds));
        var baseline = folds.Select(f => f.Data.Count == 0 ? (0.0, 0.0) : Score(f.Model, f.Data, -1, null)).ToArray();
        var results = new List<FeatureImportance>(d);
        var accuracyDrops = new double[repeats];
        var lossRises = new double[repeats];
        for (int j = 0; j < d; j++)
        {
            Array.Clear(accuracyDrops);
            Array.Clear(lossRises);
            for (int f = 0; f < folds.Count; f++)
            {
                var (model, data) = folds[f];
                int n = data.Count;
                if (n == 0) continue;
                var permutation = new int[n];
                double share = n / (double)total;
                for (int r = 0; r < repeats; r++)
                {
                    for (int i = 0; i < n; i++) permutation[i] = i;
                    // The stream depends on the fold only when there are several, so a single fold reproduces Compute.
                    Seeds.Shuffle(permutation, new Random(folds.Count == 1 ? Seeds.Derive(seed, j, r) : Seeds.Derive(Seeds.Derive(seed, j, r), f)));
                    var (accuracy, loss) = Score(model, data, j, permutation);
                    accuracyDrops[r] += share * (baseline[f].Item1 - accuracy);
                    lossRises[r] += share * (loss - baseline[f].Item2);
                }
            }
            results.Add(new FeatureImportance(schema.Features[j].Name, accuracyDrops.Average(), Sd(accuracyDrops), lossRises.Average(), Sd(lossRises)));
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
