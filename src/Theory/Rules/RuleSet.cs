using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EvoComposer.Theory.Rules;

/// <summary>
/// A configuration of the whole catalogue that a person edits as JSON: for each rule, on or off, severity, weight
/// (for fitness functions) and parameter values. Presets ship inside the library (<c>Rules/Presets/*.json</c>):
/// <c>strict</c> (the textbook), <c>bach</c> (lenient, Bach's practice) and <c>species</c> (two-voice first species).
/// File format:
/// <code>
/// { "name": "mine", "description": "…", "extends": "strict", "unlisted": "enabled",
///   "rules": { "parallel-fifths": { "severity": "error", "weight": 10, "parameters": { "beatsOnly": true } },
///              "voice-crossing": false } }
/// </code>
/// <c>extends</c> starts from a preset; otherwise from every rule's defaults. <c>"unlisted": "disabled"</c> turns off every
/// rule the file does not mention. A rule set maps to <c>true</c>/<c>false</c> as a shorthand for enabling it. Immutable.
/// </summary>
public sealed class RuleSet
{
    private readonly Dictionary<string, RuleSettings> _byId;

    /// <summary>Creates a rule set from settings for some rules; rules not given keep their defaults.</summary>
    public RuleSet(string name, string description, IEnumerable<RuleSettings> settings)
    {
        Name = name;
        Description = description;
        _byId = RuleCatalogue.All.ToDictionary(r => r.Id, RuleSettings.Default, StringComparer.Ordinal);
        foreach (var s in settings) _byId[s.Rule.Id] = s;
        Rules = [.. RuleCatalogue.All.Select(r => _byId[r.Id])];
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }
    /// <summary>What the set is for.</summary>
    public string Description { get; }
    /// <summary>Settings of every catalogue rule, in catalogue order.</summary>
    public ImmutableArray<RuleSettings> Rules { get; }
    /// <summary>The enabled rules' settings.</summary>
    public IEnumerable<RuleSettings> Enabled => Rules.Where(r => r.Enabled);

    /// <summary>The settings of a rule by id.</summary>
    /// <exception cref="KeyNotFoundException">No such rule.</exception>
    public RuleSettings this[string id] => _byId[id];

    /// <summary>Every rule at its defaults.</summary>
    public static RuleSet Defaults { get; } = new("defaults", "Every rule enabled with its default severity and parameters.", []);

    /// <summary>Names of the built-in presets.</summary>
    public static ImmutableArray<string> PresetNames { get; } = ["strict", "bach", "species"];

    private static readonly Dictionary<string, RuleSet> PresetCache = new(StringComparer.Ordinal);

