using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Rules;

/// <summary>The outcome of checking one piece: the violations in order, counts per rule and a weighted penalty.</summary>
public sealed class CheckResult
{
    internal CheckResult(RuleContext context, ImmutableArray<Violation> violations, double penalty)
    {
        Context = context;
        Violations = violations;
        Penalty = penalty;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in violations) counts[v.RuleId] = counts.GetValueOrDefault(v.RuleId) + 1;
        Counts = counts.ToImmutableSortedDictionary(CatalogueOrder);
    }

    /// <summary>The grid and analysis checked.</summary>
    public RuleContext Context { get; }
    /// <summary>The violations ordered by onset, then by catalogue order.</summary>
    public ImmutableArray<Violation> Violations { get; }
    /// <summary>Violations per rule id, in catalogue order (rules with none are absent).</summary>
    public ImmutableSortedDictionary<string, int> Counts { get; }

    private static readonly IComparer<string> CatalogueOrder = Comparer<string>.Create((a, b) =>
    {
        int c = RuleCatalogue.IndexOf(a).CompareTo(RuleCatalogue.IndexOf(b));
        return c != 0 ? c : string.CompareOrdinal(a, b);
    });
    /// <summary>Σ weight of the rule over all violations.</summary>
    public double Penalty { get; }
    /// <summary>Notes checked (attacks; tied notes once).</summary>
    public int NoteCount => Context.Grid.NoteCount;
    /// <summary>The most severe violation's severity, or null when there are none.</summary>
    public Severity? WorstSeverity => Violations.IsEmpty ? null : Violations.Max(v => v.Severity);
}

/// <summary>Runs a <see cref="RuleSet"/> over a piece: the single entry point of the <c>check</c> command and of fitness terms.</summary>
public static class RuleChecker
{
    /// <summary>Checks a score: builds its grid and analysis (the declared key and signature as priors) and runs the enabled rules.</summary>
    public static CheckResult Check(Score score, RuleSet rules)
    {
        var grid = SliceGrid.FromScore(score);
        var context = new RuleContext(grid, null, true, score.Key, score.KeySignature.Fifths);
        return Check(context, rules);
    }

    /// <summary>Checks a prepared context with every enabled rule that applies to its grid.</summary>
    public static CheckResult Check(RuleContext context, RuleSet rules)
    {
        var list = new List<Violation>();
        double penalty = Run(context, rules, list);
        // Stable order: by slice, then by catalogue order (the order the rules ran in).
        var ordered = list.Select((v, i) => (v, i)).OrderBy(x => x.v.Slice).ThenBy(x => x.i).Select(x => x.v).ToImmutableArray();
        return new CheckResult(context, ordered, penalty);
    }

    /// <summary>
    /// Runs the enabled rules into <paramref name="violations"/> (cleared first) and returns Σ weight. For fitness
    /// functions: make the context with <c>explain: false</c> and reuse the list, and nothing but violations is allocated.
    /// </summary>
    public static double Run(RuleContext context, RuleSet rules, List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rules);
        violations.Clear();
        double penalty = 0;
        foreach (var settings in rules.Rules)
        {
            if (!settings.Enabled || !settings.Rule.AppliesTo(context.Grid)) continue;
            int before = violations.Count;
            settings.Rule.Check(context, settings, violations);
            penalty += settings.Weight * (violations.Count - before);
        }
        return penalty;
    }
}
