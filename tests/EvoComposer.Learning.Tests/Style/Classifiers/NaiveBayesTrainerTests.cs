using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class NaiveBayesTrainerTests
{
    private static readonly LabeledDataset Data = SyntheticData.Separable(60, seed: 11);
    private static readonly ClassifierModel Model = new NaiveBayesTrainer().Fit(Data);

    [Fact]
    public void Fit_SeparableProblem_ReachesFullAccuracy() => Assert.Equal(1.0, Model.Accuracy(Data));

    [Fact]
    public void Fit_LearnsClassMeans()
    {
        var nb = (NaiveBayesModel)Model;
        Assert.InRange(nb.ClassMean("b", "signal.x"), 5.7, 6.3);
        Assert.InRange(nb.ClassMean("a", "signal.x"), -0.3, 0.3);
    }

    [Fact]
    public void Probabilities_AnyInput_SumToOne()
    {
        Prop.ForAll(Gen.Choose(-1000, 1000).Three().ToArbitrary(), t =>
        {
            var p = Model.Predict(new FeatureVector(SyntheticData.Schema, [t.Item1 / 10.0, t.Item2 / 10.0, t.Item3 / 10.0]));
            return Math.Abs(p.Probabilities.Sum(x => x.Value) - 1) < 1e-9;
        }).Check(Config.QuickThrowOnFailure);
    }

    [Fact]
    public void Explain_SignalFeatureCarriesTheLogOdds()
    {
        var e = Model.Explain(new FeatureVector(SyntheticData.Schema, [0.1, 6.2, 0.0]));
        Assert.Equal("c", e.Class);
        Assert.Equal("signal.y", e.Contributions[0].Feature);
        Assert.True(e.Contributions[0].Contribution > 1);
        Assert.Contains("towards c", e.Contributions[0].Text);
        Assert.True(Math.Abs(e.Contributions.Single(c => c.Feature == "noise").Contribution) < 0.5);
    }
}
