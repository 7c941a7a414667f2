using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// Where one beat of a composed chorale comes from, found after the run by looking its grouping up in the corpus
/// (exact match up to transposition, as the originality index compares beats), so that it does not depend on which
/// operator put it there.
/// </summary>
/// <param name="Beat">The beat's index in the plan.</param>
/// <param name="Corpus">The first corpus bar and beat with the same grouping, or null.</param>
/// <param name="Origin">"corpus" (found in the corpus), "new" (occurs nowhere in it) or "hold" (a held cadence chord).</param>
/// <param name="Transposition">Semitones from the source to the chorale's key (0 when there is no source).</param>
public sealed record BeatSource(int Beat, BeatProvenance? Corpus, string Origin, int Transposition)
{
    /// <summary>The source of every beat of a genome, in order.</summary>
    public static IReadOnlyList<BeatSource> Locate(ChoraleModels models, ChoraleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(genome);
        var plan = genome.Plan;
        int toC = MinedScores.SemitonesToC(plan.Key);
        var list = new BeatSource[plan.Beats];
        for (int b = 0; b < plan.Beats; b++)
        {
            if (plan.IsHold[b]) { list[b] = new BeatSource(b, null, "hold", 0); continue; }
            var found = models.Locate(GenomeBeats.Grouping(genome, b, toC));
            list[b] = found is null
                ? new BeatSource(b, null, "new", 0)
                : new BeatSource(b, found, "corpus", found.TranspositionToC.Semitones - toC);
        }
        return list;
    }
}
