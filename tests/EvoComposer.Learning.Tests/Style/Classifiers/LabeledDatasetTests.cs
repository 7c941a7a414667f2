using EvoComposer.Learning.Style.Classifiers;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class LabeledDatasetTests
{
    [Fact]
    public void Constructor_BadRows_Throw()
    {
        var s = SyntheticData.Schema;
        Assert.Throws<ArgumentException>(() => new LabeledDataset(s, ["a", "b"], [[1, 2]], [0], ["g"]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset(s, ["a", "b"], [[1, 2, double.NaN]], [0], ["g"]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset(s, ["a", "b"], [[1, 2, 3]], [2], ["g"]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset(s, ["a"], [[1, 2, 3]], [0], ["g"]));
    }

    [Fact]
    public void WithoutEmptyClasses_RenumbersLabels()
    {
        var data = new LabeledDataset(SyntheticData.Schema, ["a", "b", "c"], [[1, 2, 3], [4, 5, 6]], [0, 2], ["g", "h"]);
        var kept = data.WithoutEmptyClasses();
        Assert.Equal(["a", "c"], kept.Classes.ToArray());
        Assert.Equal(1, kept.Label(1));
        Assert.Equal([1, 1], kept.ClassCounts());
    }

    [Fact]
    public void Subset_KeepsRowsLabelsAndGroups()
    {
        var data = SyntheticData.Separable(4, seed: 1);
        var sub = data.Subset([5, 0]);
        Assert.Equal(2, sub.Count);
        Assert.Equal(data.Label(5), sub.Label(0));
        Assert.Equal(data.Group(0), sub.Group(1));
        Assert.True(data.Row(5).SequenceEqual(sub.Row(0)));
    }
}
