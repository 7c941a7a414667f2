using System.Collections.Immutable;
using System.Diagnostics;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Evolution.Composition;

/// <summary>How <see cref="HarmonizationBenchmark.Run"/> harmonizes each melody. Validated by <see cref="Validate"/>.</summary>
public sealed record HarmonizationBenchmarkOptions
{
    /// <summary>The methods the benchmark knows: the GA (<see cref="ChoraleComposer"/>), and the two baselines.</summary>
    public static ImmutableArray<string> AllMethods { get; } = ["ga", "markov", "recombinant"];

    /// <summary>The mined models: the GA's Markov term and lexicon, and both baselines.</summary>
    public required ChoraleModels Models { get; init; }
    /// <summary>The seed; melody <c>i</c> uses <c>Seed + i</c>.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>The methods to run, in order; default all of <see cref="AllMethods"/>.</summary>
    public ImmutableArray<string> Methods { get; init; } = AllMethods;
    /// <summary>GA individuals per island; default 60 (as <c>harmonize</c>).</summary>
    public int Population { get; init; } = 60;
    /// <summary>GA generations; default 150 (as <c>harmonize</c>).</summary>
    public int Generations { get; init; } = 150;
    /// <summary>GA islands; default 2 (as <c>harmonize</c>).</summary>
    public int Islands { get; init; } = 2;
    /// <summary>Threads evaluating the GA's fitness (the result does not depend on it); default 1.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>The GA's fitness weights; default <see cref="FitnessWeights.Default"/>.</summary>
    public FitnessWeights Weights { get; init; } = FitnessWeights.Default;
    /// <summary>The style classifier of the GA's fitness, if any.</summary>
    public Learning.Style.StyleScorer? Style { get; init; }
    /// <summary>The rules whose error-severity violations are counted; default the "strict" preset (as <c>check</c>).</summary>
    public RuleSet Rules { get; init; } = RuleSet.Preset("strict");

    /// <summary>Throws on the first absurd option, naming it.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Models);
        ArgumentNullException.ThrowIfNull(Rules);
        if (Methods.IsDefaultOrEmpty) throw new ArgumentException("At least one method is needed.", nameof(Methods));
        foreach (var m in Methods)
            if (!AllMethods.Contains(m)) throw new ArgumentException($"Unknown method '{m}'; known: {string.Join(", ", AllMethods)}.", nameof(Methods));
        new CompositionOptions { Plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime), Seed = Seed, Population = Population, Generations = Generations, Islands = Islands, Threads = Threads, Weights = Weights }.Validate();
    }
}

/// <summary>How one harmonization compares with Bach's, in counts of beats.</summary>
/// <param name="Beats">Beats (quarter notes) in the chorale.</param>
/// <param name="Errors">Error-severity violations of the rule set.</param>
/// <param name="ChordBeats">Beats where Bach's chord is identified (the denominator of chord agreement).</param>
/// <param name="ChordMatches">Of those, beats where the harmonization's chord has the same root and triad quality.</param>
/// <param name="BassBeats">Beats where Bach's bass sounds.</param>
/// <param name="BassMatches">Of those, beats where the harmonization's bass has the same pitch class.</param>
/// <param name="MelodyErrors">Of <paramref name="Errors"/>, those in the given soprano alone (no harmonizer can mend them).</param>
public readonly record struct HarmonizationScore(int Beats, int Errors, int ChordBeats, int ChordMatches, int BassBeats, int BassMatches, int MelodyErrors = 0)
{
    /// <summary>Share of <see cref="ChordBeats"/> that match (0 when there are none).</summary>
    public double ChordAgreement => ChordBeats == 0 ? 0 : (double)ChordMatches / ChordBeats;
    /// <summary>Share of <see cref="BassBeats"/> that match (0 when there are none).</summary>
    public double BassAgreement => BassBeats == 0 ? 0 : (double)BassMatches / BassBeats;
}

