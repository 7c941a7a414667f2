using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>A model file could not be read: missing, damaged, of another format, or of an unsupported version.</summary>
public sealed class ClassifierFileException(string path, string reason, Exception? inner = null)
    : Exception($"{path}: {reason}", inner)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;
    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A model read from a file, with the properties saved beside it (task, excerpt length, …).</summary>
/// <param name="Model">The model.</param>
/// <param name="Properties">Free-form properties, by name.</param>
public sealed record SavedModel(ClassifierModel Model, ImmutableDictionary<string, string> Properties);

/// <summary>
/// Saves and loads classifiers as versioned JSON: <c>{"format": "evocomposer-classifier", "version": 1,
/// "kind": …, "classes": […], "features": [{"name", "description", "phrase", "melodic"}], "properties": {…}, …parameters}</c>
/// (kinds: logistic-regression, gaussian-naive-bayes, generalized-additive).
/// Doubles are written in round-trip form, so a loaded model predicts exactly as the saved one.
/// </summary>
public static class ClassifierFile
{
    /// <summary>The format tag.</summary>
    public const string Format = "evocomposer-classifier";
    /// <summary>The version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Writes a model (creating the folder).</summary>
    public static void Save(string path, ClassifierModel model, IReadOnlyDictionary<string, string>? properties = null)
    {
        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["kind"] = model.Kind,
            ["classes"] = new JsonArray(model.Classes.Select(c => (JsonNode?)c).ToArray()),
            ["features"] = new JsonArray(model.Schema.Features.Select(f => (JsonNode?)new JsonObject
            {
                ["name"] = f.Name, ["description"] = f.Description, ["phrase"] = f.Phrase, ["melodic"] = f.Melodic,
            }).ToArray()),
            ["properties"] = new JsonObject((properties ?? new Dictionary<string, string>())
                .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        switch (model)
        {
            case LogisticRegressionModel lr:
                root["l2"] = lr.L2;
                root["mean"] = Array(lr.MeanValues);
                root["sd"] = Array(lr.ScaleValues);
                root["bias"] = Array(lr.BiasValues);
                root["weights"] = new JsonArray(Enumerable.Range(0, model.Classes.Length).Select(k => (JsonNode?)Array(lr.WeightValues(k))).ToArray());
                break;
            case NaiveBayesModel nb:
                root["priors"] = new JsonArray(Enumerable.Range(0, model.Classes.Length).Select(k => (JsonNode?)nb.Prior(k)).ToArray());
                root["means"] = new JsonArray(Enumerable.Range(0, model.Classes.Length).Select(k => (JsonNode?)Array(nb.MeanValues(k))).ToArray());
                root["variances"] = new JsonArray(Enumerable.Range(0, model.Classes.Length).Select(k => (JsonNode?)Array(nb.VarianceValues(k))).ToArray());
                break;
            case GeneralizedAdditiveModel gam:
                root["bias"] = Array(gam.BiasValues);
                root["mean"] = Array(gam.MeanValues);
                root["cuts"] = new JsonArray(gam.EdgeValues.Select(e => (JsonNode?)Array(e)).ToArray());
                root["binShares"] = new JsonArray(gam.ShareValues.Select(s => (JsonNode?)Array(s)).ToArray());
                root["shapes"] = new JsonArray(Enumerable.Range(0, model.Classes.Length)
                    .Select(k => (JsonNode?)new JsonArray(gam.ShapeValues(k).Select(s => (JsonNode?)Array(s)).ToArray())).ToArray());
                break;
            default:
                throw new ArgumentException($"cannot save a model of kind '{model.Kind}'.", nameof(model));
        }
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a model.</summary>
    /// <exception cref="ClassifierFileException">The file is missing, not JSON, not a model file, of another version, or inconsistent.</exception>
    public static SavedModel Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClassifierFileException(path, e is FileNotFoundException or DirectoryNotFoundException ? "model file not found (train one with 'evocomposer train')" : $"cannot be read: {e.Message}", e);
        }
        try
        {
            var root = JsonNode.Parse(text) as JsonObject ?? throw new ClassifierFileException(path, "not a model file (no JSON object)");
            if ((string?)root["format"] != Format) throw new ClassifierFileException(path, $"not a model file (format is not '{Format}')");
            int version = (int?)root["version"] ?? throw new ClassifierFileException(path, "damaged model file: no version");
            if (version != Version) throw new ClassifierFileException(path, $"model file version {version} is not supported (this program reads version {Version}); train the model again");
            string kind = (string?)root["kind"] ?? throw new ClassifierFileException(path, "damaged model file: no kind");
            var classes = Strings(root["classes"], path, "classes").ToImmutableArray();
            var features = (root["features"] as JsonArray ?? throw Damaged(path, "features")).Select(f => new FeatureInfo(
                (string?)f?["name"] ?? throw Damaged(path, "feature name"),
                (string?)f?["description"] ?? "",
                (string?)f?["phrase"] ?? (string)f!["name"]!,
                (bool?)f?["melodic"] ?? false)).ToList();
            var schema = new FeatureSchema(features);
            var properties = (root["properties"] as JsonObject ?? [])
                .ToImmutableDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal);
            ClassifierModel model = kind switch
            {
                LogisticRegressionModel.KindName => new LogisticRegressionModel(schema, classes,
                    Doubles(root["mean"], path, "mean"), Doubles(root["sd"], path, "sd"),
                    Matrix(root["weights"], path, "weights"), Doubles(root["bias"], path, "bias"), (double?)root["l2"] ?? 0),
                NaiveBayesModel.KindName => new NaiveBayesModel(schema, classes,
                    Doubles(root["priors"], path, "priors"), Matrix(root["means"], path, "means"), Matrix(root["variances"], path, "variances")),
                GeneralizedAdditiveModel.KindName => new GeneralizedAdditiveModel(schema, classes,
                    Matrix(root["cuts"], path, "cuts"),
                    (root["shapes"] as JsonArray ?? throw Damaged(path, "shapes")).Select(s => Matrix(s, path, "shapes")).ToArray(),
                    Doubles(root["bias"], path, "bias"), Doubles(root["mean"], path, "mean"), Matrix(root["binShares"], path, "binShares")),
                _ => throw new ClassifierFileException(path, $"unknown model kind '{kind}'"),
            };
            return new SavedModel(model, properties);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or NullReferenceException)
        {
            throw new ClassifierFileException(path, $"damaged model file: {e.Message}", e);
        }
    }

    private static JsonArray Array(ReadOnlySpan<double> values)
    {
        var a = new JsonArray();
        foreach (double v in values) a.Add(v);
        return a;
    }

    private static ClassifierFileException Damaged(string path, string what) => new(path, $"damaged model file: '{what}' is missing or malformed");

    private static IEnumerable<string> Strings(JsonNode? node, string path, string what) =>
        (node as JsonArray ?? throw Damaged(path, what)).Select(x => (string?)x ?? throw Damaged(path, what)).ToList();

    private static double[] Doubles(JsonNode? node, string path, string what)
    {
        var values = (node as JsonArray ?? throw Damaged(path, what)).Select(x => (double?)x ?? throw Damaged(path, what)).ToArray();
        if (values.Any(v => !double.IsFinite(v))) throw Damaged(path, what);
        return values;
    }

    private static double[][] Matrix(JsonNode? node, string path, string what) =>
        (node as JsonArray ?? throw Damaged(path, what)).Select(row => Doubles(row, path, what)).ToArray();
}
