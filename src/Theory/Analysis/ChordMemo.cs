using System.Runtime.Intrinsics;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>
/// A small per-thread memo of <see cref="ChordIdentifier.Identify(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{ChordMember}, out int)"/>
/// for four voices. The chord and the members depend only on each voice's pitch class and letter (and which voices
/// are silent) as long as no note is altered by more than five semitones, so that is the key, stored whole: a hit
/// returns exactly what identifying the notes again would. A genetic algorithm meets the same few hundred sonorities
/// over and over. One per thread, so nothing is shared.
/// </summary>
internal sealed class ChordMemo
{
    private const int Bits = 12; // 4,096 entries of 16 bytes: 64 KB per thread
    private readonly Entry[] _entries = new Entry[1 << Bits];

    /// <summary>A slot: the key, the members (a byte per voice) and the chord, in one place (one cache line read per look-up).</summary>
    private struct Entry
    {
        public uint Key;
        public uint Members;
        public Chord Chord;
    }

    [ThreadStatic] private static ChordMemo? t_memo;

    /// <summary>This thread's memo.</summary>
    public static ChordMemo ForThisThread => t_memo ??= new ChordMemo();

    // Per diatonic index (0–127): its letter and the MIDI number of its natural note; per MIDI number: its pitch class.
    private const int TableSize = 128;
    private static readonly byte[] LetterOf = [.. Enumerable.Range(0, TableSize).Select(d => (byte)(d % 7))];
    private static readonly int[] NaturalMidiOf = [.. Enumerable.Range(0, TableSize).Select(d => (d / 7 + 1) * 12 + ((Step)(d % 7)).NaturalSemitones())];
    private static readonly byte[] PitchClassOf = [.. Enumerable.Range(0, TableSize).Select(m => (byte)(m % 12))];

    /// <summary>Identifies the chord of four voices (as <see cref="ChordIdentifier"/>), from the memo when it has them.</summary>
    public static Chord Identify(ChordMemo? memo, ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<ChordMember> members, Span<byte> pc, Span<byte> step) =>
        memo is null || midi.Length != 4 ? ChordIdentifier.Identify(midi, diatonic, members, pc, step, out _) : Identify(memo, KeyOf(midi, diatonic), midi, diatonic, members, pc, step);

    /// <summary>
    /// The memo's key for four voices: a byte per voice (0x80 | pitch class × 8 | letter; 0 when silent), or 0 when the notes
    /// cannot be memoised (all silent, outside the tables, or altered by more than five semitones).
    /// </summary>
    internal static uint KeyOf(ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic)
    {
        uint key = 0;
        for (int v = 0; v < 4; v++)
        {
            int m = midi[v];
            if (m < 0) continue;
            int d = diatonic[v];
            if ((uint)d >= TableSize || m >= TableSize) return 0;
            int alter = m - NaturalMidiOf[d];
            if (alter < -5 || alter > 5) return 0;
            key |= (uint)(0x80 | (PitchClassOf[m] << 3) | LetterOf[d]) << (8 * v);
        }
        return key;
    }

    /// <summary>
    /// <see cref="KeyOf"/> of every slice of four voices (<paramref name="midi"/> and <paramref name="diatonic"/> hold four cells per
    /// slice): two slices at a time in vectors, pitch classes and letters by multiplication instead of tables.
    /// </summary>
    internal static void Keys(ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<uint> keys)
    {
        int slices = keys.Length, s = 0;
        if (midi.Length < 4 * slices || diatonic.Length < 4 * slices) throw new ArgumentException("Expected four cells per slice.");
        // Lane weights that move voice v's byte to bits 8v–8v+7 (a product, so that adding four lanes makes the key).
        var place = Vector256.Create(1, 1 << 8, 1 << 16, 1 << 24, 1, 1 << 8, 1 << 16, 1 << 24);
        for (; s + 2 <= slices; s += 2)
        {
            var m = Vector256.Create(midi.Slice(4 * s, 8));
            var d = Vector256.Create(diatonic.Slice(4 * s, 8));
            var sounding = Vector256.GreaterThanOrEqual(m, Vector256<int>.Zero);
            // m / 12 and d / 7 exactly for 0–127 (by 43691 / 2^19 and 9363 / 2^16); other lanes are not used.
            var octave12 = Vector256.ShiftRightLogical(m * 43691, 19);
            var pc = m - octave12 * 12;
            var octave7 = Vector256.ShiftRightLogical(d * 9363, 16);
            var letter = d - octave7 * 7;
            // The natural note's MIDI number: 12 per octave, then C D E 0 2 4, F G A B 5 7 9 11 (2 × letter, one less from F).
            var natural = octave7 * 12 + Vector256.Create(12) + letter * 2 + (Vector256.GreaterThan(letter, Vector256.Create(2)) & Vector256.Create(-1));
            var alter = m - natural;
            var inTables = Vector256.LessThan(m, Vector256.Create(TableSize)) & Vector256.GreaterThanOrEqual(d, Vector256<int>.Zero)
                & Vector256.LessThan(d, Vector256.Create(TableSize)) & Vector256.GreaterThanOrEqual(alter, Vector256.Create(-5))
                & Vector256.LessThanOrEqual(alter, Vector256.Create(5));
            uint bad = (sounding & ~inTables).ExtractMostSignificantBits(); // bits 0–3: first slice, 4–7: second
            var bytes = (Vector256.Create(0x80) | (pc << 3) | letter) & sounding;
            var placed = bytes * place;
            keys[s] = (bad & 0xF) != 0 ? 0 : (uint)Vector128.Sum(placed.GetLower());
            keys[s + 1] = (bad & 0xF0) != 0 ? 0 : (uint)Vector128.Sum(placed.GetUpper());
        }
        for (; s < slices; s++) keys[s] = KeyOf(midi.Slice(4 * s, 4), diatonic.Slice(4 * s, 4));
    }

    /// <summary>Identifies the chord of four voices whose <see cref="KeyOf"/> is <paramref name="key"/>, from the memo when it has them.</summary>
    public static Chord Identify(ChordMemo memo, uint key, ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<ChordMember> members, Span<byte> pc, Span<byte> step)
    {
        if (key == 0) return ChordIdentifier.Identify(midi, diatonic, members, pc, step, out _);
        int slot = (int)((key * 2654435769u) >> (32 - Bits));
        ref var entry = ref memo._entries[slot];
        if (entry.Key == key)
        {
            uint packed = entry.Members;
            for (int v = 0; v < 4; v++) members[v] = (ChordMember)(sbyte)(byte)(packed >> (8 * v));
            return entry.Chord;
        }
        var chord = ChordIdentifier.Identify(midi, diatonic, members, pc, step, out _);
        uint store = 0;
        for (int v = 0; v < 4; v++) store |= (uint)(byte)(sbyte)members[v] << (8 * v);
        entry.Key = key;
        entry.Chord = chord;
        entry.Members = store;
        return chord;
    }
}