/// <summary>One melody harmonized by one method.</summary>
/// <param name="Index">The chorale's index in the split.</param>
/// <param name="Method">"bach" (the original, for reference), "ga", "markov" or "recombinant".</param>
/// <param name="Key">The key estimated from the melody.</param>
/// <param name="Phrases">Phrases planned.</param>
/// <param name="Score">The comparison with Bach.</param>
/// <param name="Seconds">Wall time of the harmonization (not of the comparison).</param>
/// <param name="ErrorsByRule">The error-severity violations per rule id (rules with none are absent).</param>
public sealed record HarmonizedMelody(int Index, string Method, Key Key, int Phrases, HarmonizationScore Score, double Seconds, ImmutableSortedDictionary<string, int> ErrorsByRule);

/// <summary>One method over all melodies.</summary>
/// <param name="Method">The method.</param>
/// <param name="Pieces">Melodies harmonized.</param>
/// <param name="ErrorsPerPiece">Mean error-severity violations per piece.</param>
/// <param name="MelodyErrorsPerPiece">Of those, the mean in the given soprano alone.</param>
/// <param name="PiecesWithErrors">Pieces with at least one.</param>
/// <param name="ChordAgreement">Matching beats over compared beats, pooled over all pieces.</param>
/// <param name="BassAgreement">Matching bass beats over compared beats, pooled over all pieces.</param>
/// <param name="SecondsPerPiece">Mean wall time per piece.</param>
/// <param name="ErrorsByRule">Error-severity violations per rule id over all pieces.</param>
public sealed record HarmonizationSummary(string Method, int Pieces, double ErrorsPerPiece, double MelodyErrorsPerPiece, int PiecesWithErrors, double ChordAgreement, double BassAgreement, double SecondsPerPiece,
    ImmutableSortedDictionary<string, int> ErrorsByRule);

/// <summary>The benchmark's outcome: every melody by every method, and a summary per method ("bach" first).</summary>
/// <param name="Melodies">Per melody and method, in order.</param>
/// <param name="Summaries">Per method.</param>
public sealed record HarmonizationBenchmarkResult(IReadOnlyList<HarmonizedMelody> Melodies, IReadOnlyList<HarmonizationSummary> Summaries);

/// <summary>
/// Harmonizes the soprano lines of JSB-split chorales (four voices of MIDI pitches on a 16th-note grid, −1 = silence,
/// no meter, key or fermatas) with the GA and with the plain Markov and recombinant baselines, and compares each
/// harmonization with Bach's: error-severity violations of the project's own rules, and per beat the same chord
/// (root and triad quality, <see cref="HarmonicAnalysis"/> on both) and the same bass pitch class.
/// </summary>
/// <remarks>
/// What the split does not say is reconstructed the same way for every method: the meter is taken as 4/4 (most
/// chorales; the few in 3/4 are then barred wrongly, for all methods alike); a pickup is the remainder of the length
/// in beats modulo 4 (Bach's chorales with a pickup end on a full measure, so the beats left over open the piece);
/// repeated notes are merged into held ones (the split cannot tell them apart); the key is estimated from the
/// melody alone (<see cref="KeyEstimator"/> via <see cref="MelodyPlanner"/>); and phrase ends, in place of the missing
/// fermatas, are soprano notes of at least a half note that start on a strong beat (1 or 3) at least six beats after
/// the previous phrase end (where there are none, <see cref="MelodyPlanner"/> cuts the melody every two measures).
/// Chord agreement counts the beats where Bach's chord is identified; bass agreement the beats where his bass sounds.
/// </remarks>
public static class HarmonizationBenchmark
{
    private static readonly Rational Sixteenth = new(1, 4);
    private static readonly string[] VoiceNames = ["Soprano", "Alto", "Tenor", "Bass"];

