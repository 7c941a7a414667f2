using System.Collections.Immutable;

namespace EvoComposer.Evolution.Engine;

/// <summary>
/// Judges a genome: higher is better. Must be pure (the same genome always gives the same value) and
/// thread-safe, because the engine evaluates many genomes at once. The value must be finite.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface IFitness<in TGenome>
{
    /// <summary>The fitness of a genome.</summary>
    double Evaluate(TGenome genome);
}

/// <summary>One named term of a <see cref="WeightedFitness{TGenome, TInput}"/>: a pure function of a prepared input.</summary>
/// <typeparam name="TInput">What the terms read (prepared once per genome and shared by all terms).</typeparam>
public interface IFitnessTerm<in TInput>
{
    /// <summary>A stable kebab-case name, as in a weights file.</summary>
    string Name { get; }

    /// <summary>The term's value (its weight, positive for rewards and negative for penalties, multiplies it).</summary>
    double Evaluate(TInput input);
}

/// <summary>A term that can also say why it has its value (e.g. the places that cost it).</summary>
/// <typeparam name="TInput">What the term reads.</typeparam>
public interface IExplainedFitnessTerm<in TInput> : IFitnessTerm<TInput>
{
    /// <summary>Readable reasons for the term's value, at most <paramref name="limit"/> of them.</summary>
    IReadOnlyList<string> Explain(TInput input, int limit);
}

/// <summary>A term's name, weight and value in one evaluation.</summary>
/// <param name="Name">The term's name.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Value">Its unweighted value (0 when the weight is 0: then it is not computed).</param>
/// <param name="Explanations">Reasons, for terms that give them.</param>
public sealed record FitnessTermValue(string Name, double Weight, double Value, IReadOnlyList<string> Explanations)
{
    /// <summary>Weight × value.</summary>
    public double Contribution => Weight * Value;
}

/// <summary>
/// Fitness = Σ weightᵢ × termᵢ over named terms evaluated on an input prepared once per genome. A term whose
/// weight is 0 is never computed, so switching a family of terms off makes evaluation cheaper. Immutable.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
/// <typeparam name="TInput">The prepared input the terms read.</typeparam>
public sealed class WeightedFitness<TGenome, TInput> : IFitness<TGenome>
{
    private readonly Func<TGenome, TInput> _prepare;
    private readonly IFitnessTerm<TInput>[] _active;
    private readonly double[] _activeWeights;

    /// <summary>Creates the fitness.</summary>
    /// <param name="prepare">Makes the input all terms share (must be pure).</param>
    /// <param name="terms">Terms and weights; names must be distinct and weights finite.</param>
    public WeightedFitness(Func<TGenome, TInput> prepare, IEnumerable<(IFitnessTerm<TInput> Term, double Weight)> terms)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(terms);
        _prepare = prepare;
        var list = terms.ToImmutableArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (term, weight) in list)
        {
            ArgumentNullException.ThrowIfNull(term, nameof(terms));
            if (!double.IsFinite(weight)) throw new ArgumentException($"The weight of '{term.Name}' is not a finite number.", nameof(terms));
            if (!names.Add(term.Name)) throw new ArgumentException($"Two terms are named '{term.Name}'.", nameof(terms));
        }
        Terms = list;
        _active = list.Where(t => t.Weight != 0).Select(t => t.Term).ToArray();
        _activeWeights = list.Where(t => t.Weight != 0).Select(t => t.Weight).ToArray();
    }

    /// <summary>All terms with their weights, in the order given.</summary>
    public ImmutableArray<(IFitnessTerm<TInput> Term, double Weight)> Terms { get; }

    /// <summary>The prepared input for a genome (what the terms see).</summary>
    public TInput Prepare(TGenome genome) => _prepare(genome);

    /// <inheritdoc/>
    public double Evaluate(TGenome genome)
    {
        var input = _prepare(genome);
        double total = 0;
        for (int i = 0; i < _active.Length; i++) total += _activeWeights[i] * _active[i].Evaluate(input);
        return total;
    }

    /// <summary>Every term's weight and value (terms of weight 0 report 0 and are not computed), with explanations.</summary>
    public IReadOnlyList<FitnessTermValue> Explain(TGenome genome, int explanationLimit = 20)
    {
        var input = _prepare(genome);
        var result = new List<FitnessTermValue>(Terms.Length);
        foreach (var (term, weight) in Terms)
        {
            if (weight == 0)
            {
                result.Add(new FitnessTermValue(term.Name, 0, 0, []));
                continue;
            }
            double value = term.Evaluate(input);
            var reasons = term is IExplainedFitnessTerm<TInput> e ? e.Explain(input, explanationLimit) : [];
            result.Add(new FitnessTermValue(term.Name, weight, value, reasons));
        }
        return result;
    }
}
