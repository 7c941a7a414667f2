using System.Collections.Immutable;
using System.Text.Json;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// Weights of the chorale fitness terms by name, read from a JSON file a person can copy and edit:
/// <c>{"weights": {"parallel-perfect": -20, …}}</c>. The defaults are embedded in the assembly
/// (<see cref="DefaultJson"/>, printed by <c>evocomposer compose --print-weights</c>). Immutable.
/// </summary>
public sealed class FitnessWeights
{
    private FitnessWeights(ImmutableDictionary<string, double> weights, ImmutableArray<string> order)
    {
        Weights = weights;
        Names = order;
    }

    /// <summary>Weight by term name.</summary>
    public ImmutableDictionary<string, double> Weights { get; }
    /// <summary>Term names in the order of the default file.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The weight of a term (0 when it has none).</summary>
    public double this[string name] => Weights.TryGetValue(name, out double w) ? w : 0;

    /// <summary>The text of the default weights file.</summary>
    public static string DefaultJson { get; } = ReadDefault();

    /// <summary>The default weights: the embedded file, plus a weight by severity for any catalogue rule it does not list.</summary>
    public static FitnessWeights Default { get; } = WithCatalogue(Parse(DefaultJson, "default-weights.json", null));

    private static FitnessWeights WithCatalogue(FitnessWeights file)
    {
        var weights = file.Weights.ToBuilder();
        var names = file.Names.ToList();
        foreach (var term in RuleTerm.Catalogue)
        {
            if (weights.ContainsKey(term.Name)) continue;
            weights[term.Name] = RuleTerm.DefaultWeight(RuleTerm.RuleSet[term.Name].Severity);
            names.Add(term.Name);
        }
        return new FitnessWeights(weights.ToImmutable(), [.. names]);
    }

    private static string ReadDefault()
    {
        var asm = typeof(FitnessWeights).Assembly;
        string name = asm.GetManifestResourceNames().Single(n => n.EndsWith("default-weights.json", StringComparison.Ordinal));
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a weights file; names it does not list keep their default weights.</summary>
    /// <exception cref="FormatException">The file is not valid JSON, a weight is not a finite number, or a name is not a known term; the message names the file.</exception>
    public static FitnessWeights Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new FormatException($"{path}: cannot be read: {e.Message}", e); }
        return Parse(text, path, Default);
    }

    /// <summary>Parses weights JSON; <paramref name="defaults"/> supplies names it does not list.</summary>
    /// <exception cref="FormatException">Invalid JSON, a non-numeric weight or an unknown name.</exception>
    public static FitnessWeights Parse(string json, string source, FitnessWeights? defaults)
    {
        ArgumentNullException.ThrowIfNull(json);
        var builder = defaults?.Weights.ToBuilder() ?? ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var order = defaults?.Names.ToList() ?? [];
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("weights", out var weights) || weights.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source}: expected an object with a \"weights\" object");
            foreach (var p in weights.EnumerateObject())
            {
                if (defaults is not null && !defaults.Weights.ContainsKey(p.Name))
                    throw new FormatException($"{source}: unknown term '{p.Name}' (known: {string.Join(", ", defaults.Names)})");
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out double w) || !double.IsFinite(w))
                    throw new FormatException($"{source}: the weight of '{p.Name}' is not a number");
                builder[p.Name] = w;
                if (!order.Contains(p.Name)) order.Add(p.Name);
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: line {e.LineNumber + 1}: not valid JSON: {e.Message}", e);
        }
        return new FitnessWeights(builder.ToImmutable(), [.. order]);
    }

    /// <summary>A copy with one weight changed (for ablations).</summary>
    public FitnessWeights With(string name, double weight)
    {
        if (!Weights.ContainsKey(name)) throw new ArgumentException($"Unknown term '{name}'.", nameof(name));
        return new FitnessWeights(Weights.SetItem(name, weight), Names);
    }
}
