using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Tests.Engine;

public class WeightedFitnessTests
{
    private sealed class CountingTerm(string name, double value) : IFitnessTerm<int>
    {
        public int Calls;
        public string Name => name;
        public double Evaluate(int input)
        {
            Interlocked.Increment(ref Calls);
            return value * input;
        }
    }

    [Fact]
    public void Evaluate_SumsWeightedTerms_AndSkipsWeightZero()
    {
        var a = new CountingTerm("a", 1);
        var b = new CountingTerm("b", 10);
        var c = new CountingTerm("c", 100);
        var f = new WeightedFitness<string, int>(s => s.Length, [(a, 2.0), (b, 0.0), (c, -0.5)]);
        Assert.Equal(3 * 2 + 300 * -0.5, f.Evaluate("xyz"));
        Assert.Equal(0, b.Calls);
        var explained = f.Explain("xy");
        Assert.Equal(["a", "b", "c"], explained.Select(t => t.Name));
        Assert.Equal(0, explained[1].Value);
        Assert.Equal(-100, explained[2].Contribution);
        Assert.Equal(0, b.Calls);
    }

    [Fact]
    public void Constructor_RejectsDuplicateNamesAndNonFiniteWeights()
    {
        Assert.Throws<ArgumentException>(() => new WeightedFitness<string, int>(s => 0, [(new CountingTerm("a", 1), 1.0), (new CountingTerm("a", 1), 1.0)]));
        Assert.Throws<ArgumentException>(() => new WeightedFitness<string, int>(s => 0, [(new CountingTerm("a", 1), double.PositiveInfinity)]));
    }
}
