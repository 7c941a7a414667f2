using System.Collections.Immutable;

namespace EvoComposer.Learning.Style.Features;

/// <summary>One named feature: a stable kebab-case name, a one-line description, and the noun phrase used in explanations.</summary>
/// <param name="Name">Stable name, e.g. "pairs.parallel".</param>
/// <param name="Description">One line a musician can read.</param>
/// <param name="Phrase">Noun phrase for sentences such as "more {Phrase} than average", e.g. "parallel motion between voices".</param>
/// <param name="Melodic">True when the feature is defined on a single melody (it belongs to the melodic subset).</param>
public sealed record FeatureInfo(string Name, string Description, string Phrase, bool Melodic)
{
    /// <summary>
    /// The comparative for "less" in explanations: "fewer" when <see cref="Phrase"/> names things that are counted
    /// ("parallel perfect intervals", "notes per beat", "voices sounding at once"), else "less" ("dissonance", "range in
    /// the bass", "time on tonic chords"). Read from the phrase's head — the words before its first preposition — so
    /// model files made before this wording need no change.
    /// </summary>
    public string Less => NamesCountedThings(Phrase) ? "fewer" : "less";

    private static readonly string[] HeadEnds =
        [" in ", " of ", " on ", " per ", " between ", " at ", " by ", " over ", " outside ", " from ", " into ", " across ", " with ", " without ", " than "];

    /// <summary>Whether a plural noun (a word ending in s, other than "bass") stands in the phrase before its first preposition.</summary>
    private static bool NamesCountedThings(string phrase)
    {
        int end = phrase.Length;
        foreach (string word in HeadEnds)
        {
            int at = phrase.IndexOf(word, StringComparison.Ordinal);
            if (at >= 0 && at < end) end = at;
        }
        foreach (string word in phrase[..end].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (word.EndsWith('s') && word != "bass") return true;
        return false;
    }
}

/// <summary>
/// An ordered set of named features. Vectors are dense <c>double[]</c> in this order for speed, but every
/// result a person sees is keyed by <see cref="FeatureInfo.Name"/>. Immutable and thread-safe.
/// </summary>
public sealed class FeatureSchema : IEquatable<FeatureSchema>
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema.</summary>
    /// <exception cref="ArgumentException">Two features share a name.</exception>
    public FeatureSchema(IEnumerable<FeatureInfo> features)
    {
        Features = features.ToImmutableArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Features.Length; i++)
            if (!_index.TryAdd(Features[i].Name, i)) throw new ArgumentException($"feature '{Features[i].Name}' is defined twice.");
    }

    /// <summary>The features, in vector order.</summary>
    public ImmutableArray<FeatureInfo> Features { get; }
    /// <summary>Number of features.</summary>
    public int Count => Features.Length;
    /// <summary>The names, in vector order.</summary>
    public IEnumerable<string> Names => Features.Select(f => f.Name);

    /// <summary>The feature with a name.</summary>
    /// <exception cref="KeyNotFoundException">No feature has that name.</exception>
    public FeatureInfo this[string name] => Features[IndexOf(name)];

    /// <summary>Whether a feature of that name exists.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The position of a named feature (for code that fills vectors).</summary>
    /// <exception cref="KeyNotFoundException">No feature has that name.</exception>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int i) ? i : throw new KeyNotFoundException($"no feature named '{name}'.");

    /// <summary>A schema of some of these features, in this schema's order.</summary>
    public FeatureSchema Subset(Func<FeatureInfo, bool> keep) => new(Features.Where(keep));

    /// <summary>
    /// For each feature of <paramref name="target"/>, its position in this schema, to copy vectors of this
    /// schema into the target's order.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The target has a feature this schema lacks.</exception>
    public int[] ProjectionTo(FeatureSchema target) => target.Features.Select(f => IndexOf(f.Name)).ToArray();

    /// <inheritdoc/>
    public bool Equals(FeatureSchema? other) => other is not null && Names.SequenceEqual(other.Names);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FeatureSchema);
    /// <inheritdoc/>
    public override int GetHashCode() => Count;
}

/// <summary>A feature vector keyed by name: a schema and one value per feature. Immutable.</summary>
public sealed class FeatureVector
{
    private readonly double[] _values;

    /// <summary>Creates a vector; the values are copied.</summary>
    /// <exception cref="ArgumentException">The number of values differs from the schema's.</exception>
    public FeatureVector(FeatureSchema schema, ReadOnlySpan<double> values)
    {
        if (values.Length != schema.Count) throw new ArgumentException($"expected {schema.Count} values, got {values.Length}.");
        Schema = schema;
        _values = values.ToArray();
    }

    /// <summary>The schema.</summary>
    public FeatureSchema Schema { get; }
    /// <summary>The value of a named feature.</summary>
    public double this[string name] => _values[Schema.IndexOf(name)];
    /// <summary>The values in schema order (for classifiers).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Name and value pairs in schema order.</summary>
    public IEnumerable<KeyValuePair<string, double>> Pairs => Schema.Features.Select((f, i) => KeyValuePair.Create(f.Name, _values[i]));
}
