using EvoComposer.Learning.Style.Classifiers;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class CrossValidationTests
{
    [Fact]
    public void AssignFolds_AnySeed_NeverSplitsAGroup()
    {
        var data = SyntheticData.Separable(40, seed: 5, perGroup: 3);
        Prop.ForAll(Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(2, 6).ToArbitrary(), (seed, folds) =>
        {
            int[] fold = CrossValidation.AssignFolds(data, folds, seed);
            var byGroup = Enumerable.Range(0, data.Count).GroupBy(data.Group);
            return byGroup.All(g => g.Select(i => fold[i]).Distinct().Count() == 1)
                   && Enumerable.Range(0, folds).All(f => fold.Contains(f));
        }).Check(Config.QuickThrowOnFailure);
    }

    [Fact]
    public void Grouped_SeparableProblem_IsPerfectAndDeterministic()
    {
        var data = SyntheticData.Separable(50, seed: 9);
        var a = CrossValidation.Grouped(new LogisticRegressionTrainer(), data, 5, seed: 1);
        var b = CrossValidation.Grouped(new LogisticRegressionTrainer(), data, 5, seed: 1);
        Assert.Equal(1.0, a.Accuracy);
        Assert.Equal(5, a.Folds);
        Assert.Equal(150, a.Confusion.Sum(r => r.Sum()));
        Assert.Equal(a.Confusion.Select(r => r.ToArray()), b.Confusion.Select(r => r.ToArray()));
        Assert.Equal(a.FoldAccuracies.ToArray(), b.FoldAccuracies.ToArray());
    }

    [Fact]
    public void AssignFolds_GroupWithTwoClasses_Throws()
    {
        var schema = SyntheticData.Schema;
        var data = new LabeledDataset(schema, ["a", "b"], [[0, 0, 0], [1, 1, 1], [2, 2, 2]], [0, 1, 1], ["g", "g", "h"]);
        Assert.Throws<ArgumentException>(() => CrossValidation.AssignFolds(data, 2, 1));
    }
}