    /// <summary>Harmonizes every chorale's soprano by each method and compares it with Bach's.</summary>
    /// <param name="chorales">Chorales as frames of four MIDI pitches (SATB, −1 = silence) on a 16th-note grid.</param>
    /// <param name="options">Models, methods and the GA's budget.</param>
    /// <param name="progress">Receives each harmonized melody as it is done.</param>
    /// <param name="cancellation">Stops between melodies (and inside a GA run).</param>
    /// <exception cref="ArgumentException">An absurd option, or a chorale without notes.</exception>
    public static HarmonizationBenchmarkResult Run(IReadOnlyList<int[][]> chorales, HarmonizationBenchmarkOptions options, IProgress<HarmonizedMelody>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(chorales);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var melodies = new List<HarmonizedMelody>();
        for (int index = 0; index < chorales.Count; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var m in HarmonizeOne(index, chorales[index], options, cancellation))
            {
                melodies.Add(m);
                progress?.Report(m);
            }
        }
        var summaries = melodies.GroupBy(m => m.Method)
            .Select(g =>
            {
                var total = g.Aggregate(new HarmonizationScore(), (a, m) => new HarmonizationScore(a.Beats + m.Score.Beats, a.Errors + m.Score.Errors,
                    a.ChordBeats + m.Score.ChordBeats, a.ChordMatches + m.Score.ChordMatches, a.BassBeats + m.Score.BassBeats, a.BassMatches + m.Score.BassMatches, a.MelodyErrors + m.Score.MelodyErrors));
                int n = g.Count();
                return new HarmonizationSummary(g.Key, n, (double)total.Errors / n, (double)total.MelodyErrors / n, g.Count(m => m.Score.Errors > 0), total.ChordAgreement, total.BassAgreement, g.Sum(m => m.Seconds) / n,
                    g.SelectMany(m => m.ErrorsByRule).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToImmutableSortedDictionary(r => r.Key, r => r.Sum(kv => kv.Value), StringComparer.Ordinal));
            })
            .ToList();
        return new HarmonizationBenchmarkResult(melodies, summaries);
    }

    private static IEnumerable<HarmonizedMelody> HarmonizeOne(int index, int[][] frames, HarmonizationBenchmarkOptions options, CancellationToken cancellation)
    {
        frames = Trim(frames);
        if (frames.Length < 8) throw new ArgumentException($"Chorale {index} has no notes.");
        PhrasePlan plan;
        try
        {
            // The key is estimated from the melody; the melody is then spelled in it (as a file in that key would be).
            var key0 = MelodyPlanner.Plan(MelodyScore(frames)).Key;
            plan = MelodyPlanner.Plan(MelodyScore(frames, key0), key0);
        }
        catch (ArgumentException e) { throw new ArgumentException($"Chorale {index}: {e.Message}", e); }
        var key = plan.Key;
        var bach = ToScore(frames, key);
        var bachAnalysis = Analyze(bach);
        var (bachScore, bachErrors) = Compare(bachAnalysis, bach, bachAnalysis, options.Rules);
        var results = new List<HarmonizedMelody> { new(index, "bach", key, plan.Phrases.Length, bachScore, 0, bachErrors) };
        ulong seed = options.Seed + (ulong)index;
        foreach (var method in options.Methods)
        {
            var watch = Stopwatch.StartNew();
            Score candidate = method switch
            {
                "ga" => ChoraleComposer.Compose(new CompositionOptions
                {
                    Plan = plan, Seed = seed, Population = options.Population, Generations = options.Generations, Islands = options.Islands,
                    Threads = options.Threads, Weights = options.Weights, Models = options.Models, Style = options.Style,
                }, null, cancellation).ToScore(),
                _ => Baseline(method, frames, plan, options.Models, new Random(unchecked((int)(seed * 0x9E3779B1UL)))),
            };
            double seconds = watch.Elapsed.TotalSeconds;
            var (score, errors) = Compare(Analyze(candidate), candidate, bachAnalysis, options.Rules);
            results.Add(new HarmonizedMelody(index, method, key, plan.Phrases.Length, score, seconds, errors));
        }
        return results;
    }

    /// <summary>A baseline's lower voices under Bach's soprano, as a score in the melody's key.</summary>
    private static Score Baseline(string method, int[][] frames, PhrasePlan plan, ChoraleModels models, Random random)
    {
        int beats = plan.Beats, bpm = plan.Meter.BeatsPerMeasure;
        int toC = MinedScores.SemitonesToC(plan.Key);
        var soprano = new int[beats];
        var positions = new int[beats];
        var ends = new bool[beats];
        for (int b = 0; b < beats; b++)
        {
            soprano[b] = Math.Clamp(plan.Melody!.Main[b].Midi + toC, 1, 127);
            positions[b] = plan.BeatInMeasure(b) - 1;
        }
        for (int p = 0; p < plan.Phrases.Length; p++)
        {
            // The phrase end of the mined corpus is the last beat of the fermata note.
            int end = plan.PhraseStarts[p] + plan.Phrases[p].Beats - 1;
            ends[end] = true;
        }
        var mode = plan.Key.Mode;
        GeneratedPiece piece = method == "markov"
            ? models.HarmonizeMarkov(soprano, mode, positions, bpm, ends, random)
            : models.HarmonizeRecombinant(soprano, mode, positions, bpm, ends, random);
        var lower = new int[frames.Length][];
        for (int f = 0; f < frames.Length; f++)
        {
            int b = Math.Min(f / 4, beats - 1), slot = f / 4 < beats ? f % 4 : 3;
            var g = piece.Beats[b];
            lower[f] = [frames[f][0], Shift(g.Pitch(1, slot), toC), Shift(g.Pitch(2, slot), toC), Shift(g.Pitch(3, slot), toC)];
        }
        return ToScore(lower, plan.Key);
    }

    private static int Shift(int pitchInC, int toC) => pitchInC == 0 ? -1 : Math.Clamp(pitchInC - toC, 0, 127);

    /// <summary>Frames without the silent ones at the end.</summary>
    private static int[][] Trim(int[][] frames)
    {
        int n = frames.Length;
        while (n > 0 && frames[n - 1].All(p => p < 0)) n--;
        int start = 0;
        while (start < n && frames[start][0] < 0) start++;
        return frames[start..n];
    }

    /// <summary>
    /// The soprano as a one-part score (4/4 with the pickup the length implies), with a fermata on each long note
    /// that stands in for a phrase end (see the remarks of <see cref="HarmonizationBenchmark"/>), spelled in
    /// <paramref name="key"/> (C major when null).
    /// </summary>
    public static Score MelodyScore(int[][] frames, Key? key = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var plain = ToScore(frames, key, voices: 1);
        int pickup = PickupBeats(frames.Length);
        var notes = plain.Parts[0].Notes;
        var marked = new List<Note>(notes.Length);
        int lastEnd = 0; // in 16ths
        for (int i = 0; i < notes.Length; i++)
        {
            var n = notes[i];
            int onset = (int)(n.Onset * 4).Floor(), length = (int)(n.Duration * 4).Floor();
            int inMeasure = ((onset - 4 * pickup) % 16 + 16) % 16;
            bool last = i == notes.Length - 1;
            bool end = last || (length >= 8 && inMeasure % 8 == 0 && onset - lastEnd >= 24);
            if (end) lastEnd = onset + length;
            marked.Add(n with { Fermata = end });
        }
        return plain.WithParts([plain.Parts[0].WithNotes(marked)]);
    }

    private static int PickupBeats(int frames) => (frames + 3) / 4 % 4;

    /// <summary>
    /// A score of the first <paramref name="voices"/> voices of the frames (repeated pitches merged into held notes),
    /// in 4/4 with the pickup the length implies, spelled in <paramref name="key"/> (C major when null).
    /// </summary>
    public static Score ToScore(int[][] frames, Key? key, int voices = 4)
    {
        ArgumentNullException.ThrowIfNull(frames);
        int fifths = key?.Fifths ?? 0;
        var parts = new List<Part>();
        int pickup = PickupBeats(frames.Length);
        int MeasureOf(int frame) => pickup == 0 ? frame / 16 + 1 : frame < pickup * 4 ? 0 : (frame - pickup * 4) / 16 + 1;
        for (int v = 0; v < voices; v++)
        {
            var notes = new List<Note>();
            int f = 0;
            while (f < frames.Length)
            {
                int p = frames[f][v];
                int g = f + 1;
                while (g < frames.Length && frames[g][v] == p) g++;
                if (p >= 0) notes.Add(new Note(Pitch.FromMidi(p, fifths), Sixteenth * f, Sixteenth * (g - f), MeasureOf(f)));
                f = g;
            }
            parts.Add(new Part(VoiceNames[v], notes));
        }
        var length = new Rational((frames.Length + 3) / 4, 1);
        var measures = new List<Measure>();
        var at = Rational.Zero;
        int number = 1;
        if (pickup > 0) { measures.Add(new Measure(0, at, pickup)); at += pickup; }
        for (; at < length; at += 4, number++) measures.Add(new Measure(number, at, Rational.Min(new Rational(4, 1), length - at)));
        return new Score(parts, [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(Math.Clamp(fifths, -7, 7)))],
            key, measures);
    }

    private static HarmonicAnalysis Analyze(Score score) => HarmonicAnalysis.Analyze(SliceGrid.FromScore(score), score.Key, score.KeySignature.Fifths);

    /// <summary>Compares a harmonization with Bach's at every beat onset, and counts its error-severity violations.</summary>
    private static (HarmonizationScore Score, ImmutableSortedDictionary<string, int> ErrorsByRule) Compare(HarmonicAnalysis ours, Score score, HarmonicAnalysis bach, RuleSet rules)
    {
        var context = new RuleContext(ours.Grid, ours, true, score.Key, score.KeySignature.Fifths);
        var violations = RuleChecker.Check(context, rules).Violations.Where(v => v.Severity == Severity.Error).ToList();
        int melodyErrors = violations.Count(v => v.Voices.Length > 0 && v.Voices.All(x => x.Equals("soprano", StringComparison.OrdinalIgnoreCase)));
        var byRule = violations
            .GroupBy(v => v.RuleId, StringComparer.Ordinal).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int errors = byRule.Values.Sum();
        int beats = (int)bach.Grid.Onsets[^1].Floor() + 1;
        int chordBeats = 0, chordMatches = 0, bassBeats = 0, bassMatches = 0;
        int so = -1, sb = -1;
        for (int b = 0; b < beats; b++)
        {
            var t = new Rational(b, 1);
            sb = SliceAt(bach.Grid, t, sb);
            so = SliceAt(ours.Grid, t, so);
            if (sb < 0) continue;
            var theirs = bach.Chords[sb];
            if (theirs.IsKnown)
            {
                chordBeats++;
                var mine = so >= 0 ? ours.Chords[so] : default;
                if (mine.IsKnown && mine.RootPitchClass == theirs.RootPitchClass && mine.Triad == theirs.Triad) chordMatches++;
            }
            int bass = bach.Grid.MidiAt(sb, 3);
            if (bass >= 0)
            {
                bassBeats++;
                int myBass = so >= 0 && ours.Grid.VoiceCount > 3 ? ours.Grid.MidiAt(so, 3) : -1;
                if (myBass >= 0 && myBass % 12 == bass % 12) bassMatches++;
            }
        }
        return (new HarmonizationScore(beats, errors, chordBeats, chordMatches, bassBeats, bassMatches, melodyErrors), byRule);
    }

    /// <summary>The last slice starting at or before <paramref name="t"/>, searching on from <paramref name="from"/>.</summary>
    private static int SliceAt(SliceGrid grid, Rational t, int from)
    {
        var onsets = grid.Onsets;
        int s = Math.Max(from, -1);
        while (s + 1 < grid.SliceCount && onsets[s + 1] <= t) s++;
        return s;
    }
}
