using System.Collections.Immutable;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Rules;

/// <summary>
/// One broken rule at one place: which rule, how serious, where (slice, measure, beat, onset), which voices and
/// notes, and a message in words with the facts behind it ("alto D4→E4 and bass G2→A2 form parallel perfect
/// fifths from measure 4, beat 2 to beat 3"). Immutable.
/// </summary>
public sealed record Violation
{
    /// <summary>The rule's id.</summary>
    public required string RuleId { get; init; }
    /// <summary>The severity from the rule set.</summary>
    public required Severity Severity { get; init; }
    /// <summary>The slice where it happens (the later slice for motion between two slices).</summary>
    public required int Slice { get; init; }
    /// <summary>The measure number.</summary>
    public required int Measure { get; init; }
    /// <summary>The beat in the measure, 1-based.</summary>
    public required Rational Beat { get; init; }
    /// <summary>The onset in quarter notes.</summary>
    public required Rational Onset { get; init; }
    /// <summary>The voices involved, by name, highest first.</summary>
    public ImmutableArray<string> Voices { get; init; } = [];
    /// <summary>The notes involved, e.g. "alto D4→E4".</summary>
    public ImmutableArray<string> Notes { get; init; } = [];
    /// <summary>The explanation (empty when the context asked for no messages, e.g. inside the GA).</summary>
    public string Message { get; init; } = "";
    /// <summary>The local key, when the rule depends on it.</summary>
    public Key? Key { get; init; }
}
