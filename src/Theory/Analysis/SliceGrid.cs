using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>
/// The compact representation that rules, fitness terms and style features share: the music cut into
/// <em>slices</em>, one at every onset where any voice attacks a note (and where a voice falls silent), with
/// the sounding pitch of every voice in each slice. Voices are ordered highest first (soprano, alto, tenor,
/// bass). Per-cell data is stored in flat arrays indexed <c>[slice * VoiceCount + voice]</c>
/// (struct-of-arrays), so rules loop over integers without allocating.
/// Build it from a <see cref="Score"/> with <see cref="FromScore"/> (one pass over the notes), directly from
/// arrays with the constructors, or by writing its columns in place with <see cref="Create{TState}"/> (the genetic
/// algorithm builds one per candidate from its genome that way, without making a score and without copies).
/// Immutable after construction (the arrays are exposed read-only) and thread-safe.
/// </summary>
public sealed class SliceGrid
{
    /// <summary>The value of <see cref="MidiAt"/> for a silent voice.</summary>
    public const int Silent = -1;

    private readonly int[] _midi;
    private readonly int[] _diatonic;
    private readonly bool[] _attacked;
    private readonly bool[] _fermata;
    private readonly int[]? _noteIndex;
    private readonly Rational[] _onsets;
    private readonly Rational[] _durations;
    private readonly int[] _measures;
    private readonly Rational[] _beats;
    private readonly sbyte[] _metric;

    /// <summary>
    /// Creates a grid from columns. Cell arrays have <c>slices × voices</c> entries indexed
    /// <c>[slice * voices + voice]</c>; slice arrays have one entry per slice.
    /// </summary>
    /// <param name="voiceNames">Names of the voices, highest first ("soprano", "alto", …).</param>
    /// <param name="pitches">The sounding pitch of each cell (ignored where <paramref name="sounding"/> is false).</param>
    /// <param name="sounding">Whether the voice sounds in the slice.</param>
    /// <param name="attacked">Whether the voice attacks a note at the slice's onset (false: held from before).</param>
    /// <param name="fermatas">Whether the sounding note carries a fermata.</param>
    /// <param name="onsets">Slice onsets in quarter notes, strictly increasing.</param>
    /// <param name="durations">Slice durations in quarter notes, positive.</param>
    /// <param name="measures">Measure number of each slice.</param>
    /// <param name="beats">Beat position in the measure, 1-based (2.5 is halfway through beat 2).</param>
    /// <param name="noteIndices">For each cell, the index of the note in its part, or −1 (null: all −1).</param>
    /// <exception cref="ArgumentException">Array lengths disagree, onsets do not increase, a held cell has no sounding predecessor.</exception>
    public SliceGrid(IReadOnlyList<string> voiceNames, Pitch[] pitches, bool[] sounding, bool[] attacked, bool[] fermatas,
        Rational[] onsets, Rational[] durations, int[] measures, Rational[] beats, int[]? noteIndices = null)
        : this(Names(voiceNames), Cells(pitches, sounding, voiceNames.Count * onsets.Length, out var diatonic), diatonic, Copy(attacked), Copy(fermatas),
              Copy(onsets), Copy(durations), Copy(measures), Copy(beats), noteIndices is null ? null : Copy(noteIndices))
    {
    }

    private static T[] Copy<T>(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return (T[])array.Clone();
    }

    /// <summary>
    /// Creates a grid of <paramref name="slices"/> slices whose columns <paramref name="write"/> fills in place (no copy): the
    /// fastest way for a program that generates music to build one. The columns start zeroed; the writer sees them only
    /// during the call (<see cref="SliceGridColumns"/> cannot be kept), and the grid then validates them as the constructors do.
    /// </summary>
    /// <typeparam name="TState">What the writer reads.</typeparam>
    /// <param name="voiceNames">Names of the voices, highest first.</param>
    /// <param name="slices">Number of slices.</param>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Fills the columns (as the constructor's arguments: <see cref="Silent"/> MIDI for a silent voice).</param>
    /// <exception cref="ArgumentException">Onsets do not increase, a duration is not positive, a held cell has no sounding predecessor.</exception>
    public static SliceGrid Create<TState>(ImmutableArray<string> voiceNames, int slices, TState state, SliceGridWriter<TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfNegative(slices);
        int cells = (voiceNames.IsDefault ? 0 : voiceNames.Length) * slices;
        int[] midi = new int[cells], diatonic = new int[cells], measures = new int[slices];
        bool[] attacked = new bool[cells], fermatas = new bool[cells];
        Rational[] onsets = new Rational[slices], durations = new Rational[slices], beats = new Rational[slices];
        write(state, new SliceGridColumns(midi, diatonic, attacked, fermatas, onsets, durations, measures, beats));
        return new SliceGrid(voiceNames, midi, diatonic, attacked, fermatas, onsets, durations, measures, beats, null);
    }

