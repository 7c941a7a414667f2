using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// One-point crossover at a beat boundary (a phrase boundary with probability <see cref="PhraseBoundaryProbability"/>):
/// the child takes the first parent's beats before the cut and the second's after. The join is repaired: a voice
/// that would leap more than a sixth across the cut is moved by an octave over the rest of that phrase when that
/// brings it closer and keeps it near its range; passing notes that no longer lead by step are dropped. Each beat
/// keeps its <see cref="BeatSource"/> from the parent it came from; beats the repair changes become "crossover repair".
/// </summary>
public sealed class ChoraleCrossover : CrossoverBase<ChoraleGenome>
{
    /// <summary>Creates the crossover.</summary>
    public ChoraleCrossover(double phraseBoundaryProbability = 0.4)
    {
        if (!(phraseBoundaryProbability >= 0 && phraseBoundaryProbability <= 1)) throw new ArgumentOutOfRangeException(nameof(phraseBoundaryProbability));
        PhraseBoundaryProbability = phraseBoundaryProbability;
    }

    /// <summary>Chance of cutting at a phrase boundary rather than at any beat.</summary>
    public double PhraseBoundaryProbability { get; }

    /// <inheritdoc/>
    protected override ChoraleGenome PerformCross(ChoraleGenome first, ChoraleGenome second, RandomStream random)
    {
        var plan = first.Plan;
        if (!ReferenceEquals(plan, second.Plan)) throw new ArgumentException("Parents follow different plans.", nameof(second));
        if (plan.Beats < 2) return first;
        int cut;
        if (plan.Phrases.Length > 1 && random.NextBool(PhraseBoundaryProbability))
            cut = plan.PhraseStarts[1 + random.NextInt(plan.Phrases.Length - 1)];
        else
        {
            cut = 1 + random.NextInt(plan.Beats - 1);
            while (cut < plan.Beats && plan.IsHold[cut]) cut++;
            if (cut >= plan.Beats) return first;
        }
        const int V = ChoraleGenome.Voices;
        var e = first.Edit();
        int from = cut * V;
        Array.Copy(second.MainDia, from, e.MainDia, from, e.MainDia.Length - from);
        Array.Copy(second.MainAlt, from, e.MainAlt, from, e.MainAlt.Length - from);
        Array.Copy(second.SecDia, from, e.SecDia, from, e.SecDia.Length - from);
        Array.Copy(second.SecAlt, from, e.SecAlt, from, e.SecAlt.Length - from);
        // Each beat keeps the origin it had in the parent it came from; what the repair moves is "crossover repair".
        Array.Copy(second.Origins, cut, e.Sources, cut, plan.Beats - cut);
        e.Rebase();
        Repair(e, cut);
        return e.ToGenome(BeatSource.CrossoverRepair);
    }

    private static void Repair(GenomeEditor e, int cut)
    {
        const int V = ChoraleGenome.Voices;
        var plan = e.Plan;
        int phraseEnd = cut;
        while (phraseEnd < plan.Beats && plan.PhraseOfBeat[phraseEnd] == plan.PhraseOfBeat[cut]) phraseEnd++;
        for (int v = 0; v < V; v++)
        {
            if (v == 0 && plan.Melody is not null) continue;
            int before = e.Midi(cut - 1, v), after = e.Midi(cut, v);
            int leap = after - before;
            if (Math.Abs(leap) <= 9) continue;
            int shift = leap > 0 ? -7 : 7;
            var (low, high) = KeyScale.Ranges[v];
            bool fits = true;
            for (int b = cut; b < phraseEnd && fits; b++)
            {
                int c = b * V + v;
                int m = KeyScale.Midi(e.MainDia[c] + shift, e.MainAlt[c]);
                fits = m >= low - 2 && m <= high + 2;
            }
            if (!fits) continue;
            for (int b = cut; b < phraseEnd; b++)
            {
                int c = b * V + v;
                e.MainDia[c] = (sbyte)(e.MainDia[c] + shift);
                if (e.SecDia[c] != 0) e.SecDia[c] = (sbyte)(e.SecDia[c] + shift);
            }
        }
    }
}
