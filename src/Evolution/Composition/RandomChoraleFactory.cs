using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// Makes plausible random chorales over a plan: a root progression drawn from a table of common progressions with
/// the planned cadence formulas at phrase ends, voiced smoothly in four parts, with some passing notes. It gives the
/// population diversity; seeding from the Markov models and the recombinancy lexicon plugs in beside it.
/// </summary>
public sealed class RandomChoraleFactory : IChromosomeFactory<ChoraleGenome>
{
    /// <summary>Creates the factory.</summary>
    /// <param name="plan">The plan every genome follows.</param>
    /// <param name="passingNoteProbability">Chance of a passing or neighbour note at each place one fits.</param>
    public RandomChoraleFactory(PhrasePlan plan, double passingNoteProbability = 0.15)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!(passingNoteProbability >= 0 && passingNoteProbability <= 1)) throw new ArgumentOutOfRangeException(nameof(passingNoteProbability));
        Plan = plan;
        PassingNoteProbability = passingNoteProbability;
    }

    /// <summary>The plan.</summary>
    public PhrasePlan Plan { get; }
    /// <summary>Chance of a passing note where one fits.</summary>
    public double PassingNoteProbability { get; }

    /// <inheritdoc/>
    public ChoraleGenome Create(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var e = GenomeEditor.Empty(Plan, Corpus.BeatSource.Random);
        if (Plan.Melody is { } melody)
            for (int b = 0; b < Plan.Beats; b++) e.SetMain(b, 0, melody.Main[b].DiatonicIndex, melody.Main[b].Alter);
        var roots = DrawRoots(Plan, random);
        for (int b = 0; b < Plan.Beats; b++)
        {
            if (Plan.IsHold[b]) { CopyBeat(e, b); continue; }
            ChoraleHarmony.Voice(e, b, roots[b], allowInversion: !Plan.IsCadenceChord[b] && !IsPenultimate(Plan, b), random);
        }
        ChoraleHarmony.AddPassingNotes(e, PassingNoteProbability, random);
        return e.ToGenome(Corpus.BeatSource.Random);
    }

    internal static bool IsPenultimate(PhrasePlan plan, int beat) => beat + 1 < plan.Beats && plan.IsCadenceChord[beat + 1];

    internal static void CopyBeat(GenomeEditor e, int beat)
    {
        for (int v = 0; v < ChoraleGenome.Voices; v++)
        {
            int c = beat * ChoraleGenome.Voices + v;
            if (v == 0 && e.Plan.Melody is not null) continue;
            e.MainDia[c] = e.MainDia[c - ChoraleGenome.Voices];
            e.MainAlt[c] = e.MainAlt[c - ChoraleGenome.Voices];
        }
    }

    /// <summary>A root (scale degree) per beat: progressions within phrases, cadence formulas at their ends.</summary>
    internal static int[] DrawRoots(PhrasePlan plan, RandomStream random)
    {
        var scale = plan.Scale;
        var roots = new int[plan.Beats];
        int prev = -1;
        for (int b = 0; b < plan.Beats; b++)
        {
            if (plan.IsHold[b]) { roots[b] = roots[b - 1]; continue; }
            int soprano = plan.Melody is { } m ? m.Main[b].DiatonicIndex : -1;
            int root = -1;
            var phrase = plan.Phrases[plan.PhraseOfBeat[b]];
            if ((plan.IsCadenceChord[b] || IsPenultimate(plan, b)) && ChoraleHarmony.CadenceRoots(phrase.Cadence, random) is { } cad)
            {
                int wanted = plan.IsCadenceChord[b] ? cad.Final : cad.Penultimate;
                if (soprano < 0 || scale.InTriad(wanted, soprano)) root = wanted;
            }
            if (root < 0) root = b == 0 && (soprano < 0 || scale.InTriad(0, soprano)) ? 0 : ChoraleHarmony.NextRoot(scale, prev, soprano, random, avoid: prev);
            roots[b] = root;
            prev = root;
        }
        return roots;
    }
}