    /// <summary>
    /// Creates a grid from MIDI and diatonic numbers, without spelled pitches: the fast path for a program that
    /// generates music (the genetic algorithm builds one per candidate). Cell spans have <c>slices × voices</c>
    /// entries indexed <c>[slice * voices + voice]</c>, slice spans one entry per slice; the spans are copied.
    /// </summary>
    /// <param name="voiceNames">Names of the voices, highest first.</param>
    /// <param name="midi">The MIDI number of each cell, <see cref="Silent"/> (−1) where the voice is silent.</param>
    /// <param name="diatonic">The diatonic index (octave × 7 + step) of each cell (ignored where silent).</param>
    /// <param name="attacked">Whether the voice attacks a note at the slice's onset (false: held from before).</param>
    /// <param name="fermatas">Whether the sounding note carries a fermata.</param>
    /// <param name="onsets">Slice onsets in quarter notes, strictly increasing.</param>
    /// <param name="durations">Slice durations in quarter notes, positive.</param>
    /// <param name="measures">Measure number of each slice.</param>
    /// <param name="beats">Beat position in the measure, 1-based.</param>
    /// <exception cref="ArgumentException">Span lengths disagree, onsets do not increase, a held cell has no sounding predecessor.</exception>
    public SliceGrid(ImmutableArray<string> voiceNames, ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, ReadOnlySpan<bool> attacked,
        ReadOnlySpan<bool> fermatas, ReadOnlySpan<Rational> onsets, ReadOnlySpan<Rational> durations, ReadOnlySpan<int> measures, ReadOnlySpan<Rational> beats)
        : this(voiceNames, midi.ToArray(), diatonic.ToArray(), attacked.ToArray(), fermatas.ToArray(), onsets.ToArray(), durations.ToArray(),
              measures.ToArray(), beats.ToArray(), null)
    {
    }

    private static ImmutableArray<string> Names(IReadOnlyList<string> voiceNames)
    {
        ArgumentNullException.ThrowIfNull(voiceNames);
        return [.. voiceNames];
    }

    /// <summary>MIDI numbers (−1 where silent) and diatonic indices of spelled cells.</summary>
    private static int[] Cells(Pitch[] pitches, bool[] sounding, int cells, out int[] diatonic)
    {
        if (pitches.Length != cells || sounding.Length != cells) throw new ArgumentException($"Cell arrays must have {cells} entries (slices × voices).");
        var midi = new int[cells];
        diatonic = new int[cells];
        for (int c = 0; c < cells; c++)
        {
            if (!sounding[c]) { midi[c] = Silent; continue; }
            midi[c] = pitches[c].Midi;
            diatonic[c] = pitches[c].DiatonicIndex;
        }
        return midi;
    }

