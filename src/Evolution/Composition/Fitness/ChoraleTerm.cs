using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// A named fitness term of a chorale. One method, <see cref="Measure"/>, computes the value and, when asked,
/// the findings behind it, so that what a report explains is exactly what the GA optimised.
/// </summary>
public abstract class ChoraleTerm : IExplainedFitnessTerm<ChoraleEvaluation>
{
    /// <inheritdoc/>
    public abstract string Name { get; }
    /// <summary>What the term measures, in a sentence.</summary>
    public abstract string Description { get; }
    /// <summary>The severity of its findings.</summary>
    public abstract FindingSeverity Severity { get; }

    /// <inheritdoc/>
    public double Evaluate(ChoraleEvaluation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Measure(input, null);
    }

    /// <summary>Every finding behind the term's value.</summary>
    public IReadOnlyList<TermFinding> Findings(ChoraleEvaluation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var list = new List<TermFinding>();
        Measure(input, list);
        return list;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Explain(ChoraleEvaluation input, int limit) =>
        Findings(input).Take(Math.Max(0, limit)).Select(f => $"{input.Grid.Where(f.Slice)}: {f.Message}").ToList();

    /// <summary>The term's value; adds a finding per cost when <paramref name="findings"/> is not null.</summary>
    protected abstract double Measure(ChoraleEvaluation input, List<TermFinding>? findings);

    /// <summary>Adds a finding (helper for <see cref="Measure"/>).</summary>
    protected void Add(List<TermFinding>? findings, int slice, string message, double cost, params int[] voices) =>
        findings?.Add(new TermFinding(Name, Severity, slice, voices.Select(v => ChoraleGenome.VoiceNames[v]).ToArray(), message, cost));
}
