using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public class GeneralizedAdditiveTrainerTests
{
    private static readonly FeatureSchema Schema = new([
        new FeatureInfo("signal.band", "Class 'inside' lies in the middle band, 'outside' on both sides.", "band", false),
        new FeatureInfo("noise", "No signal at all.", "noise", false),
    ]);

    // A non-monotone problem: class "inside" has |x| < 1, class "outside" has 2 < |x| < 4 (half below, half above);
    // a noise feature beside it.
    private static LabeledDataset Band(int rowsPerClass, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var labels = new List<int>();
        var groups = new List<string>();
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < rowsPerClass; i++)
            {
                double x = k == 0 ? random.NextDouble() * 2 - 1 : (2 + random.NextDouble() * 2) * (i % 2 == 0 ? -1 : 1);
                rows.Add([x, random.NextDouble() * 10 - 5]);
                labels.Add(k);
                groups.Add($"c{k}-g{i / 5}");
            }
        return new LabeledDataset(Schema, ["inside", "outside"], rows, labels, groups);
    }

    private static readonly LabeledDataset Data = Band(100, seed: 3);
    private static readonly ClassifierModel Model = new GeneralizedAdditiveTrainer().Fit(Data);

    [Fact]
    public void Fit_NonMonotoneSignal_SeparatesWhereLogisticRegressionCannot()
    {
        Assert.Equal(1.0, Model.Accuracy(Data));
        var test = Band(100, seed: 4);
        Assert.True(Model.Accuracy(test) >= 0.95, $"GAM accuracy {Model.Accuracy(test)}");
        Assert.True(new LogisticRegressionTrainer().Fit(Data).Accuracy(test) < 0.75);
    }

    [Fact]
    public void Fit_NonMonotoneSignal_ShapeIsHighInTheMiddleAndLowOnBothSides()
    {
        var gam = (GeneralizedAdditiveModel)Model;
        double middle = gam.ShapeValue("inside", "signal.band", 0);
        Assert.True(middle > gam.ShapeValue("inside", "signal.band", -3));
        Assert.True(middle > gam.ShapeValue("inside", "signal.band", 3));
    }

    [Fact]
    public void TopFeatures_NoiseHasLittleStrength()
    {
        var top = Model.TopFeatures("inside", 2);
        Assert.Equal("signal.band", top[0].Feature);
        Assert.True(Math.Abs(top[1].Strength) < 0.2 * Math.Abs(top[0].Strength), $"noise {top[1].Strength} vs signal {top[0].Strength}");
    }

    [Fact]
    public void Fit_SameData_GivesIdenticalModel()
    {
        var again = new GeneralizedAdditiveTrainer().Fit(Band(100, seed: 3));
        Span<double> a = stackalloc double[2], b = stackalloc double[2];
        for (int i = 0; i < Data.Count; i++)
        {
            Model.LogProbabilities(Data.Row(i), a);
            again.LogProbabilities(Data.Row(i), b);
            Assert.True(a.SequenceEqual(b));
        }
    }

    [Fact]
    public void Fit_ThreeClasses_PredictsEachClassMostly()
    {
        // Quantile bins may straddle a gap between classes, so a separable problem is not always fitted exactly; the
        // three well-separated classes still come out nearly right, and the noise feature never leads.
        var data = SyntheticData.Separable(60, seed: 7);
        var model = new GeneralizedAdditiveTrainer().Fit(data);
        Assert.True(model.Accuracy(SyntheticData.Separable(60, seed: 8)) >= 0.9);
        foreach (string c in model.Classes) Assert.NotEqual("noise", model.TopFeatures(c, 1)[0].Feature);
    }

    [Fact]
    public void Explain_ShapeValuesPlusBias_GiveTheLogOdds()
    {
        var gam = (GeneralizedAdditiveModel)Model;
        var x = new FeatureVector(Schema, [0.2, 1.0]);
        var inside = gam.Explain(x, "inside");
        var outside = gam.Explain(x, "outside");
        Assert.Equal("inside", inside.Prediction.PredictedClass);
        double a = gam.Bias("inside") + inside.Contributions.Sum(c => c.Contribution);
        double b = gam.Bias("outside") + outside.Contributions.Sum(c => c.Contribution);
        Assert.Equal(Math.Log(inside.Prediction["inside"]) - Math.Log(inside.Prediction["outside"]), a - b, 9);
        Assert.Equal("signal.band", inside.Contributions[0].Feature);
        Assert.Equal(gam.ShapeValue("inside", "signal.band", 0.2), inside.Contributions[0].Contribution);
        Assert.Contains("for inside", inside.Contributions[0].Text);
    }

    [Fact]
    public void Fit_ShapesAreCentredOnTheTrainingRows()
    {
        var gam = (GeneralizedAdditiveModel)Model;
        double mean = Enumerable.Range(0, Data.Count).Average(i => gam.ShapeValue("inside", "signal.band", Data.Row(i)[0]));
        Assert.Equal(0, mean, 9);
    }

    [Fact]
    public void Fit_ConstantFeature_GetsOneBinAndNoEffect()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new[] { i % 2 == 0 ? -1.0 : 1.0, 7.0 }).ToList();
        var data = new LabeledDataset(Schema, ["inside", "outside"], rows, rows.Select(r => r[0] < 0 ? 0 : 1).ToList(), rows.Select((_, i) => $"g{i}").ToList());
        var gam = (GeneralizedAdditiveModel)new GeneralizedAdditiveTrainer().Fit(data);
        Assert.Empty(gam.CutPoints("noise"));
        Assert.Equal(0, gam.ShapeValue("inside", "noise", 7.0), 12);
    }

    [Theory]
    [InlineData(1, 0.001, 0.003)]
    [InlineData(8, -1, 0.003)]
    [InlineData(8, 0.001, double.NaN)]
    public void Constructor_BadOptions_Throw(int bins, double l2, double smoothness) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneralizedAdditiveTrainer(new GeneralizedAdditiveOptions { Bins = bins, L2 = l2, Smoothness = smoothness }));
}
