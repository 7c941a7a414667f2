using System.Collections.Immutable;
using System.Globalization;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>Class probabilities keyed by class name, and the most probable class.</summary>
/// <param name="Probabilities">Probability of each class, in the model's class order; they sum to 1.</param>
/// <param name="PredictedClass">The most probable class (the first in class order on a tie).</param>
public sealed record Prediction(ImmutableArray<KeyValuePair<string, double>> Probabilities, string PredictedClass)
{
    /// <summary>The probability of a named class.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such class.</exception>
    public double this[string className] =>
        Probabilities.FirstOrDefault(p => p.Key == className) is { Key: not null } p ? p.Value : throw new KeyNotFoundException($"no class '{className}'.");
}

/// <summary>What one feature contributed to one prediction.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Value">The feature's value in the excerpt.</param>
/// <param name="Reference">The value it is compared with (training mean, or the class mean for naive Bayes).</param>
/// <param name="Contribution">Its contribution to the class's score (log-odds units): positive pushes towards the class.</param>
/// <param name="Text">The same in words: "more parallel motion between voices than average (0.12 vs 0.05): −0.80 for Bach".</param>
public sealed record FeatureContribution(string Feature, double Value, double Reference, double Contribution, string Text);

/// <summary>A prediction with every feature's contribution towards one class, largest magnitude first.</summary>
/// <param name="Prediction">The prediction.</param>
/// <param name="Class">The class the contributions are for (by default the predicted one).</param>
/// <param name="Contributions">Each feature's contribution, sorted by decreasing magnitude.</param>
public sealed record PredictionExplanation(Prediction Prediction, string Class, ImmutableArray<FeatureContribution> Contributions);

/// <summary>How strongly a feature marks a class in a trained model (standardised weight or standardised mean difference).</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Strength">Signed strength: positive when high values point to the class.</param>
/// <param name="Text">In words: "more stepwise motion in the bass (+1.20)".</param>
public sealed record ClassFeatureWeight(string Feature, double Strength, string Text);

/// <summary>
/// A trained, immutable classifier over named features. Predicts class probabilities and explains itself:
/// per-prediction feature contributions and, per class, the features that mark it. Thread-safe.
/// </summary>
public abstract class ClassifierModel
{
    /// <summary>Sets the schema and classes.</summary>
    private protected ClassifierModel(FeatureSchema schema, ImmutableArray<string> classes)
    {
        Schema = schema;
        Classes = classes;
    }

    /// <summary>The model kind as written in model files.</summary>
    public abstract string Kind { get; }
    /// <summary>The features the model reads, in order.</summary>
    public FeatureSchema Schema { get; }
    /// <summary>The classes it predicts, in order.</summary>
    public ImmutableArray<string> Classes { get; }

    /// <summary>
    /// Writes the log-probability of each class (normalised: their exponentials sum to 1) for a row of
    /// features in schema order. Allocation-free; for hot loops such as the genetic algorithm's fitness.
    /// </summary>
    public abstract void LogProbabilities(ReadOnlySpan<double> features, Span<double> logProbabilities);

    /// <summary>Each feature's contribution towards class <paramref name="classIndex"/>, and the reference value it was compared with.</summary>
    private protected abstract void Contributions(ReadOnlySpan<double> features, int classIndex, Span<double> contributions, Span<double> references);

    /// <summary>Per class, the signed strength of each feature (in schema order).</summary>
    private protected abstract double Strength(int classIndex, int feature);

    /// <summary>Words for a contribution; by default against the training average (the reference of a model on standardised features).</summary>
    private protected virtual string Describe(FeatureInfo feature, double value, double reference, double contribution, string className) =>
        $"{(value >= reference ? "more" : feature.Less)} {feature.Phrase} than average ({Format(value)} vs {Format(reference)}): {Signed(contribution)} for {className}";

