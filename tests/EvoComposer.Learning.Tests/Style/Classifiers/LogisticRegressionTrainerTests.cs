using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class LogisticRegressionTrainerTests
{
    private static readonly LabeledDataset Data = SyntheticData.Separable(60, seed: 7);
    private static readonly ClassifierModel Model = new LogisticRegressionTrainer().Fit(Data);

    [Fact]
    public void Fit_SeparableProblem_ReachesFullAccuracy() => Assert.Equal(1.0, Model.Accuracy(Data));

    [Fact]
    public void Fit_SameData_GivesIdenticalModel()
    {
        var again = new LogisticRegressionTrainer().Fit(SyntheticData.Separable(60, seed: 7));
        Span<double> a = stackalloc double[3], b = stackalloc double[3];
        for (int i = 0; i < Data.Count; i++)
        {
            Model.LogProbabilities(Data.Row(i), a);
            again.LogProbabilities(Data.Row(i), b);
            Assert.True(a.SequenceEqual(b));
        }
    }

    [Fact]
    public void Probabilities_AnyInput_SumToOne()
    {
        Prop.ForAll(Gen.Choose(-1000, 1000).Three().ToArbitrary(), t =>
        {
            var p = Model.Predict(new FeatureVector(SyntheticData.Schema, [t.Item1 / 10.0, t.Item2 / 10.0, t.Item3 / 10.0]));
            double sum = p.Probabilities.Sum(x => x.Value);
            return Math.Abs(sum - 1) < 1e-9 && p.Probabilities.All(x => x.Value >= 0 && x.Value <= 1);
        }).Check(Config.QuickThrowOnFailure);
    }

    [Fact]
    public void Explain_ContributionsPlusBias_GiveTheLogOdds()
    {
        var lr = (LogisticRegressionModel)Model;
        var x = new FeatureVector(SyntheticData.Schema, [5.5, 0.3, 2.0]);
        var forB = lr.Explain(x, "b");
        var forC = lr.Explain(x, "c");
        Assert.Equal("b", forB.Prediction.PredictedClass);
        double logitB = lr.Bias("b") + forB.Contributions.Sum(c => c.Contribution);
        double logitC = lr.Bias("c") + forC.Contributions.Sum(c => c.Contribution);
        Assert.Equal(Math.Log(forB.Prediction["b"]) - Math.Log(forB.Prediction["c"]), logitB - logitC, 9);
        Assert.Equal("signal.x", forB.Contributions[0].Feature);
        Assert.Contains("more x than average", forB.Contributions[0].Text);
        Assert.Contains("for b", forB.Contributions[0].Text);
        var magnitudes = forB.Contributions.Select(c => Math.Abs(c.Contribution)).ToArray();
        Assert.Equal(magnitudes.OrderByDescending(m => m), magnitudes);
    }

    [Fact]
    public void TopFeatures_NoiseIsNeverTheStrongest()
    {
        foreach (string c in Model.Classes)
            Assert.NotEqual("noise", Model.TopFeatures(c, 1)[0].Feature);
        Assert.Equal("signal.x", Model.TopFeatures("b", 1)[0].Feature);
        Assert.True(Model.TopFeatures("b", 1)[0].Strength > 0);
    }

    [Fact]
    public void Constructor_NegativePenalty_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionTrainer(new LogisticRegressionOptions { L2 = -1 }));
}
