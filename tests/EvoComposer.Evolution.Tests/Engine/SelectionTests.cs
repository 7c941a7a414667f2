using System.Collections.Immutable;
using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Tests.Engine;

public class SelectionTests
{
    private static FitnessTable Ascending(int n) => new(Enumerable.Range(0, n).Select(i => (double)i).ToImmutableArray());

    private static double[] Frequencies(ISelection selection, FitnessTable table, int draws)
    {
        var r = RandomStream.For(77, 0, 0, RandomPurpose.Selection);
        var counts = new double[table.Count];
        for (int i = 0; i < draws; i++) counts[selection.Select(table, r)]++;
        return counts.Select(c => c / draws).ToArray();
    }

    [Fact]
    public void Tournament_OfThree_PicksTheBestAsOftenAsTheoryPredicts()
    {
        var f = Frequencies(new TournamentSelection(3), Ascending(10), 60_000);
        // P(the best of 3 draws with replacement is the top individual) = 1 − 0.9³.
        Assert.InRange(f[9], 0.271 - 0.015, 0.271 + 0.015);
        // P(the worst wins) = 0.1³.
        Assert.InRange(f[0], 0.0, 0.004);
        for (int i = 1; i < 10; i++) Assert.True(f[i] >= f[i - 1] - 0.01, $"frequency falls at {i}");
    }

    [Fact]
    public void TournamentOfOne_IsUniform()
    {
        var f = Frequencies(new TournamentSelection(1), Ascending(5), 50_000);
        Assert.All(f, p => Assert.InRange(p, 0.18, 0.22));
    }

    [Fact]
    public void Rank_MatchesLinearRankingProbabilities()
    {
        int n = 10;
        var table = new FitnessTable(Enumerable.Range(0, n).Select(i => (double)(i * i) - 50).ToImmutableArray());
        foreach (double s in new[] { 1.0, 1.5, 2.0 })
        {
            var f = Frequencies(new RankSelection(s), table, 80_000);
            for (int j = 0; j < n; j++)
            {
                double expected = (2 - s) / n + 2.0 * j * (s - 1) / (n * (n - 1.0));
                Assert.InRange(f[j], expected - 0.012, expected + 0.012);
            }
        }
    }

    [Fact]
    public void Rank_DependsOnlyOnOrder_NotOnFitnessScale()
    {
        var f1 = Frequencies(new RankSelection(1.8), Ascending(6), 20_000);
        var f2 = Frequencies(new RankSelection(1.8), new FitnessTable([0.0, 0.001, 0.002, 1e6, 2e6, 3e9]), 20_000);
        Assert.Equal(f1, f2);
    }

    [Fact]
    public void Constructors_RejectAbsurdArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TournamentSelection(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankSelection(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankSelection(double.NaN));
        Assert.Throws<ArgumentException>(() => new FitnessTable([]));
        Assert.Throws<ArgumentException>(() => new FitnessTable([1.0, double.NaN]));
        Assert.Throws<ArgumentNullException>(() => new TournamentSelection().Select(null!, RandomStream.For(1, 0, 0, RandomPurpose.Selection)));
    }

    [Fact]
    public void FitnessTable_RanksBestFirst_TiesByLowerIndex()
    {
        var t = new FitnessTable([3.0, 5.0, 5.0, 1.0]);
        Assert.Equal([1, 2, 0, 3], t.RankOrder.ToArray());
        Assert.Equal(5.0, t.Best);
        Assert.Equal(1.0, t.Worst);
        Assert.Equal(3.5, t.Mean);
    }
}
