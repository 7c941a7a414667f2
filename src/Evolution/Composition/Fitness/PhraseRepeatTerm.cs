namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// Bar form: the first phrase that another phrase may repeat (the first pair of <see cref="PhrasePlan.RepeatablePhrases"/>;
/// phrases 1 and 3 of the default plan, both ending on a half cadence) should come back in the soprano. The value
/// counts the copied beats whose soprano differs from the source phrase's (1 for the main note, 0.5 for the half-beat
/// note); 0 when the plan has no such pair or a fixed melody.
/// </summary>
public sealed class PhraseRepeatTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "phrase-repeat";
    /// <inheritdoc/>
    public override string Description => "Bar form: per beat of the repeatable phrase (phrase 3 repeating phrase 1 in the default plan), 1 when its soprano note differs from the first phrase's, 0.5 when only its half-beat note does.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var plan = input.Plan;
        var pairs = plan.RepeatablePhrases;
        if (pairs.IsEmpty) return 0;
        var (i, j, length) = pairs[0];
        var g = input.Genome;
        int from = plan.PhraseStarts[i] + plan.Phrases[i].Beats - length, to = plan.PhraseStarts[j] + plan.Phrases[j].Beats - length;
        double cost = 0;
        for (int k = 0; k < length; k++)
        {
            if (plan.IsHold[to + k]) continue;
            int cs = (from + k) * ChoraleGenome.Voices, ct = (to + k) * ChoraleGenome.Voices;
            double x = g.MainDia[cs] != g.MainDia[ct] || g.MainAlt[cs] != g.MainAlt[ct] ? 1
                : g.SecDia[cs] != g.SecDia[ct] || g.SecAlt[cs] != g.SecAlt[ct] ? 0.5 : 0;
            if (x == 0) continue;
            cost += x;
            if (findings is not null) Add(findings, input.BeatSlice[to + k], $"the soprano does not repeat phrase {i + 1} here (bar form)", x, 0);
        }
        return cost;
    }
}
