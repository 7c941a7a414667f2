using System.Collections.Immutable;
using EvoComposer.Theory.Rules.Chorale;
using EvoComposer.Theory.Rules.Counterpoint;

namespace EvoComposer.Theory.Rules;

/// <summary>Every rule EvoComposer knows, in the order reports list them. Rules are stateless singletons.</summary>
public static class RuleCatalogue
{
    /// <summary>All rules: the four-part rules first, then the species-counterpoint rules.</summary>
    public static ImmutableArray<Rule> All { get; } =
    [
        new ParallelFifthsRule(),
        new ParallelOctavesRule(),
        new ContraryPerfectsRule(),
        new HiddenPerfectsRule(),
        new VoiceCrossingRule(),
        new VoiceOverlapRule(),
        new SpacingRule(),
        new VoiceRangeRule(),
        new AugmentedDiminishedLeapRule(),
        new LeapBeyondOctaveRule(),
        new SeventhLeapRule(),
        new UnrecoveredLeapRule(),
        new ConsecutiveLeapsRule(),
        new LeadingToneResolutionRule(),
        new SeventhResolutionRule(),
        new DoubledLeadingToneRule(),
        new MissingThirdRule(),
        new DissonanceTreatmentRule(),
        new PhraseEndingRule(),
        new PerfectBeginningEndRule(),
        new SpeciesDissonanceRule(),
        new SpeciesParallelPerfectRule(),
        new DirectPerfectRule(),
        new SingleClimaxRule(),
        new StepwiseMotionRule(),
        new ClausulaVeraRule(),
    ];

    private static readonly Dictionary<string, Rule> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with this id, or null.</summary>
    public static Rule? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>The position of a rule in <see cref="All"/> (report order), or −1.</summary>
    public static int IndexOf(string id) => ById.TryGetValue(id, out var r) ? All.IndexOf(r) : -1;
}
