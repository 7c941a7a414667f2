using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;

namespace EvoComposer.Theory.Rules;

/// <summary>How serious a violation is. Ordered: <see cref="Info"/> &lt; <see cref="Warning"/> &lt; <see cref="Error"/>.</summary>
public enum Severity
{
    /// <summary>Worth knowing; not a mistake in most styles.</summary>
    Info,
    /// <summary>Usually avoided; acceptable with a reason.</summary>
    Warning,
    /// <summary>A mistake in the style the rule set describes.</summary>
    Error,
}

/// <summary>Which texture a rule is written for.</summary>
public enum RuleFamily
{
    /// <summary>Four-part chorale writing (SATB); most of these rules also work for three or more voices.</summary>
    Chorale,
    /// <summary>Two-voice species counterpoint (cantus firmus and counterpoint).</summary>
    Counterpoint,
}

/// <summary>A named, documented parameter of a rule, with its default. Booleans are stored as 0 and 1.</summary>
/// <param name="Name">The name used in rule-set files (camelCase).</param>
/// <param name="Description">What it changes.</param>
/// <param name="Default">The default value.</param>
/// <param name="IsBoolean">True when the value is a yes/no switch (written true/false in JSON).</param>
public sealed record RuleParameter(string Name, string Description, double Default, bool IsBoolean = false);

/// <summary>
/// A rule of harmony, voice leading or counterpoint: a small pure object with a stable kebab-case
/// <see cref="Id"/>, a title, a description a student can read, a textbook reference, a default severity and
/// named parameters. <see cref="Check"/> appends the violations it finds to a list; it never prints and keeps
/// no state, so one instance serves every thread. Rules loop over the flat arrays of <see cref="SliceGrid"/>
/// and allocate only for the violations they report.
/// </summary>
public abstract class Rule
{
    /// <summary>Stable kebab-case identifier ("parallel-fifths").</summary>
    public abstract string Id { get; }
    /// <summary>Short title ("Parallel fifths").</summary>
    public abstract string Title { get; }
    /// <summary>What the rule forbids and why, in words a student understands.</summary>
    public abstract string Description { get; }
    /// <summary>Where a textbook teaches it.</summary>
    public abstract string Reference { get; }
    /// <summary>The severity when a rule set does not say otherwise.</summary>
    public abstract Severity DefaultSeverity { get; }
    /// <summary>The texture the rule is written for.</summary>
    public virtual RuleFamily Family => RuleFamily.Chorale;
    /// <summary>The rule's parameters with their defaults (empty when it has none).</summary>
    public virtual ImmutableArray<RuleParameter> Parameters => [];

    /// <summary>Whether the rule makes sense for this grid (e.g. ranges need four voices). Default: two or more voices for chorale rules, exactly two for counterpoint.</summary>
    public virtual bool AppliesTo(SliceGrid grid) => Family == RuleFamily.Counterpoint ? grid.VoiceCount == 2 : grid.VoiceCount >= 2;

    /// <summary>Checks the grid and appends violations.</summary>
    public abstract void Check(RuleContext context, RuleSettings settings, List<Violation> violations);

    /// <summary>"parallel-fifths".</summary>
    public override string ToString() => Id;
}
