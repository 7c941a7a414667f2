using System.Runtime.CompilerServices;

namespace EvoComposer.Learning.Markov;

/// <summary>
/// A read-only hash table from 64-bit keys to small values, laid out for look-ups that miss the cache: one array of
/// (key, value) entries, a power-of-two capacity less than three quarters full, linear probing. A look-up usually
/// touches one cache line, where a <see cref="Dictionary{TKey, TValue}"/> touches its bucket array and then its
/// entry array.
/// Absent keys read as the default value (callers treat a zero count and a missing entry alike). Key 0 marks an
/// empty slot, so its value is kept aside. Built once, then immutable and thread-safe.
/// </summary>
internal sealed class FlatTable<TValue> where TValue : struct
{
    private static readonly TValue s_missing = default;
    private readonly Entry[] _entries;
    private readonly int _mask;
    private readonly int _shift;
    private TValue _zero;

    private struct Entry
    {
        public ulong Key;
        public TValue Value;
    }

    /// <summary>An empty table with room for <paramref name="count"/> entries (filled through <see cref="Slot"/>).</summary>
    private FlatTable(int count)
    {
        int capacity = 2;
        while (capacity < 4L * count / 3 + 1) capacity <<= 1;
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>A table holding the entries of <paramref name="source"/>.</summary>
    public FlatTable(Dictionary<ulong, TValue> source) : this(source.Count)
    {
        foreach (var (key, value) in source) Slot(key) = value;
    }

    /// <summary>
    /// A table over the union of the keys of two dictionaries, each entry made by <paramref name="combine"/> from
    /// the key's values in both (default where a dictionary lacks the key).
    /// </summary>
    public static FlatTable<TValue> Union<TA, TB>(Dictionary<ulong, TA> a, Dictionary<ulong, TB> b, Func<TA, TB, TValue> combine)
        where TA : struct where TB : struct
    {
        int union = a.Count;
        foreach (ulong key in b.Keys)
            if (!a.ContainsKey(key)) union++;
        var table = new FlatTable<TValue>(union);
        foreach (var (key, va) in a) table.Slot(key) = combine(va, b.TryGetValue(key, out var vb) ? vb : default);
        foreach (var (key, vb) in b)
            if (!a.ContainsKey(key)) table.Slot(key) = combine(default, vb);
        return table;
    }

    /// <summary>The value stored under <paramref name="key"/>, or the default value if there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly TValue Get(ulong key)
    {
        if (key == 0) return ref _zero;
        var entries = _entries;
        int i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            ref var e = ref entries[i];
            if (e.Key == key) return ref e.Value;
            if (e.Key == 0) return ref s_missing;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>The slot of a key while the table is being filled (the key's entry is created if absent).</summary>
    private ref TValue Slot(ulong key)
    {
        if (key == 0) return ref _zero;
        int i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (_entries[i].Key != key && _entries[i].Key != 0) i = (i + 1) & _mask;
        _entries[i].Key = key;
        return ref _entries[i].Value;
    }
}
