using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Tests.Engine;

public class RandomStreamTests
{
    [Fact]
    public void For_SameTuple_GivesSameSequence_OtherTuplesDiffer()
    {
        var a = RandomStream.For(42, 3, 7, RandomPurpose.Mutation);
        var b = RandomStream.For(42, 3, 7, RandomPurpose.Mutation);
        var seqA = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(seqA, Enumerable.Range(0, 8).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(seqA[0], RandomStream.For(42, 3, 7, RandomPurpose.Crossover).NextUInt64());
        Assert.NotEqual(seqA[0], RandomStream.For(42, 3, 8, RandomPurpose.Mutation).NextUInt64());
        Assert.NotEqual(seqA[0], RandomStream.For(42, 4, 7, RandomPurpose.Mutation).NextUInt64());
        Assert.NotEqual(seqA[0], RandomStream.For(43, 3, 7, RandomPurpose.Mutation).NextUInt64());
    }

    [Fact]
    public void NextInt_StaysInRange_AndIsRoughlyUniform()
    {
        var r = RandomStream.For(1, 0, 0, RandomPurpose.Other);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++) counts[r.NextInt(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_400, 10_600));
        for (int i = 0; i < 1000; i++) Assert.InRange(r.NextInt(-3, 4), -3, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInt(0));
    }

    [Fact]
    public void NextWeighted_FollowsWeights_AndRejectsAllZero()
    {
        var r = RandomStream.For(9, 0, 0, RandomPurpose.Other);
        var counts = new int[3];
        for (int i = 0; i < 40_000; i++) counts[r.NextWeighted([1.0, 0.0, 3.0])]++;
        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[2] / (double)counts[0], 2.7, 3.3);
        Assert.Throws<ArgumentException>(() => r.NextWeighted([0.0, 0.0]));
    }

    [Fact]
    public void NextDouble_IsWithinUnitInterval()
    {
        var r = RandomStream.For(5, 1, 2, RandomPurpose.Other);
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            double d = r.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999);
            sum += d;
        }
        Assert.InRange(sum / 10_000, 0.48, 0.52);
    }
}
