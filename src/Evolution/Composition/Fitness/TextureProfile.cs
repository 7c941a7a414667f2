using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// Statistics of a four-voice texture that tell a Bach chorale from a plainer harmonization: how much eighth-note
/// motion there is, how the bass and the soprano move, how often the inner voices leap, how often chords change
/// and in which inversion, and how the roots move. Measured the same way on a composed chorale (its
/// <see cref="SliceGrid"/>) and on a corpus score (<see cref="SliceGrid.FromScore"/>), so the targets in
/// <see cref="BachMeans"/> come from the corpus with the very code that judges a genome. Voices are taken highest
/// first: soprano, alto, tenor, bass. Immutable.
/// </summary>
public sealed class TextureProfile
{
    /// <summary>The statistics, in the order of <see cref="Values"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "eighth-beats", "inner-density", "bass-density",
        "soprano-step", "soprano-leap", "soprano-repeat", "soprano-turns",
        "bass-step", "bass-leap", "bass-octave", "bass-turns", "inner-leap",
        "chord-changes", "root-position", "sevenths", "root-fifth", "back-and-forth",
    ];

    /// <summary>What each statistic is, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<string> Descriptions { get; } =
    [
        "share of beats on whose off-beat some voice attacks a note",
        "notes attacked per beat by the alto and tenor (mean of the two)",
        "notes attacked per beat by the bass",
        "share of the soprano's moves that are steps (1–2 semitones)",
        "share of the soprano's moves that are leaps of a fourth or more",
        "share of the soprano's moves that repeat the note",
        "share of the soprano's moves (repeats skipped) that turn against the previous direction",
        "share of the bass's moves that are steps",
        "share of the bass's moves that are leaps of a fourth or more",
        "share of the bass's moves that are octave leaps",
        "share of the bass's moves (repeats skipped) that turn against the previous direction",
        "share of the alto's and tenor's moves that are leaps of a fourth or more",
        "share of beat-to-beat chord successions that change root or quality",
        "share of the chords on beats in root position",
        "share of the chords on beats with a seventh",
        "share of root changes by a fourth or fifth",
        "share of chord changes that return to the chord before (X–Y–X)",
    ];

    /// <summary>
    /// Bach's means over the 370 kern chorales (<c>bach-chorales</c>), each chorale measured whole, in the order of
    /// <see cref="Names"/>. The test <c>TextureProfileTests</c> recomputes them from the corpus.
    /// </summary>
    public static IReadOnlyList<double> BachMeans { get; } =
        [0.565, 1.110, 1.165, 0.702, 0.073, 0.149, 0.450, 0.632, 0.268, 0.042, 0.501, 0.098, 0.842, 0.665, 0.165, 0.553, 0.188];

    /// <summary>Bach's standard deviations between chorales, in the order of <see cref="Names"/> (the unit of <see cref="Distance()"/>).</summary>
    public static IReadOnlyList<double> BachDeviations { get; } =
        [0.184, 0.170, 0.194, 0.095, 0.047, 0.084, 0.075, 0.086, 0.068, 0.029, 0.072, 0.033, 0.072, 0.071, 0.063, 0.095, 0.083];

    private readonly double[] _values;

    private TextureProfile(double[] values) => _values = values;

    /// <summary>The statistics, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>A statistic by name.</summary>
    /// <exception cref="KeyNotFoundException">No statistic has that name.</exception>
    public double this[string name]
    {
        get
        {
            int i = IndexOf(name);
            return i >= 0 ? _values[i] : throw new KeyNotFoundException($"No texture statistic is named '{name}'.");
        }
    }

    private static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        return -1;
    }

    /// <summary>Σ |value − Bach's mean| / Bach's deviation over the statistics: 0 for a texture exactly like Bach's on average.</summary>
    public double Distance() => Distance(_values);

    internal static double Distance(ReadOnlySpan<double> values)
    {
        double d = 0;
        for (int i = 0; i < values.Length; i++) d += Math.Abs(values[i] - BachMeans[i]) / BachDeviations[i];
        return d;
    }

    /// <summary>The profile of a score (its first four parts, highest first).</summary>
    /// <exception cref="ArgumentException">The score has fewer than four parts.</exception>
    public static TextureProfile Of(Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Parts.Length < 4) throw new ArgumentException("A texture profile needs four voices.", nameof(score));
        return Of(SliceGrid.FromScore(score), score.Meter.BeatLength);
    }

    /// <summary>The profile of a four-voice slice grid whose beats last <paramref name="beatLength"/> quarter notes.</summary>
    /// <exception cref="ArgumentException">The grid has fewer than four voices.</exception>
    public static TextureProfile Of(SliceGrid grid, Rational beatLength)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var values = new double[Names.Count];
        Measure(grid, beatLength, values);
        return new TextureProfile(values);
    }

    /// <summary>
    /// Writes the statistics of a grid into <paramref name="values"/> (length <see cref="Names"/>.Count). The chords of
    /// the slices that start on a beat are identified here, unless <paramref name="onBeatChords"/> gives them, one per
    /// such slice in order (the genome's evaluation has them already).
    /// </summary>
    internal static void Measure(SliceGrid grid, Rational beatLength, Span<double> values, ReadOnlySpan<Chord> onBeatChords = default)
    {
        if (grid.VoiceCount < 4) throw new ArgumentException("A texture profile needs four voices.", nameof(grid));
        int voices = grid.VoiceCount, slices = grid.SliceCount;
        var midi = grid.Midi;
        var attacked = grid.Attacked;
        double quarters = 0;
        for (int s = 0; s < slices; s++) quarters += grid.Durations[s].ToDouble();
        double beats = Math.Max(1, quarters / beatLength.ToDouble());

        // Eighth motion: beats with an attack off the beat.
        int offBeats = 0;
        long lastKey = long.MinValue;
        for (int s = 0; s < slices; s++)
        {
            var position = grid.Beats[s];
            if (position.Denominator == 1) continue;
            bool any = false;
            for (int v = 0; v < voices && !any; v++) any = attacked[s * voices + v] && midi[s * voices + v] >= 0;
            if (!any) continue;
            long key = grid.Measures[s] * 1024L + position.Floor();
            if (key != lastKey) { offBeats++; lastKey = key; }
        }
        values[0] = Math.Min(1, offBeats / beats);

        // Melodic statistics per voice (counted without branches on the intervals: random candidates mispredict them).
        var soprano = VoiceStats.Of(midi, attacked, voices, 0, slices);
        var alto = VoiceStats.Of(midi, attacked, voices, 1, slices);
        var tenor = VoiceStats.Of(midi, attacked, voices, 2, slices);
        var bass = VoiceStats.Of(midi, attacked, voices, voices - 1, slices);
        int octaves = bass.Octaves;
        static double Share(int x, int n) => n == 0 ? 0 : (double)x / n;
        values[1] = (alto.Attacks + tenor.Attacks) / (2 * beats);
        values[2] = bass.Attacks / beats;
        values[3] = Share(soprano.Steps, soprano.Moves);
        values[4] = Share(soprano.Leaps, soprano.Moves);
        values[5] = Share(soprano.Repeats, soprano.Moves);
        values[6] = Share(soprano.Turns, soprano.Directed);
        values[7] = Share(bass.Steps, bass.Moves);
        values[8] = Share(bass.Leaps, bass.Moves);
        values[9] = Share(octaves, bass.Moves);
        values[10] = Share(bass.Turns, bass.Directed);
        values[11] = Share(alto.Leaps + tenor.Leaps, alto.Moves + tenor.Moves);

        // Chords on the beats.
        Span<ChordMember> members = stackalloc ChordMember[voices];
        int successions = 0, changes = 0, known = 0, root = 0, sevenths = 0, rootChanges = 0, fifths = 0, returns = 0;
        Chord previous = default, beforePrevious = default;
        bool hasPrevious = false, hasBefore = false;
        int onBeat = 0;
        for (int s = 0; s < slices; s++)
        {
            if (grid.Beats[s].Denominator != 1) continue;
            var chord = onBeatChords.IsEmpty ? ChordIdentifier.Identify(grid, s, members) : onBeatChords[onBeat];
            onBeat++;
            if (!chord.IsKnown) { hasPrevious = hasBefore = false; continue; }
            known++;
            if (chord.Inversion == 0) root++;
            if (chord.Seventh != SeventhQuality.None) sevenths++;
            if (hasPrevious)
            {
                successions++;
                if (chord.RootPitchClass != previous.RootPitchClass || chord.Triad != previous.Triad)
                {
                    changes++;
                    if (hasBefore && chord.RootPitchClass == beforePrevious.RootPitchClass && chord.Triad == beforePrevious.Triad) returns++;
                    if (chord.RootPitchClass != previous.RootPitchClass)
                    {
                        rootChanges++;
                        int interval = ((chord.RootPitchClass - previous.RootPitchClass) % 12 + 12) % 12;
                        if (interval is 5 or 7) fifths++;
                    }
                    beforePrevious = previous;
                    hasBefore = true;
                }
            }
            if (!hasPrevious || chord.RootPitchClass != previous.RootPitchClass || chord.Triad != previous.Triad) previous = chord;
            hasPrevious = true;
        }
        values[12] = Share(changes, successions);
        values[13] = Share(root, known);
        values[14] = Share(sevenths, known);
        values[15] = Share(fifths, rootChanges);
        values[16] = Share(returns, changes);
    }

    /// <summary>Melodic counts of one voice: attacks, moves, steps (1–2 semitones), leaps (5 or more), repeated notes, octave leaps, direction changes.</summary>
    private readonly record struct VoiceStats(int Attacks, int Moves, int Steps, int Leaps, int Repeats, int Octaves, int Turns, int Directed)
    {
        public static VoiceStats Of(ReadOnlySpan<int> midi, ReadOnlySpan<bool> attacked, int voices, int voice, int slices)
        {
            int attacks = 0, moves = 0, steps = 0, leaps = 0, repeats = 0, octaves = 0, turns = 0, directed = 0;
            int prev = -1, lastDir = 0;
            for (int s = 0, c = voice; s < slices; s++, c += voices)
            {
                int m = midi[c];
                if (!attacked[c] || m < 0) continue;
                attacks++;
                if (prev >= 0)
                {
                    int d = m - prev, a = Math.Abs(d);
                    moves++;
                    repeats += a == 0 ? 1 : 0;
                    steps += (uint)(a - 1) <= 1 ? 1 : 0;
                    leaps += a >= 5 ? 1 : 0;
                    octaves += a == 12 ? 1 : 0;
                    // A move counts towards direction changes when it and an earlier move are not repeats.
                    int dir = Math.Sign(d);
                    int counts = (dir != 0 && lastDir != 0) ? 1 : 0;
                    directed += counts;
                    turns += counts & (dir != lastDir ? 1 : 0);
                    lastDir = dir != 0 ? dir : lastDir;
                }
                prev = m;
            }
            return new VoiceStats(attacks, moves, steps, leaps, repeats, octaves, turns, directed);
        }
    }
}