    /// <summary>Probabilities for a row of features in schema order.</summary>
    public void Probabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        LogProbabilities(features, probabilities);
        for (int k = 0; k < probabilities.Length; k++) probabilities[k] = Math.Exp(probabilities[k]);
    }

    /// <summary>Predicts the classes of a feature vector; its schema must contain the model's features.</summary>
    public Prediction Predict(FeatureVector features) => Predict(Align(features));

    /// <summary>Predicts from a row of features in the model's schema order.</summary>
    public Prediction Predict(ReadOnlySpan<double> features)
    {
        Span<double> p = stackalloc double[Classes.Length];
        Probabilities(features, p);
        int best = 0;
        for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
        var pairs = ImmutableArray.CreateBuilder<KeyValuePair<string, double>>(Classes.Length);
        for (int k = 0; k < p.Length; k++) pairs.Add(KeyValuePair.Create(Classes[k], p[k]));
        return new Prediction(pairs.MoveToImmutable(), Classes[best]);
    }

    /// <summary>
    /// Explains a prediction: each feature's contribution towards <paramref name="className"/> (by default the
    /// predicted class), largest magnitude first.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The model has no such class.</exception>
    public PredictionExplanation Explain(FeatureVector features, string? className = null)
    {
        double[] row = Align(features);
        var prediction = Predict(row);
        string target = className ?? prediction.PredictedClass;
        int k = ClassIndex(target);
        var contributions = new double[Schema.Count];
        var references = new double[Schema.Count];
        Contributions(row, k, contributions, references);
        var items = Enumerable.Range(0, Schema.Count)
            .Select(j => new FeatureContribution(Schema.Features[j].Name, row[j], references[j], contributions[j],
                Describe(Schema.Features[j], row[j], references[j], contributions[j], target)))
            .OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Feature, StringComparer.Ordinal)
            .ToImmutableArray();
        return new PredictionExplanation(prediction, target, items);
    }

    /// <summary>The features that most mark a class, strongest (by magnitude) first.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such class.</exception>
    public ImmutableArray<ClassFeatureWeight> TopFeatures(string className, int count)
    {
        int k = ClassIndex(className);
        return Enumerable.Range(0, Schema.Count)
            .Select(j => (Feature: Schema.Features[j], Strength: Strength(k, j)))
            .OrderByDescending(t => Math.Abs(t.Strength)).ThenBy(t => t.Feature.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(t => new ClassFeatureWeight(t.Feature.Name, t.Strength,
                $"{(t.Strength >= 0 ? "more" : t.Feature.Less)} {t.Feature.Phrase} ({Signed(t.Strength)})"))
            .ToImmutableArray();
    }

    /// <summary>The position of a class.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such class.</exception>
    public int ClassIndex(string className)
    {
        int k = Classes.IndexOf(className);
        return k >= 0 ? k : throw new KeyNotFoundException($"the model has no class '{className}' (it has {string.Join(", ", Classes)}).");
    }

    /// <summary>Accuracy on a dataset with the same schema.</summary>
    public double Accuracy(LabeledDataset data)
    {
        if (data.Count == 0) return 0;
        Span<double> p = stackalloc double[Classes.Length];
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            LogProbabilities(data.Row(i), p);
            if (ArgMax(p) == data.Label(i)) correct++;
        }
        return correct / (double)data.Count;
    }

    /// <summary>Mean log-loss in nats (−ln P of the true class, each capped at 50) on a dataset with the same schema; 0 when it is empty.</summary>
    public double LogLoss(LabeledDataset data)
    {
        if (data.Count == 0) return 0;
        Span<double> p = stackalloc double[Classes.Length];
        double loss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            LogProbabilities(data.Row(i), p);
            loss -= Math.Max(p[data.Label(i)], -50);
        }
        return loss / data.Count;
    }

    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }

    /// <summary>Turns scores into normalised log-probabilities in place (log-softmax).</summary>
    internal static void LogSoftmax(Span<double> scores)
    {
        double max = double.NegativeInfinity;
        foreach (double s in scores) if (s > max) max = s;
        double sum = 0;
        foreach (double s in scores) sum += Math.Exp(s - max);
        double log = max + Math.Log(sum);
        for (int k = 0; k < scores.Length; k++) scores[k] -= log;
    }

    internal static string Signed(double value) =>
        (value >= 0 ? "+" : "\u2212") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private double[] Align(FeatureVector features)
    {
        if (features.Schema.Equals(Schema)) return features.Values.ToArray();
        int[] map = features.Schema.ProjectionTo(Schema);
        var row = new double[map.Length];
        for (int j = 0; j < map.Length; j++) row[j] = features.Values[map[j]];
        return row;
    }
}
