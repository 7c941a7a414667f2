using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

public class FitnessWeightsTests
{
    [Fact]
    public void Default_NamesExactlyTheBuiltInTerms_AndPenalisesParallels()
    {
        Assert.Equal(ChoraleFitness.BuiltInTerms.Select(t => t.Name).Concat(ChoraleFitness.ModelTermNames).Order(), FitnessWeights.Default.Names.Order());
        Assert.True(FitnessWeights.Default["parallel-fifths"] < 0);
        Assert.True(FitnessWeights.Default["progression"] > 0);
    }

    [Fact]
    public void TheEmbeddedFile_ListsEveryTerm_SoAPersonSeesThemAll()
    {
        var file = FitnessWeights.Parse(FitnessWeights.DefaultJson, "default-weights.json", null);
        Assert.Equal(ChoraleFitness.BuiltInTerms.Select(t => t.Name).Concat(ChoraleFitness.ModelTermNames).Order(), file.Names.Order());
    }

    [Fact]
    public void Parse_OverridesSomeNames_AndKeepsTheOtherDefaults()
    {
        var w = FitnessWeights.Parse("""{"weights": {"spacing": 0, "voice-range": -1.5}}""", "test.json", FitnessWeights.Default);
        Assert.Equal(0, w["spacing"]);
        Assert.Equal(-1.5, w["voice-range"]);
        Assert.Equal(FitnessWeights.Default["planned-cadence"], w["planned-cadence"]);
    }

    [Theory]
    [InlineData("""{"weights": {"no-such-term": 1}}""", "unknown term 'no-such-term'")]
    [InlineData("""{"weights": {"spacing": "high"}}""", "weight of 'spacing' is not a number")]
    [InlineData("""{"weights": [1, 2]}""", "expected an object")]
    [InlineData("""{"weights": {"spacing": 1""", "not valid JSON")]
    public void Parse_RejectsBadFiles_NamingTheFile(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => FitnessWeights.Parse(json, "mine.json", FitnessWeights.Default));
        Assert.StartsWith("mine.json: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ATermWithWeightZero_IsNotComputed_AndReportsZero()
    {
        var plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime, 2);
        var g = new RandomChoraleFactory(plan).Create(RandomStream.For(1, 0, 0, RandomPurpose.Initialization));
        var off = ChoraleFitness.Create(FitnessWeights.Default.With("progression", 0));
        var on = ChoraleFitness.Create(FitnessWeights.Default);
        var explainedOff = off.Explain(g).Single(t => t.Name == "progression");
        var explainedOn = on.Explain(g).Single(t => t.Name == "progression");
        Assert.Equal(0, explainedOff.Value);
        Assert.NotEqual(0, explainedOn.Value);
        Assert.Equal(on.Evaluate(g) - explainedOn.Contribution, off.Evaluate(g), 9);
    }
}
