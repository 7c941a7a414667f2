using EvoComposer.Learning.Style.Classifiers;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class TunedLogisticRegressionTrainerTests
{
    private static readonly LabeledDataset Data = SyntheticData.Separable(40, seed: 11);

    [Fact]
    public void Fit_Separable_ReachesFullAccuracyAndPicksACandidate()
    {
        var trainer = new TunedLogisticRegressionTrainer([0.001, 0.1, 10], innerFolds: 3, seed: 2);
        double l2 = trainer.ChooseL2(Data);
        Assert.Contains(l2, trainer.Candidates);
        var model = (LogisticRegressionModel)trainer.Fit(Data);
        Assert.Equal(1.0, model.Accuracy(Data));
    }

    [Fact]
    public void Fit_SameSeed_SameModel()
    {
        var a = new TunedLogisticRegressionTrainer(seed: 4).Fit(Data);
        var b = new TunedLogisticRegressionTrainer(seed: 4).Fit(Data);
        Assert.Equal(a.LogLoss(Data), b.LogLoss(Data));
    }

    [Fact]
    public void ChooseL2_OneCandidate_IsThatCandidate() =>
        Assert.Equal(0.5, new TunedLogisticRegressionTrainer([0.5]).ChooseL2(Data));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadCandidate_Throws(double candidate) =>
        Assert.Throws<ArgumentException>(() => new TunedLogisticRegressionTrainer([candidate]));

    [Fact]
    public void Constructor_OneInnerFold_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TunedLogisticRegressionTrainer(innerFolds: 1));
}
