using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Style.Features;

/// <summary>
/// The compact form of an excerpt that feature extraction works on: per voice (highest first) flat arrays
/// of MIDI numbers, diatonic indices (for spelled chord reading), onsets and durations in integer ticks (<see cref="TicksPerQuarter"/> per quarter note,
/// relative to the excerpt's start), and fermata flags. Built once from a <see cref="Score"/> (or directly
/// by the genetic algorithm from its chromosome), then read many times without allocation.
/// Immutable after construction and thread-safe.
/// </summary>
public sealed class CompactExcerpt
{
    /// <summary>Ticks per quarter note (48: a 64th note, a 16th triplet and a 32nd are whole numbers of ticks).</summary>
    public const int TicksPerQuarter = 48;

    internal readonly int[] VoiceStart;
    internal readonly int[] Midi;
    internal readonly int[] Diatonic;
    internal readonly int[] Onset;
    internal readonly int[] Duration;
    internal readonly bool[] Fermata;

    /// <summary>
    /// Creates an excerpt from per-voice arrays (voices highest first; notes of a voice in onset order;
    /// onsets and durations in ticks from the excerpt's start).
    /// </summary>
    /// <param name="midi">MIDI numbers per voice.</param>
    /// <param name="onsets">Onsets in ticks per voice, non-decreasing.</param>
    /// <param name="durations">Durations in ticks per voice, positive.</param>
    /// <param name="fermatas">Fermata flags per voice, or null for none.</param>
    /// <param name="meter">The meter (gives beat and measure lengths).</param>
    /// <param name="lengthTicks">The excerpt's length in ticks; 0 to take the end of the last note.</param>
    /// <param name="diatonic">Diatonic indices (octave × 7 + step) per voice, or null to spell every MIDI number with sharps.</param>
    /// <exception cref="ArgumentException">The arrays disagree in shape, a MIDI number is outside 0–127, or an onset or duration is invalid.</exception>
    public CompactExcerpt(IReadOnlyList<int[]> midi, IReadOnlyList<int[]> onsets, IReadOnlyList<int[]> durations,
        IReadOnlyList<bool[]>? fermatas, Meter meter, int lengthTicks = 0, IReadOnlyList<int[]>? diatonic = null)
    {
        if (diatonic is not null && diatonic.Count != midi.Count) throw new ArgumentException("diatonic must have one array per voice.");
        if (onsets.Count != midi.Count || durations.Count != midi.Count || (fermatas is not null && fermatas.Count != midi.Count))
            throw new ArgumentException("midi, onsets, durations and fermatas must have one array per voice.");
        int total = 0;
        for (int v = 0; v < midi.Count; v++)
        {
            if (onsets[v].Length != midi[v].Length || durations[v].Length != midi[v].Length || (fermatas is not null && fermatas[v].Length != midi[v].Length)
                || (diatonic is not null && diatonic[v].Length != midi[v].Length))
                throw new ArgumentException($"voice {v}: midi, onsets, durations and fermatas must have the same length.");
            total += midi[v].Length;
        }
        VoiceStart = new int[midi.Count + 1];
        Midi = new int[total];
        Diatonic = new int[total];
        Onset = new int[total];
        Duration = new int[total];
        Fermata = new bool[total];
        int k = 0, end = 0;
        for (int v = 0; v < midi.Count; v++)
        {
            VoiceStart[v] = k;
            for (int i = 0; i < midi[v].Length; i++, k++)
            {
                if (durations[v][i] <= 0) throw new ArgumentException($"voice {v}, note {i}: duration must be positive.");
                if (onsets[v][i] < 0 || (i > 0 && onsets[v][i] < onsets[v][i - 1])) throw new ArgumentException($"voice {v}, note {i}: onsets must be non-negative and in order.");
                if ((uint)midi[v][i] > 127) throw new ArgumentException($"voice {v}, note {i}: MIDI number {midi[v][i]} is outside 0-127.");
                Midi[k] = midi[v][i];
                Diatonic[k] = diatonic is not null ? diatonic[v][i] : Pitch.FromMidi(midi[v][i]).DiatonicIndex;
                Onset[k] = onsets[v][i];
                Duration[k] = durations[v][i];
                Fermata[k] = fermatas is not null && fermatas[v][i];
                end = Math.Max(end, Onset[k] + Duration[k]);
            }
        }
        VoiceStart[midi.Count] = k;
        BeatTicks = Math.Max(1, (int)Math.Round(meter.BeatLength.ToDouble() * TicksPerQuarter));
        MeasureTicks = Math.Max(1, (int)Math.Round(meter.MeasureLength.ToDouble() * TicksPerQuarter));
        LengthTicks = lengthTicks > 0 ? lengthTicks : Math.Max(end, 1);
    }

    /// <summary>Number of voices (parts), including voices with no notes in this excerpt.</summary>
    public int VoiceCount => VoiceStart.Length - 1;
    /// <summary>Number of notes in all voices.</summary>
    public int NoteCount => Midi.Length;
    /// <summary>Ticks per beat of the meter (a dotted quarter in 6/8).</summary>
    public int BeatTicks { get; }
    /// <summary>Ticks per full measure of the meter.</summary>
    public int MeasureTicks { get; }
    /// <summary>The excerpt's length in ticks.</summary>
    public int LengthTicks { get; }

