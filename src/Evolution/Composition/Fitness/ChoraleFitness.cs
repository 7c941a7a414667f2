using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// The chorale fitness: Σ weightᵢ × termᵢ over the registered terms, with weights from a
/// <see cref="FitnessWeights"/>. Terms from other parts of the project (the rule catalogue, Markov models, the style
/// classifier) are added through <see cref="Create(FitnessWeights, IEnumerable{ChoraleTerm})"/>.
/// </summary>
public static class ChoraleFitness
{
    /// <summary>The terms only a chorale plan can judge (the rest are rules of the catalogue).</summary>
    public static IReadOnlyList<ChoraleTerm> CompositionTerms { get; } =
    [
        new PlannedCadenceTerm(), new ChordQualityTerm(), new MelodicMotionTerm(),
        new ProgressionTerm(), new RepetitionTerm(), new PassingMotionTerm(), new TextureTerm(), new PhraseRepeatTerm(),
    ];

    /// <summary>Terms that need corpus models and are added only when they are available (their weights live in the same file).</summary>
    public static IReadOnlyList<string> ModelTermNames { get; } = ["markov", "style"];

    /// <summary>The built-in terms, in report order: one per chorale rule of the catalogue, then <see cref="CompositionTerms"/>.</summary>
    public static IReadOnlyList<ChoraleTerm> BuiltInTerms { get; } = [.. RuleTerm.Catalogue, .. CompositionTerms];

    /// <summary>The fitness with the built-in terms.</summary>
    public static WeightedFitness<ChoraleGenome, ChoraleEvaluation> Create(FitnessWeights weights) => Create(weights, []);

    /// <summary>The fitness with the built-in terms and more; a term's weight is looked up by its name.</summary>
    public static WeightedFitness<ChoraleGenome, ChoraleEvaluation> Create(FitnessWeights weights, IEnumerable<ChoraleTerm> extraTerms)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(extraTerms);
        var terms = BuiltInTerms.Concat(extraTerms).Select(t => ((IFitnessTerm<ChoraleEvaluation>)t, weights[t.Name]));
        return new WeightedFitness<ChoraleGenome, ChoraleEvaluation>(g => new ChoraleEvaluation(g), terms);
    }
}
