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
    public static Chord Identify(ChordMemo? memo, ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<ChordMember> members, Span<byte> pc, Span<byte> step)
    {
        if (memo is null || midi.Length != 4) return ChordIdentifier.Identify(midi, diatonic, members, pc, step, out _);
        uint key = 0;
        for (int v = 0; v < 4; v++)
        {
            int m = midi[v];
            if (m < 0) continue;
            int d = diatonic[v];
            if ((uint)d >= TableSize || m >= TableSize) return ChordIdentifier.Identify(midi, diatonic, members, pc, step, out _);
            int alter = m - NaturalMidiOf[d];
            if (alter < -5 || alter > 5) return ChordIdentifier.Identify(midi, diatonic, members, pc, step, out _);
            key |= (uint)(0x80 | (PitchClassOf[m] << 3) | LetterOf[d]) << (8 * v);
        }
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
