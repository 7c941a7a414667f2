using System.Collections.Immutable;
using System.Runtime.InteropServices;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>
/// The harmonic context rules need, computed once per grid: the local key of every slice
/// (<see cref="KeyEstimator"/>), the chord of every slice with each voice's membership
/// (<see cref="ChordIdentifier"/>; a slice between beats keeps the previous chord when at most one note
/// departs from it, so passing notes do not make chords of their own), the non-chord tones classified
/// (<see cref="NonChordTones"/>), and the cadences at fermatas. Immutable and thread-safe.
/// </summary>
public sealed class HarmonicAnalysis
{
    private readonly Key[] _keys;
    private readonly Chord[] _chords;
    private readonly ChordMember[] _members;
    private readonly NonChordToneKind[] _nonChordTones;

    private HarmonicAnalysis(SliceGrid grid, Key key, Key[] keys, Chord[] chords, ChordMember[] members, NonChordToneKind[] nct, ImmutableArray<Cadence> cadences)
    {
        Grid = grid;
        Key = key;
        _keys = keys;
        _chords = chords;
        _members = members;
        _nonChordTones = nct;
        Cadences = cadences;
    }

    /// <summary>The grid analysed.</summary>
    public SliceGrid Grid { get; }
    /// <summary>The main key (the declared key when given, else the estimated global key).</summary>
    public Key Key { get; }
    /// <summary>The local key per slice.</summary>
    public ReadOnlySpan<Key> Keys => _keys;
    /// <summary>The chord per slice.</summary>
    public ReadOnlySpan<Chord> Chords => _chords;
    /// <summary>Chord membership per cell (<c>[slice * voices + voice]</c>).</summary>
    public ReadOnlySpan<ChordMember> Members => _members;
    /// <summary>The kind of non-chord tone per cell (<see cref="NonChordToneKind.None"/> for chord tones).</summary>
    public ReadOnlySpan<NonChordToneKind> NonChordTones => _nonChordTones;
    /// <summary>The cadences (or their absence) at every fermata, in order.</summary>
    public ImmutableArray<Cadence> Cadences { get; }

    /// <summary>Analyses a grid. <paramref name="declared"/> is the key the source declares, used as a prior.</summary>
    public static HarmonicAnalysis Analyze(SliceGrid grid, Key? declared = null, int signatureFifths = 0) =>
        Analyze(IdentifyChords(grid), declared, signatureFifths);

    /// <summary>
    /// Analyses a grid whose chords are already identified (<see cref="IdentifyChords(SliceGrid)"/>): the result equals
    /// <see cref="Analyze(SliceGrid, Key?, int)"/>'s for <see cref="SliceChords.Grid"/>, and shares the chords (nothing is copied).
    /// </summary>
    public static HarmonicAnalysis Analyze(SliceChords chords, Key? declared = null, int signatureFifths = 0)
    {
        ArgumentNullException.ThrowIfNull(chords);
        return Complete(chords.Grid, chords.ChordArray, chords.MemberArray, declared, signatureFifths);
    }

    /// <summary>The chord of every slice of a grid with each voice's membership: the first step of <see cref="Analyze(SliceGrid, Key?, int)"/>.</summary>
    public static SliceChords IdentifyChords(SliceGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var chords = new Chord[grid.SliceCount];
        var members = new ChordMember[grid.SliceCount * grid.VoiceCount];
        IdentifyChords(grid, chords, members);
        return new SliceChords(grid, chords, members);
    }

