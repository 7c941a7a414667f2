namespace EvoComposer.Evolution.Engine;

/// <summary>What a termination condition can see after each generation.</summary>
/// <param name="Generation">The generation just completed (0 = the initial population).</param>
/// <param name="BestFitness">The best fitness so far.</param>
/// <param name="GenerationsSinceImprovement">Generations since the best fitness last rose.</param>
/// <param name="Elapsed">Wall time since the run began.</param>
public readonly record struct TerminationState(int Generation, double BestFitness, int GenerationsSinceImprovement, TimeSpan Elapsed);

/// <summary>Decides when evolution stops.</summary>
public interface ITermination
{
    /// <summary>True when the run should stop after this generation.</summary>
    bool HasReached(TerminationState state);

    /// <summary>A short reason for reports ("200 generations").</summary>
    string Describe();
}

/// <summary>Validates the state, then delegates to <see cref="PerformHasReached"/>.</summary>
public abstract class TerminationBase : ITermination
{
    /// <inheritdoc/>
    public bool HasReached(TerminationState state)
    {
        if (state.Generation < 0) throw new ArgumentOutOfRangeException(nameof(state), state.Generation, "Negative generation.");
        return PerformHasReached(state);
    }

    /// <summary>True when the run should stop.</summary>
    protected abstract bool PerformHasReached(TerminationState state);

    /// <inheritdoc/>
    public abstract string Describe();
}

/// <summary>Stops after a number of generations (generation 0 is the initial population).</summary>
public sealed class GenerationNumberTermination : TerminationBase
{
    /// <summary>Creates the condition.</summary>
    public GenerationNumberTermination(int generations)
    {
        if (generations < 0) throw new ArgumentOutOfRangeException(nameof(generations), generations, "Must not be negative.");
        Generations = generations;
    }

    /// <summary>Generations to evolve.</summary>
    public int Generations { get; }
    /// <inheritdoc/>
    protected override bool PerformHasReached(TerminationState state) => state.Generation >= Generations;
    /// <inheritdoc/>
    public override string Describe() => $"{Generations} generations";
}

/// <summary>Stops when the best fitness has not risen for a number of generations.</summary>
public sealed class StagnationTermination : TerminationBase
{
    /// <summary>Creates the condition.</summary>
    public StagnationTermination(int generations)
    {
        if (generations < 1) throw new ArgumentOutOfRangeException(nameof(generations), generations, "Must be positive.");
        Generations = generations;
    }

    /// <summary>Generations without improvement tolerated.</summary>
    public int Generations { get; }
    /// <inheritdoc/>
    protected override bool PerformHasReached(TerminationState state) => state.GenerationsSinceImprovement >= Generations;
    /// <inheritdoc/>
    public override string Describe() => $"no improvement for {Generations} generations";
}

/// <summary>Stops when the best fitness reaches a target.</summary>
public sealed class FitnessThresholdTermination : TerminationBase
{
    /// <summary>Creates the condition.</summary>
    public FitnessThresholdTermination(double target)
    {
        if (double.IsNaN(target)) throw new ArgumentOutOfRangeException(nameof(target), target, "Must be a number.");
        Target = target;
    }

    /// <summary>The fitness to reach.</summary>
    public double Target { get; }
    /// <inheritdoc/>
    protected override bool PerformHasReached(TerminationState state) => state.BestFitness >= Target;
    /// <inheritdoc/>
    public override string Describe() => $"fitness {Target} reached";
}

/// <summary>
/// Stops after an amount of wall time. The only condition that is not deterministic: the number of
/// generations, and so the result, depends on the machine and its load. Combine it with a generation limit
/// when results must be reproducible.
/// </summary>
public sealed class WallTimeTermination : TerminationBase
{
    /// <summary>Creates the condition.</summary>
    public WallTimeTermination(TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(limit), limit, "Must be positive.");
        Limit = limit;
    }

    /// <summary>The time allowed.</summary>
    public TimeSpan Limit { get; }
    /// <inheritdoc/>
    protected override bool PerformHasReached(TerminationState state) => state.Elapsed >= Limit;
    /// <inheritdoc/>
    public override string Describe() => $"{Limit.TotalSeconds:0.###} s of wall time";
}

/// <summary>Stops as soon as any of its conditions holds.</summary>
public sealed class AnyTermination : TerminationBase
{
    private readonly ITermination[] _conditions;

    /// <summary>Creates the condition.</summary>
    public AnyTermination(params ITermination[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.Length == 0) throw new ArgumentException("At least one condition is needed.", nameof(conditions));
        foreach (var c in conditions) ArgumentNullException.ThrowIfNull(c, nameof(conditions));
        _conditions = conditions.ToArray();
    }

    /// <summary>The conditions.</summary>
    public IReadOnlyList<ITermination> Conditions => _conditions;

    /// <summary>The first condition that holds, or null.</summary>
    public ITermination? Reached(TerminationState state) => _conditions.FirstOrDefault(c => c.HasReached(state));

    /// <inheritdoc/>
    protected override bool PerformHasReached(TerminationState state) => Reached(state) is not null;
    /// <inheritdoc/>
    public override string Describe() => string.Join(" or ", _conditions.Select(c => c.Describe()));
}