    /// <summary>The one constructor that validates and stores; takes ownership of every array (and corrects silent cells in place).</summary>
    private SliceGrid(ImmutableArray<string> voiceNames, int[] midi, int[] diatonic, bool[] attacked, bool[] fermatas,
        Rational[] onsets, Rational[] durations, int[] measures, Rational[] beats, int[]? noteIndices)
    {
        int voices = voiceNames.IsDefault ? 0 : voiceNames.Length, slices = onsets.Length;
        if (voices == 0) throw new ArgumentException("A slice grid needs at least one voice.", nameof(voiceNames));
        int cells = voices * slices;
        if (midi.Length != cells || diatonic.Length != cells || attacked.Length != cells || fermatas.Length != cells)
            throw new ArgumentException($"Cell arrays must have {cells} entries (slices × voices).");
        if (durations.Length != slices || measures.Length != slices || beats.Length != slices)
            throw new ArgumentException($"Slice arrays must have {slices} entries.");
        if (noteIndices is not null && noteIndices.Length != cells) throw new ArgumentException("noteIndices must have one entry per cell.", nameof(noteIndices));
        _metric = new sbyte[slices];
        for (int s = 0; s < slices; s++)
        {
            var onset = onsets[s];
            // Most neighbours share a denominator: then the numerators compare.
            if (s > 0 && (onset.Denominator == onsets[s - 1].Denominator ? onset.Numerator <= onsets[s - 1].Numerator : onset <= onsets[s - 1]))
                throw Invalid($"Onsets must increase (slice {s}).", nameof(onsets));
            if (durations[s].Numerator <= 0) throw Invalid($"Durations must be positive (slice {s}).", nameof(durations));
            var beat = beats[s];
            _metric[s] = (sbyte)(beat.Denominator != 1 ? 0 : beat.Numerator == 1 ? 2 : 1);
        }
        VoiceNames = voiceNames;
        VoiceCount = voices;
        SliceCount = slices;
        // The cells: the first slice's notes are attacks, a held cell continues the previous slice's pitch, silent cells are
        // cleared. Eight at a time while every cell sounds and holds are right (a program's grids); one at a time otherwise.
        int c = Math.Min(voices, cells);
        int notes = CheckCells(midi, diatonic, attacked, fermatas, voices, 0, c);
        var attacks = Vector256<int>.Zero;
        for (; c + 8 <= cells; c += 8)
        {
            var now = Vector256.Create<int>(midi.AsSpan(c));
            var before = Vector256.Create<int>(midi.AsSpan(c - voices));
            var attack = Vector256.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(attacked.AsSpan(c, 8)))).AsByte())
                .ToVector256Unsafe()).AsInt32(); // eight bools, widened
            var held = Vector256.Equals(attack, Vector256<int>.Zero);
            if (now.ExtractMostSignificantBits() != 0 || (held & ~Vector256.Equals(now, before)) != Vector256<int>.Zero)
                break; // a silent cell or a bad hold: the scalar loop below clears or reports it
            attacks -= ~held; // + 1 per attack
        }
        notes += Vector256.Sum(attacks) + CheckCells(midi, diatonic, attacked, fermatas, voices, c, cells);
        _midi = midi;
        _diatonic = diatonic;
        _attacked = attacked;
        _fermata = fermatas;
        _noteIndex = noteIndices;
        _onsets = onsets;
        _durations = durations;
        _measures = measures;
        _beats = beats;
        NoteCount = notes;
    }

    /// <summary>Checks and corrects cells <paramref name="from"/> to <paramref name="to"/> (see the constructor); returns the attacks among them.</summary>
    private static int CheckCells(int[] midi, int[] diatonic, bool[] attacked, bool[] fermatas, int voices, int from, int to)
    {
        int notes = 0;
        for (int c = from; c < to; c++)
        {
            if (midi[c] >= 0)
            {
                if (c < voices) attacked[c] = true; // the first slice's notes are attacks
                else if (!attacked[c] && midi[c - voices] != midi[c])
                    throw Invalid($"Cell {c} is held but the previous slice has another pitch.", nameof(attacked));
                if (attacked[c]) notes++;
            }
            else
            {
                midi[c] = Silent;
                diatonic[c] = 0;
                attacked[c] = false;
                fermatas[c] = false;
            }
        }
        return notes;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ArgumentException Invalid(string message, string parameter) => new(message, parameter);

    /// <summary>Voice names, highest first.</summary>
    public ImmutableArray<string> VoiceNames { get; }
    /// <summary>Number of voices.</summary>
    public int VoiceCount { get; }
    /// <summary>Number of slices.</summary>
    public int SliceCount { get; }
    /// <summary>Number of attacked notes in all voices (tied notes count once).</summary>
    public int NoteCount { get; }

    /// <summary>MIDI numbers per cell, <see cref="Silent"/> (−1) where the voice is silent.</summary>
    public ReadOnlySpan<int> Midi => _midi;
    /// <summary>Diatonic index (octave × 7 + step) per cell; meaningless where silent.</summary>
    public ReadOnlySpan<int> Diatonic => _diatonic;
    /// <summary>Whether the voice attacks a note at the slice's onset, per cell.</summary>
    public ReadOnlySpan<bool> Attacked => _attacked;
    /// <summary>Whether the sounding note carries a fermata, per cell.</summary>
    public ReadOnlySpan<bool> Fermata => _fermata;
    /// <summary>Slice onsets in quarter notes.</summary>
    public ReadOnlySpan<Rational> Onsets => _onsets;
    /// <summary>Slice durations in quarter notes.</summary>
    public ReadOnlySpan<Rational> Durations => _durations;
    /// <summary>Measure number per slice.</summary>
    public ReadOnlySpan<int> Measures => _measures;
    /// <summary>Beat position per slice, 1-based.</summary>
    public ReadOnlySpan<Rational> Beats => _beats;
    /// <summary>Metric weight per slice: 2 on the downbeat, 1 on another beat, 0 between beats.</summary>
    public ReadOnlySpan<sbyte> Metric => _metric;

    /// <summary>The cell index of a voice in a slice.</summary>
    public int Cell(int slice, int voice) => slice * VoiceCount + voice;
    /// <summary>The MIDI number of a voice in a slice, or <see cref="Silent"/>.</summary>
    public int MidiAt(int slice, int voice) => _midi[slice * VoiceCount + voice];
    /// <summary>Whether a voice sounds in a slice.</summary>
    public bool IsSounding(int slice, int voice) => _midi[slice * VoiceCount + voice] >= 0;
    /// <summary>Whether a voice attacks a note at a slice.</summary>
    public bool IsAttacked(int slice, int voice) => _attacked[slice * VoiceCount + voice];
    /// <summary>The index of the sounding note in its part (−1 when silent or built from arrays).</summary>
    public int NoteIndexAt(int slice, int voice) => _noteIndex is null ? -1 : _noteIndex[slice * VoiceCount + voice];

    /// <summary>The spelled pitch of a sounding cell.</summary>
    public Pitch PitchAt(int slice, int voice)
    {
        int c = slice * VoiceCount + voice;
        if (_midi[c] < 0) throw new InvalidOperationException($"Voice {VoiceNames[voice]} is silent in slice {slice}.");
        var natural = Pitch.FromDiatonicIndex(_diatonic[c], 0);
        return Pitch.FromDiatonicIndex(_diatonic[c], _midi[c] - natural.Midi);
    }

    /// <summary>The spelled interval from voice <paramref name="lower"/> up to voice <paramref name="upper"/> in a slice (both must sound).</summary>
    public Interval IntervalAt(int slice, int lower, int upper)
    {
        int a = slice * VoiceCount + lower, b = slice * VoiceCount + upper;
        return new Interval(_diatonic[b] - _diatonic[a], _midi[b] - _midi[a]);
    }

    /// <summary>
    /// The first slice after <paramref name="slice"/> where <paramref name="voice"/> attacks a note, or −1
    /// (also −1 when the voice falls silent first).
    /// </summary>
    public int NextAttack(int slice, int voice)
    {
        for (int s = slice + 1; s < SliceCount; s++)
        {
            int c = s * VoiceCount + voice;
            if (_midi[c] < 0) return -1;
            if (_attacked[c]) return s;
        }
        return -1;
    }

    /// <summary>The slice where the note sounding in <paramref name="voice"/> at <paramref name="slice"/> was attacked.</summary>
    public int AttackOf(int slice, int voice)
    {
        int s = slice;
        while (s > 0 && !_attacked[s * VoiceCount + voice] && _midi[s * VoiceCount + voice] >= 0) s--;
        return s;
    }

    /// <summary>
    /// The slice where the note before the one sounding at <paramref name="slice"/> in <paramref name="voice"/> was
    /// attacked, or −1 when there is none or a rest intervenes.
    /// </summary>
    public int PreviousAttack(int slice, int voice)
    {
        int start = AttackOf(slice, voice);
        if (start == 0) return -1;
        int prev = start - 1;
        if (_midi[prev * VoiceCount + voice] < 0) return -1;
        return AttackOf(prev, voice);
    }

    /// <summary>True when any voice's note with a fermata is attacked at this slice (in chorales: a phrase end).</summary>
    public bool IsFermataSlice(int slice)
    {
        int b = slice * VoiceCount;
        for (int v = 0; v < VoiceCount; v++)
            if (_fermata[b + v] && _attacked[b + v]) return true;
        return false;
    }

    /// <summary>
    /// Builds the grid from a score in one pass over its notes. Overlapping notes within a part (which a
    /// single voice cannot sing) are resolved by letting the later note take over.
    /// </summary>
    public static SliceGrid FromScore(Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var parts = score.Parts;
        int voices = parts.Length;
        if (voices == 0) throw new ArgumentException("The score has no parts.", nameof(score));

        // Work in integer ticks: the least common multiple of every denominator in the score.
        long den = 1;
        foreach (var p in parts)
            foreach (var n in p.Notes) { den = Lcm(den, n.Onset.Denominator); den = Lcm(den, n.End.Denominator); }
        foreach (var me in score.Measures) { den = Lcm(den, me.Onset.Denominator); den = Lcm(den, me.Duration.Denominator); }
        foreach (var mt in score.Meters) den = Lcm(den, mt.Onset.Denominator);
        var starts = new long[voices][];
        var ends = new long[voices][];
        int total = 0;
        for (int v = 0; v < voices; v++)
        {
            var notes = parts[v].Notes;
            starts[v] = new long[notes.Length];
            ends[v] = new long[notes.Length];
            for (int i = 0; i < notes.Length; i++)
            {
                starts[v][i] = Ticks(notes[i].Onset, den);
                ends[v][i] = Ticks(notes[i].End, den);
            }
            total += notes.Length;
        }

        // Distinct points where a note starts or a voice falls silent.
        var points = new long[2 * total];
        int k = 0;
        for (int v = 0; v < voices; v++)
        {
            starts[v].CopyTo(points, k); k += starts[v].Length;
            ends[v].CopyTo(points, k); k += ends[v].Length;
        }
        Array.Sort(points);
        int distinct = 0;
        for (int i = 0; i < points.Length; i++)
            if (distinct == 0 || points[distinct - 1] != points[i]) points[distinct++] = points[i];
        long endTick = distinct > 0 ? points[distinct - 1] : 0;

        // For every point, the note sounding in each voice (a later overlapping note takes over); drop silent points.
        var cursor = new int[voices];
        var sounding = new int[distinct * voices];
        var slicePoints = new long[distinct];
        int slices = 0;
        for (int pi = 0; pi < distinct; pi++)
        {
            long t = points[pi];
            bool any = false;
            int b = slices * voices;
            for (int v = 0; v < voices; v++)
            {
                var st = starts[v];
                var en = ends[v];
                while (cursor[v] < st.Length && en[cursor[v]] <= t) cursor[v]++;
                int i = cursor[v];
                while (i + 1 < st.Length && st[i + 1] <= t) i++;
                if (i < st.Length && st[i] <= t && en[i] > t) { sounding[b + v] = i; any = true; }
                else sounding[b + v] = -1;
            }
            if (any) slicePoints[slices++] = t;
        }

        int cells = slices * voices;
        var pitches = new Pitch[cells];
        var isSounding = new bool[cells];
        var attacked = new bool[cells];
        var fermatas = new bool[cells];
        var noteIndices = new int[cells];
        for (int s = 0; s < slices; s++)
        {
            long t = slicePoints[s];
            for (int v = 0; v < voices; v++)
            {
                int c = s * voices + v, i = sounding[c];
                noteIndices[c] = i;
                if (i < 0) continue;
                var n = parts[v].Notes[i];
                pitches[c] = n.Pitch;
                isSounding[c] = true;
                attacked[c] = starts[v][i] == t || s == 0 || noteIndices[c - voices] != i;
                fermatas[c] = n.Fermata;
            }
        }

        var onsets = new Rational[slices];
        var durations = new Rational[slices];
        var measures = new int[slices];
        var beats = new Rational[slices];
        var measureList = score.Measures;
        int m = -1, meterCursor = 0;
        var meter = score.Meters[0].Value;
        long measureTicks = Ticks(meter.MeasureLength, den), beatTicksNum = meter.BeatLength.Numerator * den, beatTicksDen = meter.BeatLength.Denominator;
        for (int s = 0; s < slices; s++)
        {
            long t = slicePoints[s];
            onsets[s] = new Rational(t, den);
            durations[s] = new Rational((s + 1 < slices ? slicePoints[s + 1] : endTick) - t, den);
            bool meterChanged = false;
            while (meterCursor + 1 < score.Meters.Length && Ticks(score.Meters[meterCursor + 1].Onset, den) <= t) { meterCursor++; meterChanged = true; }
            if (meterChanged)
            {
                meter = score.Meters[meterCursor].Value;
                measureTicks = Ticks(meter.MeasureLength, den);
                beatTicksNum = meter.BeatLength.Numerator * den;
                beatTicksDen = meter.BeatLength.Denominator;
            }
            long offset;
            if (measureList.IsEmpty)
            {
                long index = t / measureTicks;
                measures[s] = (int)index + 1;
                offset = t - index * measureTicks;
            }
            else
            {
                while (m + 1 < measureList.Length && Ticks(measureList[m + 1].Onset, den) <= t) m++;
                if (m < 0)
                {
                    measures[s] = measureList[0].Number;
                    beats[s] = Rational.One;
                    continue;
                }
                var measure = measureList[m];
                measures[s] = measure.Number;
                offset = t - Ticks(measure.Onset, den);
                // A short first measure is a pickup: count its beats from the end of a full measure.
                long length = Ticks(measure.Duration, den);
                if (m == 0 && length < measureTicks) offset += measureTicks - length;
            }
            // beat = offset / (beatLength × den) + 1, with beatLength = num / den'.
            beats[s] = new Rational(offset * beatTicksDen + beatTicksNum, beatTicksNum);
        }

        var names = parts.Select((p, i) => VoiceName(p.Name, i, voices)).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() < voices) // e.g. MIDI tracks all called "Voice"
            for (int i = 0; i < voices; i++) names[i] = VoiceName("", i, voices);
        var midi = Cells(pitches, isSounding, cells, out var diatonic);
        return new SliceGrid([.. names], midi, diatonic, attacked, fermatas, onsets, durations, measures, beats, noteIndices);
    }

    private static long Ticks(Rational r, long den) => r.Numerator * (den / r.Denominator);

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }

    private static readonly string[] Satb = ["soprano", "alto", "tenor", "bass"];

    /// <summary>The name used in messages: the part's name in lower case, or soprano/alto/tenor/bass for four unnamed parts.</summary>
    private static string VoiceName(string partName, int index, int voices)
    {
        if (!string.IsNullOrWhiteSpace(partName)) return partName.Trim().ToLowerInvariant();
        return voices == 4 ? Satb[index] : $"voice {index + 1}";
    }

    /// <summary>"measure 4, beat 2.5" for a slice.</summary>
    public string Where(int slice) => $"measure {_measures[slice]}, beat {_beats[slice].ToDecimalString()}";
}

