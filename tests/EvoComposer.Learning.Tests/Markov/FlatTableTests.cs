using EvoComposer.Learning.Markov;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Markov;

public class FlatTableTests
{
    [Fact]
    public void Get_RandomKeysWithSharedLowAndHighBits_AgreesWithTheDictionary()
    {
        // Keys made to crowd the same slots (few distinct bits), plus 0 (the empty-slot marker) and ulong.MaxValue.
        var key = Gen.Elements(0UL, 1UL, ulong.MaxValue, 1UL << 63)
            .Or(Gen.Choose(0, 255).Select(i => (ulong)i << 56))
            .Or(Gen.Choose(0, 255).Select(i => (ulong)i))
            .Or(Gen.Choose(0, 255).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL));
        var gen = Gen.ListOf(Gen.Zip(key, Gen.Choose(1, 1000))).Select(l => l.ToArray());
        Prop.ForAll(gen.ToArbitrary(), Gen.ListOf(key).Select(l => l.ToArray()).ToArbitrary(), (pairs, probes) =>
        {
            var source = new Dictionary<ulong, int>();
            foreach (var (k, v) in pairs) source[k] = v;
            var table = new FlatTable<int>(source);
            foreach (var (k, v) in source) Assert.Equal(v, table.Get(k));
            foreach (ulong k in probes) Assert.Equal(source.GetValueOrDefault(k), table.Get(k));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Union_KeysInOneOrBothDictionaries_CombinesTheirValuesWithDefaults()
    {
        var a = new Dictionary<ulong, int> { [0] = 1, [5] = 2, [7] = 3 };
        var b = new Dictionary<ulong, long> { [5] = 20, [9] = 40 };
        var table = FlatTable<(int, long)>.Union(a, b, (x, y) => (x, y));
        Assert.Equal((1, 0L), table.Get(0));
        Assert.Equal((2, 20L), table.Get(5));
        Assert.Equal((3, 0L), table.Get(7));
        Assert.Equal((0, 40L), table.Get(9));
        Assert.Equal((0, 0L), table.Get(6));
    }

    [Fact]
    public void Get_EmptyTable_ReadsDefault()
    {
        var table = new FlatTable<int>([]);
        Assert.Equal(0, table.Get(0));
        Assert.Equal(0, table.Get(42));
    }
}