    /// <summary>A built-in preset by name.</summary>
    /// <exception cref="ArgumentException">No such preset.</exception>
    public static RuleSet Preset(string name)
    {
        lock (PresetCache)
        {
            if (PresetCache.TryGetValue(name, out var cached)) return cached;
            if (!PresetNames.Contains(name)) throw new ArgumentException($"No preset '{name}' (presets: {string.Join(", ", PresetNames)}).", nameof(name));
            using var stream = typeof(RuleSet).Assembly.GetManifestResourceStream($"EvoComposer.Theory.Rules.Presets.{name}.json")
                ?? throw new InvalidOperationException($"Preset resource '{name}' is missing from the assembly.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var set = Parse(reader.ReadToEnd(), $"preset {name}");
            PresetCache[name] = set;
            return set;
        }
    }

    /// <summary>A preset name ("strict") or the path of a rule-set file.</summary>
    /// <exception cref="RuleSetException">The file is missing or wrong.</exception>
    public static RuleSet Resolve(string presetOrPath) =>
        PresetNames.Contains(presetOrPath) ? Preset(presetOrPath) : Load(presetOrPath);

    /// <summary>Reads a rule-set file.</summary>
    /// <exception cref="RuleSetException">The file is missing, unreadable or wrong.</exception>
    public static RuleSet Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RuleSetException(path, "$", e is FileNotFoundException or DirectoryNotFoundException
                ? $"no such rule-set file (and not a preset: {string.Join(", ", PresetNames)})" : $"cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses rule-set JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="RuleSetException">The JSON is malformed or names unknown rules, parameters or severities.</exception>
    public static RuleSet Parse(string json, string? source = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RuleSetException(source, e.Path ?? "$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new RuleSetException(source, "$", "a rule set must be a JSON object");
            string name = source ?? "rules", description = "";
            RuleSet? baseSet = null;
            bool unlistedDisabled = false;
            JsonElement? rules = null;
            foreach (var prop in root.EnumerateObject())
            {
                string path = "$." + prop.Name;
                switch (prop.Name)
                {
                    case "name": name = String(prop.Value, source, path); break;
                    case "description": description = String(prop.Value, source, path); break;
                    case "extends":
                        string parent = String(prop.Value, source, path);
                        if (!PresetNames.Contains(parent)) throw new RuleSetException(source, path, $"'{parent}' is not a preset (presets: {string.Join(", ", PresetNames)})");
                        baseSet = Preset(parent);
                        break;
                    case "unlisted":
                        string u = String(prop.Value, source, path);
                        unlistedDisabled = u switch
                        {
                            "enabled" => false,
                            "disabled" => true,
                            _ => throw new RuleSetException(source, path, $"'{u}' is not one of enabled, disabled"),
                        };
                        break;
                    case "rules":
                        if (prop.Value.ValueKind != JsonValueKind.Object) throw new RuleSetException(source, path, "must be an object mapping rule ids to settings");
                        rules = prop.Value;
                        break;
                    default:
                        throw new RuleSetException(source, path, "unknown field (expected name, description, extends, unlisted, rules)");
                }
            }
            var result = (baseSet ?? Defaults).Rules.ToDictionary(r => r.Rule.Id, StringComparer.Ordinal);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            if (rules is { } rs)
            {
                foreach (var prop in rs.EnumerateObject())
                {
                    string path = $"$.rules.{prop.Name}";
                    var rule = RuleCatalogue.Find(prop.Name) ?? throw new RuleSetException(source, path, $"no rule '{prop.Name}' (see 'evocomposer rules')");
                    listed.Add(rule.Id);
                    result[rule.Id] = ParseSettings(result[rule.Id], prop.Value, source, path);
                }
            }
            if (unlistedDisabled)
                foreach (var id in result.Keys.ToList())
                    if (!listed.Contains(id)) result[id] = result[id].With(enabled: false);
            return new RuleSet(name, description, result.Values);
        }
    }

    private static RuleSettings ParseSettings(RuleSettings current, JsonElement value, string? source, string path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return current.With(enabled: value.GetBoolean());
        if (value.ValueKind != JsonValueKind.Object) throw new RuleSetException(source, path, "must be true, false or an object with enabled, severity, weight, parameters");
        bool? enabled = null;
        Severity? severity = null;
        double? weight = null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var prop in value.EnumerateObject())
        {
            string p = $"{path}.{prop.Name}";
            switch (prop.Name)
            {
                case "enabled":
                    if (prop.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new RuleSetException(source, p, "must be true or false");
                    enabled = prop.Value.GetBoolean();
                    break;
                case "severity":
                    string s = String(prop.Value, source, p);
                    severity = ParseSeverity(s) ?? throw new RuleSetException(source, p, $"'{s}' is not one of error, warning, info");
                    break;
                case "weight":
                    if (prop.Value.ValueKind != JsonValueKind.Number || !prop.Value.TryGetDouble(out double w) || w < 0 || !double.IsFinite(w))
                        throw new RuleSetException(source, p, "must be a number ≥ 0");
                    weight = w;
                    break;
                case "parameters":
                    if (prop.Value.ValueKind != JsonValueKind.Object) throw new RuleSetException(source, p, "must be an object of parameter values");
                    foreach (var param in prop.Value.EnumerateObject())
                    {
                        string pp = $"{p}.{param.Name}";
                        var def = current.Rule.Parameters.FirstOrDefault(x => x.Name == param.Name)
                            ?? throw new RuleSetException(source, pp, current.Rule.Parameters.IsEmpty
                                ? $"rule '{current.Rule.Id}' has no parameters"
                                : $"rule '{current.Rule.Id}' has no parameter '{param.Name}' (parameters: {string.Join(", ", current.Rule.Parameters.Select(x => x.Name))})");
                        if (def.IsBoolean)
                        {
                            if (param.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new RuleSetException(source, pp, "must be true or false");
                            values[def.Name] = param.Value.GetBoolean() ? 1 : 0;
                        }
                        else
                        {
                            if (param.Value.ValueKind != JsonValueKind.Number || !param.Value.TryGetDouble(out double d) || !double.IsFinite(d))
                                throw new RuleSetException(source, pp, "must be a number");
                            values[def.Name] = d;
                        }
                    }
                    break;
                default:
                    throw new RuleSetException(source, p, "unknown field (expected enabled, severity, weight, parameters)");
            }
        }
        return current.With(enabled ?? true, severity, weight, values);
    }

    private static string String(JsonElement e, string? source, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new RuleSetException(source, path, "must be a string");

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message.TrimEnd('.');
    }

    /// <summary>Parses "error", "warning" or "info" (case-insensitive); null otherwise.</summary>
    public static Severity? ParseSeverity(string text) => text.ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "info" => Severity.Info,
        _ => null,
    };

    /// <summary>Lower-case name of a severity ("error").</summary>
    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The whole set as JSON in the file format (every rule listed), for a person to copy and edit.</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("name", Name);
            w.WriteString("description", Description);
            w.WriteStartObject("rules");
            foreach (var r in Rules)
            {
                w.WriteStartObject(r.Rule.Id);
                w.WriteBoolean("enabled", r.Enabled);
                w.WriteString("severity", SeverityName(r.Severity));
                w.WriteNumber("weight", r.Weight);
                if (!r.Rule.Parameters.IsEmpty)
                {
                    w.WriteStartObject("parameters");
                    for (int i = 0; i < r.Rule.Parameters.Length; i++)
                    {
                        var p = r.Rule.Parameters[i];
                        if (p.IsBoolean) w.WriteBoolean(p.Name, r.Values[i] != 0);
                        else w.WriteNumber(p.Name, r.Values[i]);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>"strict (19 rules enabled)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Rules.Count(r => r.Enabled)} rules enabled)");
}
