using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

public class TextureTermTests
{
    [Fact]
    public void Evaluate_IsTheProfileDistance_AndFindingsNameStatisticsOneSpreadAway()
    {
        var plan = PhrasePlan.Default(new Key(Step.G, 0, Mode.Minor), Meter.CommonTime, 2);
        var genome = new RandomChoraleFactory(plan).Create(RandomStream.For(3, 0, 0, RandomPurpose.Initialization));
        var term = new TextureTerm();
        var evaluation = new ChoraleEvaluation(genome);
        var profile = TextureProfile.Of(genome.ToSliceGrid(), plan.BeatLength);
        Assert.Equal(profile.Distance(), term.Evaluate(evaluation), 9);
        int far = Enumerable.Range(0, profile.Values.Count).Count(i => Math.Abs(profile.Values[i] - TextureProfile.BachMeans[i]) >= TextureProfile.BachDeviations[i]);
        Assert.True(far > 0);
        Assert.Equal(far, term.Findings(evaluation).Count);
    }

    [Fact]
    public void Compose_WithTheTextureTerm_IsCloserToBachsTextureThanWithout()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 2);
        double Distance(double weight)
        {
            var best = ChoraleComposer.Compose(new CompositionOptions { Plan = plan, Seed = 5, Population = 20, Generations = 40, Weights = FitnessWeights.Default.With("texture", weight) }).Best;
            return TextureProfile.Of(best.ToSliceGrid(), plan.BeatLength).Distance();
        }
        double with = Distance(-3), without = Distance(0);
        Assert.True(with < without, $"with {with} vs without {without}");
    }
}
