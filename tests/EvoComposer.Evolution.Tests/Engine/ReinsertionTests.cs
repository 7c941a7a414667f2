using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Tests.Engine;

public class ReinsertionTests
{
    [Fact]
    public void Elitist_KeepsTheBestParents_ThenOffspringInOrder()
    {
        var parents = new FitnessTable([1.0, 9.0, 4.0, 8.0]);
        var offspring = new FitnessTable([0.0, 2.0]);
        var r = new ElitistReinsertion(2);
        Assert.Equal(2, r.OffspringCount(4));
        Assert.Equal([1, 3, 4, 5], r.Survivors(parents, offspring, 4).ToArray());
    }

    [Fact]
    public void ElitistTruncating_TakesTheBestOffspring()
    {
        var parents = new FitnessTable([1.0, 9.0, 4.0]);
        var offspring = new FitnessTable([0.0, 7.0, 2.0]);
        var r = new ElitistReinsertion(1, truncateOffspring: true);
        Assert.Equal(3, r.OffspringCount(3));
        Assert.Equal([1, 4, 5], r.Survivors(parents, offspring, 3).ToArray());
    }

    [Fact]
    public void Elitist_RejectsNegativeEliteCount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElitistReinsertion(-1));
}
