using EvoComposer.Learning.Recombinancy;

namespace EvoComposer.Evolution.Composition.Corpus;

/// <summary>
/// Where one beat of a chorale came from, carried through the operators beside the genes (never part of a genome's
/// equality): the operator or initializer that last wrote the beat, and for a beat taken from the corpus (a
/// recombinant seed, a beat re-drawn from the recombinancy lexicon) the corpus bar and the transposition. A beat
/// that names a corpus bar has that bar's notes at the beat in every voice the operator wrote (all four, or the
/// lower three under a fixed melody), moved by <see cref="Transposition"/> semitones; its half-beat notes are the
/// corpus's where it has any (one may have been dropped where it no longer leads by step). Immutable.
/// </summary>
/// <param name="Origin">What made the beat: "random", "recombinant", "markov", "lexicon", "plan cadence", "plan opening",
/// "crossover repair", "mutation: chord tone", … (see the static members), or "hold" for a held cadence chord.</param>
/// <param name="Corpus">The corpus bar and beat the notes come from, or null.</param>
/// <param name="Transposition">Semitones from the corpus source to the chorale (0 when there is no source).</param>
public sealed record BeatSource(string Origin, BeatProvenance? Corpus = null, int Transposition = 0)
{
    /// <summary>Made by the random initializer (a root progression from the built-in table, voiced smoothly).</summary>
    public static readonly BeatSource Random = new("random");
    /// <summary>A beat of a Markov seed (a sonority drawn from the mined Markov models).</summary>
    public static readonly BeatSource Markov = new("markov");
    /// <summary>A held cadence chord (a copy of the beat before).</summary>
    public static readonly BeatSource Hold = new("hold");
    /// <summary>A seed's phrase end re-voiced with the plan's cadence chord.</summary>
    public static readonly BeatSource PlanCadence = new("plan cadence");
    /// <summary>A seed's first beat re-voiced as the plan's opening tonic chord.</summary>
    public static readonly BeatSource PlanOpening = new("plan opening");
    /// <summary>Moved by an octave where a crossover joined its parents.</summary>
    public static readonly BeatSource CrossoverRepair = new("crossover repair");
    /// <summary>Given from outside (<see cref="ChoraleGenome.Create"/>).</summary>
    public static readonly BeatSource Given = new("given");

    /// <summary>A beat changed by a mutation: origin "mutation: <paramref name="what"/>".</summary>
    public static BeatSource Mutation(string what) => new("mutation: " + what);

    /// <summary>A beat taken from the corpus by <paramref name="origin"/> ("recombinant", "lexicon").</summary>
    /// <param name="origin">What took it.</param>
    /// <param name="corpus">The corpus bar.</param>
    /// <param name="semitonesToC">Semitones the chorale's key is moved by to reach C (<c>MinedScores.SemitonesToC</c>).</param>
    public static BeatSource FromCorpus(string origin, BeatProvenance corpus, int semitonesToC)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return new BeatSource(origin, corpus, corpus.TranspositionToC.Semitones - semitonesToC);
    }

    /// <summary>"chor012.krn m. 3 b. 2 (+2)", or the origin when there is no corpus bar.</summary>
    public override string ToString() =>
        Corpus is { } c ? $"{Path.GetFileName(c.Source)} m. {c.Measure} b. {c.Beat} ({(Transposition >= 0 ? "+" : "")}{Transposition})" : Origin;
}
