using System.Collections.Immutable;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>The outcome of a cross-validation.</summary>
/// <param name="Classes">Class names, in the order of the confusion matrix.</param>
/// <param name="Folds">Number of folds.</param>
/// <param name="Accuracy">Share of all held-out rows predicted correctly.</param>
/// <param name="FoldAccuracies">Accuracy of each fold.</param>
/// <param name="Confusion">Rows: true class; columns: predicted class; counts over all folds.</param>
/// <param name="Rows">Number of rows (excerpts).</param>
/// <param name="Groups">Number of groups (pieces).</param>
/// <param name="Predicted">The held-out prediction (class index) of every row, in dataset order.</param>
/// <param name="GroupAccuracy">
/// Share of groups (pieces) predicted correctly when each group's held-out class log-probabilities are summed over
/// its rows (the way <c>classify</c> judges a whole piece).
/// </param>
public sealed record CrossValidationResult(ImmutableArray<string> Classes, int Folds, double Accuracy, ImmutableArray<double> FoldAccuracies,
    ImmutableArray<ImmutableArray<int>> Confusion, int Rows, int Groups, ImmutableArray<int> Predicted, double GroupAccuracy)
{
    /// <summary>Recall of each class (diagonal over row sums), in class order.</summary>
    public ImmutableArray<double> Recall => Confusion.Select((row, k) => row.Sum() == 0 ? 0 : row[k] / (double)row.Sum()).ToImmutableArray();
}

/// <summary>
/// k-fold cross-validation grouped by piece: all rows of one group are in the same fold, so a piece's
/// excerpts are never both in training and in test. Groups are dealt to folds class by class (stratified)
/// after a seeded shuffle, so the result is deterministic for a seed.
/// </summary>
public static class CrossValidation
{
    /// <summary>The fold (0…folds−1) of each row.</summary>
    /// <exception cref="ArgumentException">Fewer groups than folds, or a group holds rows of two classes.</exception>
    public static int[] AssignFolds(LabeledDataset data, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var groupLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.Count; i++)
        {
            if (groupLabel.TryGetValue(data.Group(i), out int label) && label != data.Label(i))
                throw new ArgumentException($"group '{data.Group(i)}' holds rows of two classes.");
            groupLabel[data.Group(i)] = data.Label(i);
        }
        if (groupLabel.Count < folds) throw new ArgumentException($"{groupLabel.Count} groups cannot fill {folds} folds.");
        var random = new Random(Seeds.Derive(seed, 0x5eed));
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int next = 0;
        for (int k = 0; k < data.Classes.Length; k++)
        {
            var groups = groupLabel.Where(g => g.Value == k).Select(g => g.Key).Order(StringComparer.Ordinal).ToArray();
            Seeds.Shuffle(groups, random);
            foreach (string g in groups) foldOf[g] = next++ % folds;
        }
        return Enumerable.Range(0, data.Count).Select(i => foldOf[data.Group(i)]).ToArray();
    }

    /// <summary>Runs grouped k-fold cross-validation of a trainer.</summary>
    /// <param name="trainer">The trainer; it is fitted once per fold.</param>
    /// <param name="data">The dataset (groups = pieces).</param>
    /// <param name="folds">Number of folds, at least 2.</param>
    /// <param name="seed">Seed of the group shuffle.</param>
    /// <param name="progress">Receives the number of folds done.</param>
    /// <param name="onFold">
    /// Called after each fold with the model fitted on the other folds and the held-out rows (e.g. for
    /// <see cref="PermutationImportance.HeldOut"/>), in fold order.
    /// </param>
    public static CrossValidationResult Grouped(IClassifierTrainer trainer, LabeledDataset data, int folds, int seed, IProgress<int>? progress = null,
        Action<ClassifierModel, LabeledDataset>? onFold = null)
    {
        int[] fold = AssignFolds(data, folds, seed);
        int classes = data.Classes.Length;
        var confusion = new int[classes, classes];
        var accuracies = new double[folds];
        var predictions = new int[data.Count];
        var groupScores = new Dictionary<string, double[]>(StringComparer.Ordinal);
        Span<double> p = stackalloc double[classes];
        for (int f = 0; f < folds; f++)
        {
            var train = data.Subset(Enumerable.Range(0, data.Count).Where(i => fold[i] != f));
            var test = Enumerable.Range(0, data.Count).Where(i => fold[i] == f).ToArray();
            var model = trainer.Fit(train);
            int correct = 0;
            foreach (int i in test)
            {
                model.LogProbabilities(data.Row(i), p);
                int predicted = ClassifierModel.ArgMax(p);
                predictions[i] = predicted;
                if (!groupScores.TryGetValue(data.Group(i), out var sum)) groupScores[data.Group(i)] = sum = new double[classes];
                for (int k = 0; k < classes; k++) sum[k] += p[k];
                confusion[data.Label(i), predicted]++;
                if (predicted == data.Label(i)) correct++;
            }
            accuracies[f] = test.Length == 0 ? 0 : correct / (double)test.Length;
            onFold?.Invoke(model, data.Subset(test));
            progress?.Report(f + 1);
        }
        int total = 0, right = 0;
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<int>>(classes);
        for (int a = 0; a < classes; a++)
        {
            var row = new int[classes];
            for (int b = 0; b < classes; b++) { row[b] = confusion[a, b]; total += row[b]; }
            right += row[a];
            rows.Add([.. row]);
        }
        var groupLabels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.Count; i++) groupLabels[data.Group(i)] = data.Label(i);
        int groups = groupLabels.Count;
        int rightGroups = groupScores.Count(g => ClassifierModel.ArgMax(g.Value) == groupLabels[g.Key]);
        return new CrossValidationResult(data.Classes, folds, total == 0 ? 0 : right / (double)total, [.. accuracies], rows.MoveToImmutable(), data.Count, groups, [.. predictions],
            groups == 0 ? 0 : rightGroups / (double)groups);
    }
}
