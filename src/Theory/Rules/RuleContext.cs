using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Rules;

/// <summary>
/// What a rule looks at: the grid and its harmonic analysis, and whether to write messages (a fitness
/// function turns them off to save the formatting). The analysis and the shared motion lists are computed on
/// first use and kept; filling them is deterministic, so a context may be read from several threads, but the
/// cheap way is one context per evaluated piece.
/// </summary>
public sealed class RuleContext
{
    private HarmonicAnalysis? _analysis;
    private readonly Key? _declared;
    private readonly int _signatureFifths;

    /// <summary>Creates a context; the analysis is computed on first use unless given.</summary>
    public RuleContext(SliceGrid grid, HarmonicAnalysis? analysis = null, bool explain = true, Key? declaredKey = null, int signatureFifths = 0)
        : this(grid, analysis, explain, declaredKey, signatureFifths, countOnly: false)
    {
    }

    /// <summary>
    /// Creates a context; with <paramref name="countOnly"/> the rules only count: every violation they report is one
    /// shared placeholder (<see cref="Counted"/>) without place or message, so a fitness function that needs the
    /// number of violations per rule allocates nothing for them. Run the same rules on a normal context to see them.
    /// </summary>
    public RuleContext(SliceGrid grid, HarmonicAnalysis? analysis, bool explain, Key? declaredKey, int signatureFifths, bool countOnly)
    {
        Grid = grid ?? throw new ArgumentNullException(nameof(grid));
        _analysis = analysis;
        Explain = explain && !countOnly;
        CountOnly = countOnly;
        _declared = declaredKey;
        _signatureFifths = signatureFifths;
    }

    /// <summary>Whether rules only count their violations (each reported violation is <see cref="Counted"/>).</summary>
    public bool CountOnly { get; }

    /// <summary>The placeholder a count-only context reports for every violation: only the number of them means anything.</summary>
    public static Violation Counted { get; } = new()
    {
        RuleId = "",
        Severity = Severity.Info,
        Slice = -1,
        Measure = 0,
        Beat = Rational.Zero,
        Onset = Rational.Zero,
    };

    // Made on first use; each is published with one reference write, so a context read from several threads sees a whole one.
    private Chorale.PerfectMotion.Events? _perfectAll, _perfectBeats;
    private Chorale.MelodicMoves.Lines? _moves;
    private sbyte[]? _leadingTones;

    /// <summary>Motion into perfect intervals between every pair of voices, computed once for the rules that need it.</summary>
    internal ReadOnlySpan<Chorale.PerfectMotion.Event> PerfectEvents(bool beatsOnly) => beatsOnly
        ? (_perfectBeats ??= new(Chorale.PerfectMotion.Collect(Grid, true))).All
        : (_perfectAll ??= new(Chorale.PerfectMotion.Collect(Grid, false))).All;

    /// <summary>Every melodic interval of every voice, and apart the leaps, computed once for the melodic rules.</summary>
    internal Chorale.MelodicMoves.Lines MelodicMoves => _moves ??= Chorale.MelodicMoves.Collect(Grid);

    /// <summary>Per slice, the leading tone's pitch class where the chord is V or vii° of the key, else −1 (for the leading-tone rules).</summary>
    internal ReadOnlySpan<sbyte> LeadingTones => _leadingTones ??= Chorale.LeadingToneChords.Of(Analysis);

    /// <summary>The music.</summary>
    public SliceGrid Grid { get; }
    /// <summary>Keys, chords, non-chord tones and cadences (computed once, lazily, thread-safe).</summary>
    public HarmonicAnalysis Analysis => _analysis ?? Interlocked.CompareExchange(ref _analysis, HarmonicAnalysis.Analyze(Grid, _declared, _signatureFifths), null) ?? _analysis!;
    /// <summary>Whether rules write messages and notes.</summary>
    public bool Explain { get; }

    /// <summary>
    /// Creates a violation at a slice for the given voices (−1: none), filling the location from the grid. Rules build
    /// the message in a separate method only when <see cref="Explain"/> is true.
    /// </summary>
    public Violation Report(RuleSettings settings, int slice, int voiceA, int voiceB, string message, string[]? notes = null, Key? key = null)
    {
        if (CountOnly) return Counted;
        var g = Grid;
        var voices = voiceA < 0 ? [] : voiceB < 0 ? System.Collections.Immutable.ImmutableArray.Create(g.VoiceNames[voiceA])
            : System.Collections.Immutable.ImmutableArray.Create(g.VoiceNames[voiceA], g.VoiceNames[voiceB]);
        return new Violation
        {
            RuleId = settings.Rule.Id,
            Severity = settings.Severity,
            Slice = slice,
            Measure = g.Measures[slice],
            Beat = g.Beats[slice],
            Onset = g.Onsets[slice],
            Voices = voices,
            Notes = Explain && notes is not null ? [.. notes] : [],
            Message = Explain ? message : "",
            Key = key,
        };
    }

    /// <summary>"alto D4" for a cell.</summary>
    public string NoteName(int slice, int voice) => $"{Grid.VoiceNames[voice]} {Grid.PitchAt(slice, voice)}";

    /// <summary>"alto D4→E4" for a voice's motion between two slices.</summary>
    public string Motion(int from, int to, int voice) => $"{Grid.VoiceNames[voice]} {Grid.PitchAt(from, voice)}→{Grid.PitchAt(to, voice)}";
}
