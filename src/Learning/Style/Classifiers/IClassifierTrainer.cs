namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>An untrained classifier: <see cref="Fit"/> learns from a dataset and returns an immutable model.</summary>
public interface IClassifierTrainer
{
    /// <summary>The kind of model it makes, as written in model files ("logistic-regression", "gaussian-naive-bayes").</summary>
    string Kind { get; }

    /// <summary>Learns a model. Deterministic: the same data gives the same model.</summary>
    ClassifierModel Fit(LabeledDataset data);
}