    /// <summary>
    /// The chord of every slice with each voice's membership (<c>[slice * voices + voice]</c>), written into the spans: the
    /// first step of the analysis. A slice between beats keeps the previous chord when at most one note departs from it.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not have one entry per slice and per cell.</exception>
    public static void IdentifyChords(SliceGrid grid, Span<Chord> chords, Span<ChordMember> members)
    {
        ArgumentNullException.ThrowIfNull(grid);
        int slices = grid.SliceCount, vc = grid.VoiceCount;
        if (chords.Length != slices || members.Length != slices * vc)
            throw new ArgumentException("Expected one chord per slice and one member per cell.");
        Span<ChordMember> trial = vc <= 64 ? stackalloc ChordMember[vc] : new ChordMember[vc];
        Span<byte> pc = vc <= 64 ? stackalloc byte[vc] : new byte[vc];
        Span<byte> step = vc <= 64 ? stackalloc byte[vc] : new byte[vc];
        var memo = vc == 4 ? ChordMemo.ForThisThread : null;
        var midi = grid.Midi;
        var diatonic = grid.Diatonic;
        var metric = grid.Metric;
        // Four voices: the memo's keys of all slices first (in vectors).
        Span<uint> keys = memo is null ? default : slices <= 1024 ? stackalloc uint[slices] : new uint[slices];
        if (memo is not null) ChordMemo.Keys(midi, diatonic, keys);
        for (int s = 0; s < slices; s++)
        {
            var m = midi.Slice(s * vc, vc);
            var d = diatonic.Slice(s * vc, vc);
            var own = members.Slice(s * vc, vc);
            var chord = memo is not null ? ChordMemo.Identify(memo, keys[s], m, d, own, pc, step) : ChordIdentifier.Identify(m, d, own, pc, step, out _);
            if (s > 0 && metric[s] == 0 && chords[s - 1].IsKnown)
            {
                int ownOutside = Count(own, ChordMember.NonChordTone);
                int prevOutside = ChordIdentifier.Fit(chords[s - 1], m, d, trial);
                if (prevOutside <= 1 && prevOutside <= ownOutside + 1)
                {
                    trial.CopyTo(own);
                    var p = chords[s - 1];
                    int bass = -1;
                    for (int v = vc - 1; v >= 0; v--) if (m[v] >= 0 && own[v] >= 0) { bass = v; break; }
                    int inversion = bass < 0 ? p.Inversion : (int)own[bass];
                    chord = new Chord(p.RootStep, p.RootAlter, p.Triad, p.Seventh, inversion, p.HasThird, p.HasFifth);
                }
            }
            chords[s] = chord;
        }
    }

