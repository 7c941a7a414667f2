using System.Collections.Immutable;

namespace EvoComposer.Theory.Rules;

/// <summary>
/// How a rule set configures one rule: on or off, severity, weight (its share of a fitness penalty) and the
/// parameter values, aligned with <see cref="Rule.Parameters"/>. Immutable and thread-safe.
/// </summary>
public sealed class RuleSettings
{
    private readonly double[] _values;
    private readonly ImmutableArray<RuleParameter> _parameters; // the rule's, read once: rules build theirs on every call

    /// <summary>Creates settings; <paramref name="values"/> null means every parameter at its default.</summary>
    public RuleSettings(Rule rule, bool enabled, Severity severity, double weight, IReadOnlyDictionary<string, double>? values = null)
    {
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Enabled = enabled;
        Severity = severity;
        Weight = weight;
        var ps = rule.Parameters;
        _parameters = ps;
        _values = new double[ps.Length];
        for (int i = 0; i < ps.Length; i++)
            _values[i] = values is not null && values.TryGetValue(ps[i].Name, out double v) ? v : ps[i].Default;
        if (values is not null)
            foreach (var name in values.Keys)
                if (!ps.Any(p => p.Name == name)) throw new ArgumentException($"Rule '{rule.Id}' has no parameter '{name}'.", nameof(values));
    }

    /// <summary>The rule's defaults: enabled, its default severity, weight 1.</summary>
    public static RuleSettings Default(Rule rule) => new(rule, true, rule.DefaultSeverity, 1.0);

    /// <summary>The rule configured.</summary>
    public Rule Rule { get; }
    /// <summary>Whether the rule runs.</summary>
    public bool Enabled { get; }
    /// <summary>The severity of its violations.</summary>
    public Severity Severity { get; }
    /// <summary>Penalty per violation in a fitness function.</summary>
    public double Weight { get; }

    /// <summary>Parameter values aligned with <see cref="Rule.Parameters"/>.</summary>
    public ImmutableArray<double> Values => [.. _values];

    /// <summary>A parameter's value by name.</summary>
    /// <exception cref="ArgumentException">The rule has no such parameter (a bug in the rule).</exception>
    public double this[string name]
    {
        get
        {
            var ps = _parameters;
            for (int i = 0; i < ps.Length; i++) if (ps[i].Name == name) return _values[i];
            throw new ArgumentException($"Rule '{Rule.Id}' has no parameter '{name}'.", nameof(name));
        }
    }

    /// <summary>A boolean parameter's value by name.</summary>
    public bool Flag(string name) => this[name] != 0;

    /// <summary>A copy with other values.</summary>
    public RuleSettings With(bool? enabled = null, Severity? severity = null, double? weight = null, IReadOnlyDictionary<string, double>? values = null)
    {
        var merged = new Dictionary<string, double>();
        var ps = Rule.Parameters;
        for (int i = 0; i < ps.Length; i++) merged[ps[i].Name] = _values[i];
        if (values is not null) foreach (var kv in values) merged[kv.Key] = kv.Value;
        return new RuleSettings(Rule, enabled ?? Enabled, severity ?? Severity, weight ?? Weight, merged);
    }
}
