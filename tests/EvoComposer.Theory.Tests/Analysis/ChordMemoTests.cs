using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Analysis;

public class ChordMemoTests
{
    [Fact]
    public void Identify_ManyRandomVoicings_EqualsTheIdentifierEveryTime_HitOrMiss()
    {
        // Few pitch classes and letters, many octaves and spellings: the memo is hit often, with other octaves than it stored.
        var random = new Random(7);
        var memo = new ChordMemo();
        int[] midi = new int[4], dia = new int[4];
        var fromMemo = new ChordMember[4];
        var direct = new ChordMember[4];
        Span<byte> pc = stackalloc byte[4];
        Span<byte> step = stackalloc byte[4];
        for (int i = 0; i < 20_000; i++)
        {
            for (int v = 0; v < 4; v++)
            {
                if (random.Next(12) == 0) { midi[v] = -1; dia[v] = 0; continue; }
                var p = new Pitch((Step)(2 * random.Next(4) % 7), random.Next(-1, 1), random.Next(2, 6));
                midi[v] = p.Midi;
                dia[v] = p.DiatonicIndex;
            }
            var expected = ChordIdentifier.Identify(midi, dia, direct, out _);
            var actual = ChordMemo.Identify(memo, midi, dia, fromMemo, pc, step);
            Assert.Equal(expected, actual);
            Assert.Equal(direct, fromMemo);
        }
    }

    [Fact]
    public void Keys_RandomSlices_EqualKeyOfEachSlice()
    {
        // Sounding, silent, out-of-table and far-altered notes, in slice counts odd and even (the vector path and its tail).
        var random = new Random(11);
        for (int round = 0; round < 2_000; round++)
        {
            int slices = random.Next(0, 9);
            int[] midi = new int[4 * slices], dia = new int[4 * slices];
            for (int c = 0; c < midi.Length; c++)
            {
                dia[c] = random.Next(8) == 0 ? random.Next(-200, 300) : random.Next(0, 128);
                midi[c] = random.Next(6) switch
                {
                    0 => -1,
                    1 => random.Next(-50, 400),
                    _ => (dia[c] / 7 + 1) * 12 + ((Step)(((dia[c] % 7) + 7) % 7)).NaturalSemitones() + random.Next(-6, 7),
                };
            }
            var keys = new uint[slices];
            ChordMemo.Keys(midi, dia, keys);
            for (int s = 0; s < slices; s++)
                Assert.Equal(ChordMemo.KeyOf(midi.AsSpan(4 * s, 4), dia.AsSpan(4 * s, 4)), keys[s]);
        }
    }
}
