using System.Collections.Immutable;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>
/// Logistic regression whose L2 strength is chosen on the training data alone: each candidate is scored by grouped
/// cross-validation inside the data given to <see cref="Fit"/> (mean held-out log-loss, groups kept together), and
/// the best is refitted on all of it. Wrapped in an outer <see cref="CrossValidation.Grouped"/>, this is nested
/// cross-validation: the test folds never influence the choice. Deterministic for a seed.
/// </summary>
public sealed class TunedLogisticRegressionTrainer : IClassifierTrainer
{
    /// <summary>The default candidates: 0.001 to 1 in steps of about ×3.</summary>
    public static readonly ImmutableArray<double> DefaultCandidates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

    /// <summary>Creates a trainer.</summary>
    /// <param name="candidates">L2 strengths to try (non-negative), or null for <see cref="DefaultCandidates"/>.</param>
    /// <param name="innerFolds">Folds of the inner cross-validation, at least 2; default 3.</param>
    /// <param name="seed">Seed of the inner fold assignment.</param>
    /// <param name="options">Other options of the logistic regression (its L2 is replaced by each candidate).</param>
    /// <exception cref="ArgumentException">No candidate, or a negative one.</exception>
    public TunedLogisticRegressionTrainer(IEnumerable<double>? candidates = null, int innerFolds = 3, int seed = 1, LogisticRegressionOptions? options = null)
    {
        Candidates = (candidates ?? DefaultCandidates).ToImmutableArray();
        if (Candidates.IsEmpty || Candidates.Any(c => !(c >= 0) || double.IsInfinity(c))) throw new ArgumentException("candidates must be finite, non-negative and at least one.", nameof(candidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(innerFolds, 2);
        InnerFolds = innerFolds;
        Seed = seed;
        Options = options ?? new LogisticRegressionOptions();
    }

    /// <summary>The L2 strengths tried.</summary>
    public ImmutableArray<double> Candidates { get; }
    /// <summary>Folds of the inner cross-validation.</summary>
    public int InnerFolds { get; }
    /// <summary>Seed of the inner fold assignment.</summary>
    public int Seed { get; }
    /// <summary>The other options of the logistic regression.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <inheritdoc/>
    public string Kind => LogisticRegressionModel.KindName;

    /// <summary>The candidate with the lowest mean held-out log-loss of an inner grouped cross-validation on <paramref name="data"/> (ties: the stronger penalty).</summary>
    public double ChooseL2(LabeledDataset data)
    {
        if (Candidates.Length == 1) return Candidates[0];
        int[] fold = CrossValidation.AssignFolds(data, InnerFolds, Seeds.Derive(Seed, 0x12));
        var splits = Enumerable.Range(0, InnerFolds).Select(f => (
            Train: data.Subset(Enumerable.Range(0, data.Count).Where(i => fold[i] != f)),
            Test: data.Subset(Enumerable.Range(0, data.Count).Where(i => fold[i] == f)))).ToArray();
        double best = Candidates[0], bestLoss = double.PositiveInfinity;
        foreach (double l2 in Candidates.OrderByDescending(c => c))
        {
            var trainer = new LogisticRegressionTrainer(Options with { L2 = l2 });
            double loss = 0;
            int rows = 0;
            foreach (var (train, test) in splits)
            {
                var model = trainer.Fit(train);
                loss += model.LogLoss(test) * test.Count;
                rows += test.Count;
            }
            loss /= Math.Max(1, rows);
            if (loss < bestLoss - 1e-9) { bestLoss = loss; best = l2; }
        }
        return best;
    }

    /// <inheritdoc/>
    public ClassifierModel Fit(LabeledDataset data) => new LogisticRegressionTrainer(Options with { L2 = ChooseL2(data) }).Fit(data);
}