    /// <summary>The MIDI numbers of one voice.</summary>
    public ReadOnlySpan<int> MidiOf(int voice) => Midi.AsSpan(VoiceStart[voice], VoiceStart[voice + 1] - VoiceStart[voice]);

    /// <summary>The whole score as one excerpt.</summary>
    public static CompactExcerpt FromScore(Score score) =>
        Build(score, Rational.Zero, score.Length, null);

    /// <summary>
    /// The score's successive windows of <paramref name="measures"/> measures, starting every
    /// <paramref name="hop"/> measures; only complete windows are returned (a piece shorter than one window
    /// gives none). When the score has no barlines, measures follow from its first meter.
    /// </summary>
    /// <param name="score">The score.</param>
    /// <param name="measures">Measures per window, at least 1.</param>
    /// <param name="hop">Measures between window starts, at least 1.</param>
    /// <param name="topVoiceOnly">Keep only the highest part (for melody-only features).</param>
    public static IEnumerable<CompactExcerpt> Windows(Score score, int measures, int hop, bool topVoiceOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(measures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        var starts = MeasureStarts(score);
        for (int m = 0; m + measures < starts.Count; m += hop)
            yield return Build(score, starts[m], starts[m + measures], topVoiceOnly ? 1 : null);
    }

    /// <summary>The number of complete measures (the boundaries the windows use) of a score.</summary>
    public static int MeasureCount(Score score) => MeasureStarts(score).Count - 1;

    /// <summary>The highest voice alone.</summary>
    public CompactExcerpt TopVoice()
    {
        int n = VoiceCount == 0 ? 0 : VoiceStart[1];
        return new CompactExcerpt(
            [Midi[..n]], [Onset[..n]], [Duration[..n]], [Fermata[..n]], BeatTicks, MeasureTicks, LengthTicks, [Diatonic[..n]]);
    }

    /// <summary>
    /// The same music with every note that directly follows a note of the same pitch in its voice (no gap between
    /// them) merged into it, as if tied (a fermata on either stays on the merged note); this excerpt when there is
    /// none. Re-struck and tied notes then look the same, so features judge the music rather than how a score
    /// happens to write out held notes (generated pieces re-strike notes at beat boundaries where a source ties
    /// them).
    /// </summary>
    public CompactExcerpt WithRepeatsMerged()
    {
        int merged = 0;
        for (int v = 0; v < VoiceCount; v++)
            for (int i = VoiceStart[v] + 1; i < VoiceStart[v + 1]; i++)
                if (Continues(i)) merged++;
        if (merged == 0) return this;
        int total = NoteCount - merged;
        var midi = new int[VoiceCount][];
        var diatonic = new int[VoiceCount][];
        var onsets = new int[VoiceCount][];
        var durations = new int[VoiceCount][];
        var fermatas = new bool[VoiceCount][];
        for (int v = 0; v < VoiceCount; v++)
        {
            int s = VoiceStart[v], e = VoiceStart[v + 1], count = 0;
            for (int i = s; i < e; i++) if (i == s || !Continues(i)) count++;
            midi[v] = new int[count];
            diatonic[v] = new int[count];
            onsets[v] = new int[count];
            durations[v] = new int[count];
            fermatas[v] = new bool[count];
            int k = -1;
            for (int i = s; i < e; i++)
            {
                if (i == s || !Continues(i))
                {
                    k++;
                    midi[v][k] = Midi[i];
                    diatonic[v][k] = Diatonic[i];
                    onsets[v][k] = Onset[i];
                }
                durations[v][k] = Onset[i] + Duration[i] - onsets[v][k];
                fermatas[v][k] |= Fermata[i];
            }
        }
        return new CompactExcerpt(midi, onsets, durations, fermatas, BeatTicks, MeasureTicks, LengthTicks, diatonic);
    }

    // Whether note i (not the first of its voice) repeats the previous note's pitch without a gap.
    private bool Continues(int i) => Midi[i] == Midi[i - 1] && Onset[i] == Onset[i - 1] + Duration[i - 1];

    /// <summary>
    /// The excerpt a <see cref="SliceGrid"/> holds (the representation the genetic algorithm and the rules share):
    /// a note starts at every attacked cell and lasts while the voice holds it.
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="meter">The meter (the grid stores beat positions, not the meter).</param>
    public static CompactExcerpt FromSliceGrid(SliceGrid grid, Meter meter)
    {
        int voices = grid.VoiceCount, slices = grid.SliceCount;
        var tick = new int[slices + 1];
        Rational start = slices > 0 ? grid.Onsets[0] : Rational.Zero;
        for (int s = 0; s < slices; s++) tick[s] = Ticks(grid.Onsets[s] - start);
        tick[slices] = slices > 0 ? Ticks(grid.Onsets[slices - 1] + grid.Durations[slices - 1] - start) : 0;
        var columns = new VoiceColumns(voices);
        for (int v = 0; v < voices; v++)
        {
            for (int s = 0; s < slices; s++)
            {
                int cell = s * voices + v;
                if (grid.Midi[cell] < 0) continue;
                if (grid.Attacked[cell] || columns.Count == 0 || columns.LastEnd != tick[s])
                    columns.Add(grid.Midi[cell], grid.Diatonic[cell], tick[s], 0, false);
                columns.ExtendLast(tick[s + 1] - tick[s], grid.Fermata[cell]);
            }
            columns.EndVoice(v);
        }
        return columns.ToExcerpt(meter, Math.Max(1, tick[slices]));
    }

    private CompactExcerpt(IReadOnlyList<int[]> midi, IReadOnlyList<int[]> onsets, IReadOnlyList<int[]> durations, IReadOnlyList<bool[]> fermatas,
        int beatTicks, int measureTicks, int lengthTicks, IReadOnlyList<int[]> diatonic)
        : this(midi, onsets, durations, fermatas, Meter.CommonTime, lengthTicks, diatonic)
    {
        BeatTicks = beatTicks;
        MeasureTicks = measureTicks;
    }

    private static List<Rational> MeasureStarts(Score score)
    {
        var starts = new List<Rational>();
        Rational end = score.Length;
        if (!score.Measures.IsEmpty)
        {
            foreach (var m in score.Measures)
                if (m.Onset < end && (starts.Count == 0 || m.Onset > starts[^1])) starts.Add(m.Onset);
            var last = score.Measures[^1];
            Rational lastEnd = Rational.Max(last.Onset + last.Duration, end);
            starts.Add(lastEnd);
            return starts;
        }
        Rational length = score.Meter.MeasureLength;
        for (Rational t = Rational.Zero; t < end; t += length) starts.Add(t);
        starts.Add(end);
        return starts;
    }

    private static CompactExcerpt Build(Score score, Rational from, Rational to, int? voiceLimit)
    {
        int voices = voiceLimit is { } l ? Math.Min(l, score.Parts.Length) : score.Parts.Length;
        var columns = new VoiceColumns(voices);
        for (int v = 0; v < voices; v++)
        {
            foreach (var note in score.Parts[v].Notes)
            {
                if (note.Onset < from) continue;
                if (note.Onset >= to) break;
                int onset = Ticks(note.Onset - from);
                int end = Ticks(Rational.Min(note.End, to) - from);
                if (columns.Count > 0 && onset < columns.LastOnset) onset = columns.LastOnset;
                if (end <= onset) end = onset + 1;
                columns.Add(note.Pitch.Midi, note.Pitch.DiatonicIndex, onset, end - onset, note.Fermata);
            }
            columns.EndVoice(v);
        }
        return columns.ToExcerpt(score.MeterAt(from), Math.Max(1, Ticks(to - from)));
    }

    /// <summary>
    /// Collects the notes of one voice after another (pitch, diatonic index, onset, duration, fermata) and keeps each
    /// voice's columns as arrays: what <see cref="FromSliceGrid"/> and the excerpts cut from a score share.
    /// </summary>
    private sealed class VoiceColumns(int voices)
    {
        private readonly int[][] _midi = new int[voices][], _diatonic = new int[voices][], _onsets = new int[voices][], _durations = new int[voices][];
        private readonly bool[][] _fermatas = new bool[voices][];
        private readonly List<int> _m = [], _d = [], _o = [], _l = [];
        private readonly List<bool> _f = [];

        /// <summary>Notes collected so far for the current voice.</summary>
        public int Count => _o.Count;
        /// <summary>Onset of the current voice's last note.</summary>
        public int LastOnset => _o[^1];
        /// <summary>Where the current voice's last note ends.</summary>
        public int LastEnd => _o[^1] + _l[^1];

        public void Add(int midi, int diatonic, int onset, int duration, bool fermata)
        {
            _m.Add(midi);
            _d.Add(diatonic);
            _o.Add(onset);
            _l.Add(duration);
            _f.Add(fermata);
        }

        /// <summary>Lengthens the last note (a held note crossing into the next slice) and adds its fermata.</summary>
        public void ExtendLast(int ticks, bool fermata)
        {
            _l[^1] += ticks;
            _f[^1] |= fermata;
        }

        /// <summary>Stores the current voice as voice <paramref name="v"/> and starts the next one.</summary>
        public void EndVoice(int v)
        {
            _midi[v] = [.. _m];
            _diatonic[v] = [.. _d];
            _onsets[v] = [.. _o];
            _durations[v] = [.. _l];
            _fermatas[v] = [.. _f];
            _m.Clear(); _d.Clear(); _o.Clear(); _l.Clear(); _f.Clear();
        }

        public CompactExcerpt ToExcerpt(Meter meter, int lengthTicks) => new(_midi, _onsets, _durations, _fermatas, meter, lengthTicks, _diatonic);
    }

    private static int Ticks(Rational quarters) => (int)Math.Round(quarters.ToDouble() * TicksPerQuarter);
}