    /// <summary>Keys, non-chord tones and cadences of a grid whose chords are known (keeps the arrays: they must never change).</summary>
    private static HarmonicAnalysis Complete(SliceGrid grid, Chord[] chords, ChordMember[] members, Key? declared, int signatureFifths)
    {
        int slices = grid.SliceCount, vc = grid.VoiceCount;
        var keys = KeyEstimator.PerSlice(grid, declared, signatureFifths);
        var key = declared ?? (slices > 0 ? KeyEstimator.Global(grid, null, signatureFifths) : default);
        var midi = grid.Midi;

        // The non-chord tones: their cells listed first without a branch per cell (which of them is one is unpredictable), then classified.
        int cells = slices * vc;
        var nct = new NonChordToneKind[cells];
        Span<int> outside = cells <= 2048 ? stackalloc int[cells] : new int[cells];
        int count = 0;
        for (int c = 0; c < cells; c++)
        {
            outside[count] = c;
            count += members[c] == ChordMember.NonChordTone ? 1 : 0;
        }
        foreach (int c in outside[..count])
            nct[c] = EvoComposer.Theory.Analysis.NonChordTones.Classify(grid, c / vc, c % vc);

        // Which slices attack a fermata (SliceGrid.IsFermataSlice), once; at most one cadence per such slice: few (phrase
        // ends), gathered on the stack.
        var fermata = grid.Fermata;
        var attacked = grid.Attacked;
        Span<bool> isFermata = slices <= 1024 ? stackalloc bool[slices] : new bool[slices];
        int fermataSlices = 0;
        for (int s = 0; s < slices; s++)
        {
            bool any = false;
            if (vc == 4) // four voices' flags as one word each
                any = (MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(fermata.Slice(4 * s, 4))) & MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(attacked.Slice(4 * s, 4)))) != 0;
            else
                for (int c = s * vc; c < (s + 1) * vc; c++) any |= fermata[c] & attacked[c];
            isFermata[s] = any;
            fermataSlices += any ? 1 : 0;
        }
        Span<Cadence> cadences = fermataSlices <= 32 ? stackalloc Cadence[fermataSlices] : new Cadence[fermataSlices];
        int found = 0;
        for (int s = 0; s < slices; s++)
        {
            if (!isFermata[s]) continue;
            // One phrase end per run of slices under fermatas (voices may reach their fermatas at different
            // onsets): the cadence is judged at the last fermata attack of the run.
            int next = s + 1;
            while (next < slices && AnyFermataSounding(fermata, midi, next, vc))
            {
                if (isFermata[next]) break;
                next++;
            }
            if (next < slices && isFermata[next] && AnyFermataSounding(fermata, midi, next - 1, vc) && SharesFermataNote(grid, s, next)) continue;
            var final = chords[s];
            Chord pen = default;
            for (int p = s - 1; p >= 0; p--)
            {
                if (!chords[p].IsKnown) break;
                if (chords[p].RootPitchClass != final.RootPitchClass) { pen = chords[p]; break; }
            }
            int top = -1;
            for (int v = 0; v < vc; v++) if (midi[s * vc + v] >= 0) { top = v; break; }
            int sopranoPc = top < 0 ? -1 : midi[s * vc + top] % 12;
            var (kind, cadenceKey) = Cadence.Classify(pen, final, keys[s], sopranoPc);
            cadences[found++] = new Cadence(s, kind, cadenceKey, pen, final);
        }
        return new HarmonicAnalysis(grid, key, keys, chords, members, nct, ImmutableArray.Create(cadences[..found]));
    }

    private static bool AnyFermataSounding(ReadOnlySpan<bool> fermata, ReadOnlySpan<int> midi, int slice, int vc)
    {
        for (int v = 0; v < vc; v++)
            if (fermata[slice * vc + v] && midi[slice * vc + v] >= 0) return true;
        return false;
    }

    /// <summary>Whether some fermata note sounding at <paramref name="a"/> still sounds (held, not re-attacked) at <paramref name="b"/>.</summary>
    private static bool SharesFermataNote(SliceGrid grid, int a, int b)
    {
        int vc = grid.VoiceCount;
        for (int v = 0; v < vc; v++)
        {
            if (!grid.Fermata[a * vc + v] || !grid.IsSounding(b, v) || !grid.Fermata[b * vc + v]) continue;
            if (grid.AttackOf(b, v) <= a) return true;
        }
        return false;
    }

    private static int Count(ReadOnlySpan<ChordMember> members, ChordMember kind)
    {
        int n = 0;
        foreach (var m in members) if (m == kind) n++;
        return n;
    }

    /// <summary>The chord of a slice as a Roman numeral in its local key ("V65").</summary>
    public string RomanNumeral(int slice) => RomanNumerals.Format(_chords[slice], _keys[slice]);
}

/// <summary>
/// The chord of every slice of a <see cref="SliceGrid"/> with each voice's membership, as <see cref="HarmonicAnalysis"/>
/// identifies them (<see cref="HarmonicAnalysis.IdentifyChords(SliceGrid)"/>): for callers that need the chords before, or
/// without, the rest of the analysis; <see cref="HarmonicAnalysis.Analyze(SliceChords, Key?, int)"/> completes it without
/// identifying them again. Immutable and thread-safe.
/// </summary>
public sealed class SliceChords
{
    internal SliceChords(SliceGrid grid, Chord[] chords, ChordMember[] members)
    {
        Grid = grid;
        ChordArray = chords;
        MemberArray = members;
    }

    /// <summary>The grid.</summary>
    public SliceGrid Grid { get; }
    /// <summary>The chord per slice.</summary>
    public ReadOnlySpan<Chord> Chords => ChordArray;
    /// <summary>Chord membership per cell (<c>[slice * voices + voice]</c>).</summary>
    public ReadOnlySpan<ChordMember> Members => MemberArray;

    internal Chord[] ChordArray { get; }
    internal ChordMember[] MemberArray { get; }
}
