using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// What every chorale fitness term reads, prepared once per genome: the genome, its slice grid (the compact
/// representation the rule catalogue also uses), the chord of every slice (identified once, and shared by the plan
/// terms and the rule catalogue's harmonic analysis), and the chord at each beat. Immutable.
/// </summary>
public sealed class ChoraleEvaluation
{
    private readonly int[] _beatSlice;
    private readonly Chord[] _chords;
    private readonly ChordMember[] _members;
    private readonly SliceChords _slices;

    /// <summary>Prepares a genome for its terms.</summary>
    public ChoraleEvaluation(ChoraleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        Genome = genome;
        Grid = genome.ToSliceGrid();
        var plan = genome.Plan;
        var grid = Grid;
        // The chord of every slice, as the harmonic analysis identifies it; a beat's chord is its slice's.
        _slices = HarmonicAnalysis.IdentifyChords(grid);
        var sliceChords = _slices.Chords;
        var sliceMembers = _slices.Members;
        _beatSlice = new int[plan.Beats];
        _chords = new Chord[plan.Beats];
        _members = new ChordMember[plan.Beats * ChoraleGenome.Voices];
        var metric = grid.Metric;
        var isHold = plan.IsHold.AsSpan();
        int s = -1, next = 0;
        for (int b = 0; b < plan.Beats; b++)
        {
            if (!isHold[b])
            {
                // The grid has a slice per beat that is not a hold, and one more on the half beat where a voice moves.
                s = next;
                next = s + (ChoraleRendering.HasSecond(genome.SecDia, b) ? 2 : 1);
                var members = _members.AsSpan(b * ChoraleGenome.Voices, ChoraleGenome.Voices);
                if (metric[s] > 0)
                {
                    // On a beat the analysis keeps no chord from before: its chord is the slice's own.
                    _chords[b] = sliceChords[s];
                    CopyFour(sliceMembers.Slice(s * ChoraleGenome.Voices, ChoraleGenome.Voices), members);
                }
                else
                {
                    _chords[b] = ChordIdentifier.Identify(grid, s, members);
                }
            }
            else
            {
                _chords[b] = _chords[b - 1];
                CopyFour(_members.AsSpan((b - 1) * ChoraleGenome.Voices, ChoraleGenome.Voices), _members.AsSpan(b * ChoraleGenome.Voices, ChoraleGenome.Voices));
            }
            _beatSlice[b] = s;
        }
    }

    /// <summary>A beat's four members (one byte each) copied as one word.</summary>
    private static void CopyFour(ReadOnlySpan<ChordMember> from, Span<ChordMember> to) =>
        System.Runtime.InteropServices.MemoryMarshal.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(to[..4]),
            System.Runtime.InteropServices.MemoryMarshal.Read<uint>(System.Runtime.InteropServices.MemoryMarshal.AsBytes(from[..4])));

    /// <summary>The harmonic analysis of the grid (keys, chords, non-chord tones, cadences), made on first use, once, from the chords found already.</summary>
    public HarmonicAnalysis Analysis => _analysis ??= HarmonicAnalysis.Analyze(_slices, Plan.Key, Plan.Key.Signature.Fifths);

    /// <summary>
    /// The context the catalogue's rules read for the fitness: they only count (no places, no messages: see
    /// <see cref="RuleContext.CountOnly"/>); the harmonic analysis is made on first use, once.
    /// </summary>
    public RuleContext RuleContext => _ruleContext ??= new RuleContext(Grid, Analysis, explain: false, Plan.Key, Plan.Key.Signature.Fifths, countOnly: true);

    /// <summary>A context whose rules write messages, for reports (shares the analysis).</summary>
    public RuleContext ExplainedRuleContext => _explained ??= new RuleContext(Grid, Analysis, explain: true, Plan.Key, Plan.Key.Signature.Fifths);

    private HarmonicAnalysis? _analysis;
    private RuleContext? _ruleContext, _explained;
    private List<Violation>? _ruleScratch;

    /// <summary>A list the rule terms reuse to count violations in <see cref="RuleContext"/> (one per evaluation, so terms on other threads never share it).</summary>
    internal List<Violation> RuleScratch => _ruleScratch ??= new List<Violation>(64);

    /// <summary>The genome.</summary>
    public ChoraleGenome Genome { get; }
    /// <summary>Its plan.</summary>
    public PhrasePlan Plan => Genome.Plan;
    /// <summary>Its slice grid.</summary>
    public SliceGrid Grid { get; }
    /// <summary>The slice sounding at the start of each beat.</summary>
    public ReadOnlySpan<int> BeatSlice => _beatSlice;
    /// <summary>The chord at each beat (identified from the notes sounding at its start).</summary>
    public ReadOnlySpan<Chord> Chords => _chords;

    /// <summary>Which member of its beat's chord each voice sounds, <c>[beat * 4 + voice]</c>.</summary>
    public ReadOnlySpan<ChordMember> Members => _members;

    /// <summary>Scale degree (0 = tonic) of the chord root at a beat, or −1 when no chord was found.</summary>
    public int RootDegree(int beat)
    {
        var c = _chords[beat];
        return c.IsKnown ? KeyScale.Mod((int)c.RootStep - (int)Plan.Key.Tonic, 7) : -1;
    }
}

/// <summary>How serious a finding is (as in the rule catalogue: error, warning, info).</summary>
public enum FindingSeverity
{
    /// <summary>A breach of a strict rule (parallel fifths).</summary>
    Error,
    /// <summary>Usually avoided (hidden fifths).</summary>
    Warning,
    /// <summary>Worth knowing: a matter of style or taste.</summary>
    Info,
}

/// <summary>One place a term found something: where, which voices, what, how serious, and its cost.</summary>
/// <param name="Term">The term's name.</param>
/// <param name="Severity">How serious.</param>
/// <param name="Slice">The slice in the grid.</param>
/// <param name="Voices">The voices involved, highest first.</param>
/// <param name="Message">A sentence a student can read.</param>
/// <param name="Cost">What it added to the term's value.</param>
public sealed record TermFinding(string Term, FindingSeverity Severity, int Slice, IReadOnlyList<string> Voices, string Message, double Cost);
