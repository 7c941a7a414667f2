using EvoComposer.Learning.Style.Classifiers;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class PermutationImportanceTests
{
    private static readonly LabeledDataset Data = SyntheticData.Separable(60, seed: 3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compute_NoiseFeature_GetsNearZeroImportance(bool naiveBayes)
    {
        ClassifierModel model = naiveBayes ? new NaiveBayesTrainer().Fit(Data) : new LogisticRegressionTrainer().Fit(Data);
        var importance = PermutationImportance.Compute(model, Data, repeats: 5, seed: 42);
        var noise = importance.Single(i => i.Feature == "noise");
        var x = importance.Single(i => i.Feature == "signal.x");
        Assert.InRange(noise.AccuracyDrop, -0.02, 0.02);
        Assert.InRange(noise.LogLossIncrease, -0.05, 0.05);
        Assert.True(x.AccuracyDrop > 0.2, $"signal.x drop {x.AccuracyDrop}");
        Assert.True(x.AccuracyDropSd >= 0);
        Assert.NotEqual("noise", importance[0].Feature);
    }

    [Fact]
    public void Compute_SameSeed_SameResult_OtherSeed_OtherShuffles()
    {
        var model = new LogisticRegressionTrainer().Fit(Data);
        var a = PermutationImportance.Compute(model, Data, 3, 1);
        var b = PermutationImportance.Compute(model, Data, 3, 1);
        var c = PermutationImportance.Compute(model, Data, 3, 2);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.Single(i => i.Feature == "signal.x").LogLossIncrease, c.Single(i => i.Feature == "signal.x").LogLossIncrease);
    }

    [Fact]
    public void HeldOut_FoldsOfACrossValidation_SignalHighNoiseNearZero()
    {
        var folds = new List<(ClassifierModel, LabeledDataset)>();
        CrossValidation.Grouped(new LogisticRegressionTrainer(), Data, 3, seed: 5, onFold: (m, test) => folds.Add((m, test)));
        Assert.Equal(3, folds.Count);
        Assert.Equal(Data.Count, folds.Sum(f => f.Item2.Count));
        var importance = PermutationImportance.HeldOut(folds, repeats: 4, seed: 9);
        Assert.InRange(importance.Single(i => i.Feature == "noise").AccuracyDrop, -0.03, 0.03);
        Assert.True(importance.Single(i => i.Feature == "signal.x").AccuracyDrop > 0.2);
        Assert.Equal(importance.ToArray(), PermutationImportance.HeldOut(folds, repeats: 4, seed: 9).ToArray());
    }

    [Fact]
    public void HeldOut_OneFold_EqualsCompute()
    {
        var model = new LogisticRegressionTrainer().Fit(Data);
        Assert.Equal(PermutationImportance.Compute(model, Data, 3, 7).ToArray(), PermutationImportance.HeldOut([(model, Data)], 3, 7).ToArray());
    }

    [Fact]
    public void HeldOut_NoFolds_Throws() =>
        Assert.Throws<ArgumentException>(() => PermutationImportance.HeldOut([], 2, 1));
}
