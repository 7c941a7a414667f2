using EvoComposer.Theory.Rules;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// A rule of the catalogue (<see cref="RuleCatalogue"/>) as a fitness term: its value is the number of violations
/// the rule finds in the genome's slice grid, so rules are written once and the GA optimises exactly what
/// <c>evocomposer check</c> reports (with its default rule set, <c>strict</c>). The term's name is the rule's id; its
/// default weight in the weights file follows the rule's severity in that set (error −20, warning −4, info −1).
/// </summary>
public sealed class RuleTerm : ChoraleTerm
{
    private readonly RuleSettings _settings;

    /// <summary>Wraps a rule with its settings (severity and parameters; the rule set's weight is not used: the weights file decides).</summary>
    public RuleTerm(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The rule.</summary>
    public Rule Rule => _settings.Rule;
    /// <inheritdoc/>
    public override string Name => _settings.Rule.Id;
    /// <inheritdoc/>
    public override string Description => $"{_settings.Rule.Title}: {_settings.Rule.Description} ({_settings.Rule.Reference})";
    /// <inheritdoc/>
    public override FindingSeverity Severity => _settings.Severity switch
    {
        Theory.Rules.Severity.Error => FindingSeverity.Error,
        Theory.Rules.Severity.Warning => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };

    /// <summary>The default weight for a rule of this severity.</summary>
    public static double DefaultWeight(Severity severity) => severity switch
    {
        Theory.Rules.Severity.Error => -20,
        Theory.Rules.Severity.Warning => -4,
        _ => -1,
    };

    /// <summary>The rule set the terms follow: <c>strict</c>, the one <c>evocomposer check</c> uses for four voices.</summary>
    public static RuleSet RuleSet { get; } = RuleSet.Preset("strict");

    /// <summary>A term for every chorale rule the <see cref="RuleSet"/> enables, with its severity and parameters.</summary>
    public static IReadOnlyList<RuleTerm> Catalogue { get; } =
        RuleSet.Enabled.Where(s => s.Rule.Family == RuleFamily.Chorale).Select(s => new RuleTerm(s)).ToArray();

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var context = findings is null ? input.RuleContext : input.ExplainedRuleContext;
        if (!Rule.AppliesTo(context.Grid)) return 0;
        if (findings is null)
        {
            // The fitness needs only the count: a count-only context, and one list per evaluation shared by every rule term.
            var scratch = input.RuleScratch;
            scratch.Clear();
            Rule.Check(context, _settings, scratch);
            return scratch.Count;
        }
        var list = new List<Violation>();
        Rule.Check(context, _settings, list);
        foreach (var v in list)
            findings.Add(new TermFinding(Name, Severity, v.Slice, v.Voices, v.Message, 1));
        return list.Count;
    }
}
