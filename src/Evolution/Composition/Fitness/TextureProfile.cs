using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>How many statistics there are.</summary>
    internal const int Count = 17;

    // Declared before the lists that wrap them (static fields are initialised in order).
    private static readonly double[] Means =
        [0.565, 1.110, 1.165, 0.702, 0.073, 0.149, 0.450, 0.632, 0.268, 0.042, 0.501, 0.098, 0.842, 0.665, 0.165, 0.553, 0.188];

    private static readonly double[] Deviations =
        [0.184, 0.170, 0.194, 0.095, 0.047, 0.084, 0.075, 0.086, 0.068, 0.029, 0.072, 0.033, 0.072, 0.071, 0.063, 0.095, 0.083];

    /// <summary>
    /// Bach's means over the 370 kern chorales (<c>bach-chorales</c>), each chorale measured whole, in the order of
    /// <see cref="Names"/>. The test <c>TextureProfileTests</c> recomputes them from the corpus.
    /// </summary>
    public static IReadOnlyList<double> BachMeans { get; } = Array.AsReadOnly(Means);

    /// <summary>Bach's standard deviations between chorales, in the order of <see cref="Names"/> (the unit of <see cref="Distance()"/>).</summary>
    public static IReadOnlyList<double> BachDeviations { get; } = Array.AsReadOnly(Deviations);

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
        for (int i = 0; i < values.Length; i++) d += Math.Abs(values[i] - Means[i]) / Deviations[i];
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
        var values = new double[Count];
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
        if (onBeatChords.IsEmpty) onBeatChords = OnBeatChords(grid);
        int voices = grid.VoiceCount, slices = grid.SliceCount;
        double quarters = 0;
        var durations = grid.Durations;
        for (int s = 0; s < slices; s++) quarters += durations[s].ToDouble();
        double beats = Math.Max(1, quarters / beatLength.ToDouble());
        values[0] = Math.Min(1, EighthBeats(grid) / beats);

        // Melodic statistics of the soprano, alto, tenor and bass, counted in one pass over the slices.
        var (soprano, alto, tenor, bass) = VoiceStats.Of(grid.Midi, grid.Attacked, voices, slices);
        values[1] = (alto.Attacks + tenor.Attacks) / (2 * beats);
        values[2] = bass.Attacks / beats;
        values[3] = Share(soprano.Steps, soprano.Moves);
        values[4] = Share(soprano.Leaps, soprano.Moves);
        values[5] = Share(soprano.Repeats, soprano.Moves);
        values[6] = Share(soprano.Turns, soprano.Directed);
        values[7] = Share(bass.Steps, bass.Moves);
        values[8] = Share(bass.Leaps, bass.Moves);
        values[9] = Share(bass.Octaves, bass.Moves);
        values[10] = Share(bass.Turns, bass.Directed);
        values[11] = Share(alto.Leaps + tenor.Leaps, alto.Moves + tenor.Moves);

        var chords = ChordStats.Of(onBeatChords);
        values[12] = Share(chords.Changes, chords.Successions);
        values[13] = Share(chords.RootPosition, chords.Known);
        values[14] = Share(chords.Sevenths, chords.Known);
        values[15] = Share(chords.Fifths, chords.RootChanges);
        values[16] = Share(chords.Returns, chords.Changes);
    }

    private static double Share(int x, int n) => n == 0 ? 0 : (double)x / n;

    /// <summary>The chords of the slices that start on a beat, in order.</summary>
    private static Chord[] OnBeatChords(SliceGrid grid)
    {
        var chords = new List<Chord>();
        var members = new ChordMember[grid.VoiceCount];
        for (int s = 0; s < grid.SliceCount; s++)
            if (grid.Beats[s].Denominator == 1) chords.Add(ChordIdentifier.Identify(grid, s, members));
        return [.. chords];
    }

    /// <summary>Eighth motion: how many beats have an attack off the beat.</summary>
    private static int EighthBeats(SliceGrid grid)
    {
        int voices = grid.VoiceCount, slices = grid.SliceCount, offBeats = 0;
        var midi = grid.Midi;
        var attacked = grid.Attacked;
        var positions = grid.Beats;
        long lastKey = long.MinValue;
        for (int s = 0; s < slices; s++)
        {
            var position = positions[s];
            if (position.Denominator == 1) continue;
            int any = 0;
            for (int c = s * voices, end = c + voices; c < end; c++) any |= Bit(attacked[c]) & (~midi[c] >>> 31);
            if (any == 0) continue;
            long key = grid.Measures[s] * 1024L + position.Floor();
            if (key != lastKey) { offBeats++; lastKey = key; }
        }
        return offBeats;
    }

    /// <summary>Counts of the chords on the beats: known chords, root position, sevenths, successions, changes (of root or quality), root changes, by a fourth or fifth, X–Y–X returns.</summary>
    private readonly record struct ChordStats(int Known, int RootPosition, int Sevenths, int Successions, int Changes, int RootChanges, int Fifths, int Returns)
    {
        /// <summary>
        /// The counts over the chords on the beats, in order. A succession joins two known chords and compares their root
        /// pitch classes and triad qualities only, so a chord is kept as pitch class × 4 + triad quality (−1 for an unknown
        /// chord, and for none before the first or the first change). Counted without branches on the chords (random
        /// candidates mispredict them).
        /// </summary>
        public static ChordStats Of(ReadOnlySpan<Chord> chords)
        {
            int successions = 0, changes = 0, known = 0, root = 0, sevenths = 0, rootChanges = 0, fifths = 0, returns = 0;
            int previous = -1, beforePrevious = -1;
            foreach (ref readonly var chord in chords)
            {
                int isKnown = Bit(chord.IsKnown), pitchClass = chord.RootPitchClass;
                int current = (pitchClass * 4 + (int)chord.Triad) | (isKnown - 1);
                known += isKnown;
                root += isKnown & Bit(chord.Inversion == 0);
                sevenths += isKnown & Bit(chord.Seventh != SeventhQuality.None);
                int succession = isKnown & (~previous >>> 31);
                int change = succession & Bit(current != previous), rootChange = succession & Bit(pitchClass != previous >> 2);
                successions += succession;
                changes += change;
                returns += change & Bit(current == beforePrevious);
                rootChanges += rootChange;
                int interval = pitchClass - (previous >> 2);
                interval += 12 & (interval >> 31);
                fifths += rootChange & Bit((interval == 5) | (interval == 7));
                // After a change the chord before is the previous one; an unknown chord forgets both.
                beforePrevious += (previous - beforePrevious) & -change;
                beforePrevious |= isKnown - 1;
                previous = current;
            }
            return new ChordStats(known, root, sevenths, successions, changes, rootChanges, fifths, returns);
        }
    }

    private static int Bit(bool b) => Intervals.Bit(b);

    /// <summary>Melodic counts of one voice: attacks, moves, steps (1–2 semitones), leaps (5 or more), repeated notes, octave leaps, direction changes.</summary>
    private readonly record struct VoiceStats(int Attacks, int Moves, int Steps, int Leaps, int Repeats, int Octaves, int Turns, int Directed)
    {
        /// <summary>
        /// The counts of the soprano, alto, tenor and bass (voices 0, 1, 2 and the lowest), in one pass: each lane of the
        /// vectors is a voice, and every count is a masked sum (no branches on the notes: random candidates mispredict them).
        /// A note counts when it is attacked and sounds; a move joins it to the voice's previous note.
        /// </summary>
        public static (VoiceStats Soprano, VoiceStats Alto, VoiceStats Tenor, VoiceStats Bass) Of(ReadOnlySpan<int> midi, ReadOnlySpan<bool> attacked, int voices, int slices)
        {
            var zero = Vector128<int>.Zero;
            // Counters hold minus the count (a true comparison is −1 in its lane). A voice's direction is the sign of its
            // last move that was not a repeat (kept as that move, 0 before there is one).
            Vector128<int> attacks = zero, moves = zero, steps = zero, leaps = zero, repeats = zero, octaves = zero, turns = zero, directed = zero;
            Vector128<int> prev = Vector128.Create(-1), lastDir = zero;
            for (int s = 0, c = 0; s < slices; s++, c += voices)
            {
                var (m, isAttacked) = Lanes(midi.Slice(c, voices), attacked.Slice(c, voices));
                var note = isAttacked & Vector128.GreaterThanOrEqual(m, zero);
                var move = note & Vector128.GreaterThanOrEqual(prev, zero);
                var d = m - prev;
                var a = Vector128.Abs(d);
                var repeat = Vector128.Equals(d, zero);
                attacks += note;
                moves += move;
                repeats += move & repeat;
                steps += move & (Vector128.Equals(a, Vector128.Create(1)) | Vector128.Equals(a, Vector128.Create(2)));
                leaps += move & Vector128.GreaterThanOrEqual(a, Vector128.Create(5));
                octaves += move & Vector128.Equals(a, Vector128.Create(12));
                // A move counts towards direction changes when it and an earlier move are not repeats; it turns when its
                // sign differs from the direction's.
                var directedMove = Vector128.AndNot(move, repeat);
                var counts = Vector128.AndNot(directedMove, Vector128.Equals(lastDir, zero));
                directed += counts;
                turns += counts & Vector128.ShiftRightArithmetic(d ^ lastDir, 31);
                lastDir = Vector128.ConditionalSelect(directedMove, d, lastDir);
                prev = Vector128.ConditionalSelect(note, m, prev);
            }
            VoiceStats Lane(int v) => new(-attacks[v], -moves[v], -steps[v], -leaps[v], -repeats[v], -octaves[v], -turns[v], -directed[v]);
            return (Lane(0), Lane(1), Lane(2), Lane(3));
        }

        /// <summary>The MIDI numbers of a slice's soprano, alto, tenor and bass, and whether each is attacked (−1) or not (0).</summary>
        private static (Vector128<int> Midi, Vector128<int> Attacked) Lanes(ReadOnlySpan<int> midi, ReadOnlySpan<bool> attacked)
        {
            if (midi.Length == 4)
            {
                var bytes = Vector128.CreateScalar(MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(attacked))).AsByte();
                return (Vector128.Create(midi), -Vector128.WidenLower(Vector128.WidenLower(bytes)).AsInt32());
            }
            int bass = midi.Length - 1;
            return (Vector128.Create(midi[0], midi[1], midi[2], midi[bass]), -Vector128.Create(Bit(attacked[0]), Bit(attacked[1]), Bit(attacked[2]), Bit(attacked[bass])));
        }
    }
}
