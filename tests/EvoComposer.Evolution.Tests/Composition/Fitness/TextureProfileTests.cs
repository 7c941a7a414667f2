using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Corpora;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

public class TextureProfileTests
{
    [Fact]
    public void BachMeansAndDeviations_AreThoseOfThe370Chorales()
    {
        var set = CorpusManifest.Load().Get("bach-chorales");
        var profiles = CorpusLoader.Load(set, TestCorpus.Root).Pieces.Where(p => p.Score.Parts.Length == 4).Select(p => TextureProfile.Of(p.Score)).ToList();
        Assert.Equal(370, profiles.Count);
        for (int i = 0; i < TextureProfile.Names.Count; i++)
        {
            double mean = profiles.Average(p => p.Values[i]);
            double sd = Math.Sqrt(profiles.Average(p => (p.Values[i] - mean) * (p.Values[i] - mean)));
            Assert.True(Math.Abs(mean - TextureProfile.BachMeans[i]) < 0.0006, $"{TextureProfile.Names[i]}: mean {mean:0.0000} vs {TextureProfile.BachMeans[i]}");
            Assert.True(Math.Abs(sd - TextureProfile.BachDeviations[i]) < 0.0006, $"{TextureProfile.Names[i]}: sd {sd:0.0000} vs {TextureProfile.BachDeviations[i]}");
        }
    }

    [Fact]
    public void Of_AGenomeAndItsScore_GiveTheSameProfile()
    {
        var plan = PhrasePlan.Default(new Key(Step.E, -1, Mode.Major), Meter.CommonTime, 2);
        var factory = new RandomChoraleFactory(plan);
        for (int i = 0; i < 5; i++)
        {
            var genome = factory.Create(RandomStream.For(7, 0, i, RandomPurpose.Initialization));
            Assert.Equal(TextureProfile.Of(genome.ToSliceGrid(), plan.BeatLength).Values, TextureProfile.Of(genome.ToScore()).Values);
        }
    }

    [Fact]
    public void Of_AHandMadeChorale_CountsStepsLeapsEighthsAndInversions()
    {
        var plan = ChoraleTestData.Plan(4);
        // I – V6 (bass steps down a half step, alto passes on the off-beat) – I – IV: the bass moves B2→C3 by step, C3→F2 by a fifth.
        var g = ChoraleTestData.Genome(plan, "E5 G4~A4 C4 C3", "D5 B4 G4 B2", "C5 C5 E4 C3", "C5 A4 F4 F2");
        var p = TextureProfile.Of(g.ToSliceGrid(), plan.BeatLength);
        Assert.Equal(0.25, p["eighth-beats"], 6);
        Assert.Equal(1.0, p["bass-density"], 6);
        Assert.Equal(2.0 / 3, p["bass-step"], 6);
        Assert.Equal(1.0 / 3, p["bass-leap"], 6);
        Assert.Equal(0.75, p["root-position"], 6);
        Assert.Equal(1.0 / 3, p["soprano-repeat"], 6);
        Assert.Equal(1.0, p["chord-changes"], 6);
        Assert.Throws<KeyNotFoundException>(() => p["no-such-statistic"]);
    }

    [Fact]
    public void Distance_IsZeroAtBachsMeans_AndGrowsByOneForEachSpreadAway()
    {
        var means = TextureProfile.BachMeans.ToArray();
        Assert.Equal(0, TextureProfile.Distance(means), 9);
        means[0] += TextureProfile.BachDeviations[0] * 2;
        Assert.Equal(2, TextureProfile.Distance(means), 9);
    }

    [Fact]
    public void NamesDescriptionsMeansAndDeviations_HaveOneEntryPerStatistic()
    {
        int n = TextureProfile.Names.Count;
        Assert.Equal(n, TextureProfile.Descriptions.Count);
        Assert.Equal(n, TextureProfile.BachMeans.Count);
        Assert.Equal(n, TextureProfile.BachDeviations.Count);
        Assert.All(TextureProfile.BachDeviations, d => Assert.True(d > 0));
        Assert.Equal(n, TextureProfile.Names.Distinct().Count());
    }
}
