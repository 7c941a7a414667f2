using System.Collections.Immutable;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>
/// Rows of named features with a class label and a group (the piece an excerpt came from, so that
/// cross-validation can keep a piece's excerpts together). Immutable: subsets return new datasets that share rows.
/// </summary>
public sealed class LabeledDataset
{
    private readonly double[][] _features;
    private readonly int[] _labels;
    private readonly string[] _groups;

    /// <summary>Creates a dataset; feature rows are not copied and must not be changed afterwards.</summary>
    /// <exception cref="ArgumentException">Lengths disagree, a row has the wrong width, a label is out of range, or a value is not finite.</exception>
    public LabeledDataset(FeatureSchema schema, IEnumerable<string> classes, IReadOnlyList<double[]> features, IReadOnlyList<int> labels, IReadOnlyList<string> groups)
    {
        Schema = schema;
        Classes = classes.ToImmutableArray();
        if (Classes.Length < 2) throw new ArgumentException("a dataset needs at least two classes.", nameof(classes));
        if (labels.Count != features.Count || groups.Count != features.Count) throw new ArgumentException("features, labels and groups must have the same length.");
        _features = features.ToArray();
        _labels = labels.ToArray();
        _groups = groups.ToArray();
        for (int i = 0; i < _features.Length; i++)
        {
            if (_features[i].Length != schema.Count) throw new ArgumentException($"row {i} has {_features[i].Length} values, the schema {schema.Count}.");
            if ((uint)_labels[i] >= (uint)Classes.Length) throw new ArgumentException($"row {i} has label {_labels[i]}, outside the {Classes.Length} classes.");
            foreach (double value in _features[i])
                if (!double.IsFinite(value)) throw new ArgumentException($"row {i} has a value that is not finite.");
        }
    }

    /// <summary>The features.</summary>
    public FeatureSchema Schema { get; }
    /// <summary>Class names; labels index this list.</summary>
    public ImmutableArray<string> Classes { get; }
    /// <summary>Number of rows.</summary>
    public int Count => _features.Length;

    /// <summary>The feature values of a row, in schema order.</summary>
    public ReadOnlySpan<double> Row(int index) => _features[index];
    /// <summary>The class index of a row.</summary>
    public int Label(int index) => _labels[index];
    /// <summary>The group (piece) of a row.</summary>
    public string Group(int index) => _groups[index];
    /// <summary>Rows per class, in class order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes.Length];
        foreach (int label in _labels) counts[label]++;
        return counts;
    }

    /// <summary>
    /// The weight of each row in a training loss, summing to 1: equal per row, or, when <paramref name="balance"/>,
    /// inversely proportional to the size of the row's class so that every class counts equally.
    /// </summary>
    internal double[] RowWeights(bool balance)
    {
        var counts = ClassCounts();
        var classWeight = new double[Classes.Length];
        for (int k = 0; k < classWeight.Length; k++)
            classWeight[k] = balance ? (counts[k] > 0 ? Count / (double)(Classes.Length * counts[k]) : 0) : 1;
        double total = 0;
        foreach (int label in _labels) total += classWeight[label];
        var weights = new double[Count];
        for (int i = 0; i < weights.Length; i++) weights[i] = classWeight[_labels[i]] / total;
        return weights;
    }

    /// <summary>The rows at some positions, in the given order.</summary>
    public LabeledDataset Subset(IEnumerable<int> indices)
    {
        var list = indices.ToArray();
        return new LabeledDataset(Schema, Classes, list.Select(i => _features[i]).ToArray(), list.Select(i => _labels[i]).ToArray(), list.Select(i => _groups[i]).ToArray());
    }

    /// <summary>The same rows without the classes that have none (labels renumbered); this dataset when every class has rows.</summary>
    /// <exception cref="ArgumentException">Fewer than two classes have rows.</exception>
    public LabeledDataset WithoutEmptyClasses()
    {
        var counts = ClassCounts();
        if (counts.All(c => c > 0)) return this;
        var map = new int[Classes.Length];
        var kept = new List<string>();
        for (int k = 0; k < Classes.Length; k++)
        {
            map[k] = counts[k] > 0 ? kept.Count : -1;
            if (counts[k] > 0) kept.Add(Classes[k]);
        }
        return new LabeledDataset(Schema, kept, _features, _labels.Select(l => map[l]).ToArray(), _groups);
    }

    /// <summary>The same rows restricted to (and ordered as) another schema's features, which this one must contain.</summary>
    public LabeledDataset Project(FeatureSchema target)
    {
        int[] map = Schema.ProjectionTo(target);
        var rows = _features.Select(r => map.Select(j => r[j]).ToArray()).ToArray();
        return new LabeledDataset(target, Classes, rows, _labels, _groups);
    }
}
