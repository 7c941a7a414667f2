namespace EvoComposer.Learning.Mining;

/// <summary>
/// One quarter-note beat of four voices (soprano, alto, tenor, bass) on a 16th-note grid: for each voice and each
/// of the four 16ths, the sounding MIDI pitch relative to a common tonic (the piece transposed so that its tonic
/// is C) or 0 for silence, and whether a note starts there. Finer values (32nds) keep the note sounding at the
/// 16th. Packed into two 64-bit words and 16 bits, so that equality and hashing are cheap. The default value is
/// four voices silent. Immutable and thread-safe.
/// </summary>
public readonly struct BeatGrouping : IEquatable<BeatGrouping>
{
    /// <summary>Voices in a grouping.</summary>
    public const int Voices = 4;
    /// <summary>16th-note slots in a beat.</summary>
    public const int Slots = 4;

    private readonly ulong _upper, _lower; // soprano and alto; tenor and bass: 4 bytes per voice, slot 0 lowest
    private readonly ushort _attacks;      // bit voice*4+slot

    private BeatGrouping(ulong upper, ulong lower, ushort attacks)
    {
        _upper = upper;
        _lower = lower;
        _attacks = attacks;
    }

    /// <summary>Creates a grouping from pitches[voice*4+slot] (0 = silence, else 1–127) and attack flags.</summary>
    public static BeatGrouping Create(ReadOnlySpan<byte> pitches, ReadOnlySpan<bool> attacks)
    {
        if (pitches.Length != Voices * Slots || attacks.Length != Voices * Slots) throw new ArgumentException("Sixteen pitches and attack flags.");
        ulong upper = 0, lower = 0;
        ushort a = 0;
        for (int i = 0; i < 16; i++)
        {
            if (pitches[i] > 127) throw new ArgumentOutOfRangeException(nameof(pitches), pitches[i], "MIDI pitches are at most 127.");
            if (i < 8) upper |= (ulong)pitches[i] << (8 * i);
            else lower |= (ulong)pitches[i] << (8 * (i - 8));
            if (attacks[i] && pitches[i] != 0) a |= (ushort)(1 << i);
        }
        return new BeatGrouping(upper, lower, a);
    }

    /// <summary>A grouping in which each voice holds one pitch for the whole beat (0 = silence).</summary>
    public static BeatGrouping Chord(int soprano, int alto, int tenor, int bass, bool attack = true)
    {
        Span<byte> p = stackalloc byte[16];
        Span<bool> a = stackalloc bool[16];
        int[] v = [soprano, alto, tenor, bass];
        for (int i = 0; i < 16; i++)
        {
            p[i] = (byte)v[i / 4];
            a[i] = attack && i % 4 == 0;
        }
        return Create(p, a);
    }

    /// <summary>The pitch of a voice at a slot (0 = silence).</summary>
    public int Pitch(int voice, int slot)
    {
        int i = voice * 4 + slot;
        return (int)((i < 8 ? _upper >> (8 * i) : _lower >> (8 * (i - 8))) & 0xFF);
    }

    /// <summary>Whether a note of the voice starts at the slot.</summary>
    public bool Attack(int voice, int slot) => (_attacks >> (voice * 4 + slot) & 1) != 0;

    /// <summary>The four pitches at the start of the beat, packed soprano in the lowest byte: a lexicon key.</summary>
    public uint Opening => (uint)(_upper & 0xFF) | (uint)((_upper >> 32) & 0xFF) << 8 | (uint)(_lower & 0xFF) << 16 | (uint)((_lower >> 32) & 0xFF) << 24;

    /// <summary>The four pitches at the last 16th of the beat, packed as <see cref="Opening"/>.</summary>
    public uint Closing => (uint)((_upper >> 24) & 0xFF) | (uint)((_upper >> 56) & 0xFF) << 8 | (uint)((_lower >> 24) & 0xFF) << 16 | (uint)((_lower >> 56) & 0xFF) << 24;

    /// <summary>A 64-bit hash of the whole content.</summary>
    public ulong Hash => Markov.ContextHash.Mix(Markov.ContextHash.Mix(_upper * 0x9E3779B97F4A7C15UL, (long)_lower), _attacks);

    /// <summary>The grouping with every pitch moved by <paramref name="semitones"/> (silence stays silence).</summary>
    public BeatGrouping Transpose(int semitones)
    {
        Span<byte> p = stackalloc byte[16];
        Span<bool> a = stackalloc bool[16];
        for (int i = 0; i < 16; i++)
        {
            int x = Pitch(i / 4, i % 4);
            p[i] = (byte)(x == 0 ? 0 : Math.Clamp(x + semitones, 1, 127));
            a[i] = Attack(i / 4, i % 4);
        }
        return Create(p, a);
    }

    /// <summary>Unpacks an opening or closing key into four pitches (soprano first).</summary>
    public static (int Soprano, int Alto, int Tenor, int Bass) Unpack(uint key) =>
        ((int)(key & 0xFF), (int)(key >> 8 & 0xFF), (int)(key >> 16 & 0xFF), (int)(key >> 24));

    /// <summary>Writes the grouping.</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(_upper);
        w.Write(_lower);
        w.Write(_attacks);
    }

    /// <summary>Reads a grouping written by <see cref="Write"/>.</summary>
    public static BeatGrouping Read(BinaryReader r) => new(r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt16());

    /// <inheritdoc/>
    public bool Equals(BeatGrouping other) => _upper == other._upper && _lower == other._lower && _attacks == other._attacks;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BeatGrouping g && Equals(g);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_upper, _lower, _attacks);
    /// <inheritdoc/>
    public static bool operator ==(BeatGrouping a, BeatGrouping b) => a.Equals(b);
    /// <inheritdoc/>
    public static bool operator !=(BeatGrouping a, BeatGrouping b) => !a.Equals(b);

    /// <summary>"S 72 72 74 74 | A …": pitches per voice, a '*' before attacked ones.</summary>
    public override string ToString()
    {
        var self = this;
        return string.Join(" | ", Enumerable.Range(0, 4).Select(v =>
            "SATB"[v] + " " + string.Join(" ", Enumerable.Range(0, 4).Select(s => (self.Attack(v, s) ? "*" : "") + self.Pitch(v, s)))));
    }
}