/// <summary>Fills the columns of a new grid (see <see cref="SliceGrid.Create{TState}"/>).</summary>
/// <typeparam name="TState">What the writer reads.</typeparam>
/// <param name="state">The state given to <see cref="SliceGrid.Create{TState}"/>.</param>
/// <param name="columns">The columns to fill.</param>
public delegate void SliceGridWriter<TState>(TState state, SliceGridColumns columns);

/// <summary>
/// The columns of a slice grid being made, to be filled by a <see cref="SliceGridWriter{TState}"/> (as the arguments of
/// <see cref="SliceGrid"/>'s constructor: cell spans indexed <c>[slice * voices + voice]</c>, slice spans one entry per
/// slice). Lives only during the call that fills them.
/// </summary>
public readonly ref struct SliceGridColumns
{
    internal SliceGridColumns(Span<int> midi, Span<int> diatonic, Span<bool> attacked, Span<bool> fermatas, Span<Rational> onsets,
        Span<Rational> durations, Span<int> measures, Span<Rational> beats)
    {
        Midi = midi;
        Diatonic = diatonic;
        Attacked = attacked;
        Fermatas = fermatas;
        Onsets = onsets;
        Durations = durations;
        Measures = measures;
        Beats = beats;
    }

    /// <summary>The MIDI number of each cell, <see cref="SliceGrid.Silent"/> where the voice is silent.</summary>
    public Span<int> Midi { get; }
    /// <summary>The diatonic index (octave × 7 + step) of each cell.</summary>
    public Span<int> Diatonic { get; }
    /// <summary>Whether the voice attacks a note at the slice's onset.</summary>
    public Span<bool> Attacked { get; }
    /// <summary>Whether the sounding note carries a fermata.</summary>
    public Span<bool> Fermatas { get; }
    /// <summary>Slice onsets in quarter notes, strictly increasing.</summary>
    public Span<Rational> Onsets { get; }
    /// <summary>Slice durations in quarter notes, positive.</summary>
    public Span<Rational> Durations { get; }
    /// <summary>Measure number of each slice.</summary>
    public Span<int> Measures { get; }
    /// <summary>Beat position in the measure, 1-based.</summary>
    public Span<Rational> Beats { get; }
}
