using System.Text.Json;
using EvoComposer.Evolution.Composition;

namespace EvoComposer.Cli.Tests.Commands;

/// <summary>evaluate style-heldout, run in process on the shared corpus with a tiny GA budget and few samples.</summary>
public class EvaluateStyleHeldOutCommandTests
{
    [Fact]
    public void Json_TinyRun_ReportsEveryGroupWithProbabilities()
    {
        var r = CliRunner.Run("evaluate", "style-heldout", "--seeds", "1", "--samples", "2", "--training-samples", "20",
            "--population", "8", "--generations", "2", "--json", "--corpora", TestCorpus.Root);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Output);
        var root = doc.RootElement;
        var expected = new Dictionary<string, int> { ["heldOut"] = 36, ["composed"] = 1, ["composedWithStyle"] = 1, ["markov"] = 2, ["recombinant"] = 2 };
        foreach (var (name, count) in expected)
        {
            var group = root.GetProperty(name);
            Assert.Equal(count, group.GetProperty("count").GetInt32());
            Assert.InRange(group.GetProperty("meanPReal").GetDouble(), 0.0, 1.0);
            Assert.InRange(group.GetProperty("medianPReal").GetDouble(), 0.0, 1.0);
        }
    }

    [Fact]
    public void NoStyleVariant_LeavesComposedWithStyleNull()
    {
        var r = CliRunner.Run("evaluate", "style-heldout", "--seeds", "1", "--samples", "1", "--training-samples", "10",
            "--population", "4", "--generations", "1", "--no-style-variant", "--json", "--corpora", TestCorpus.Root);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("composedWithStyle").ValueKind);
    }

    [Theory]
    [InlineData("chor010.krn", true)]
    [InlineData("chor370.krn", true)]
    [InlineData("chor011.krn", false)]
    [InlineData("chor371.krn", false)]
    [InlineData("other010.krn", false)]
    public void IsHeldOut_EveryTenthChorale(string file, bool expected) => Assert.Equal(expected, HeldOutStyleEvaluation.IsHeldOut(file));

    [Fact]
    public void Summarize_MeanAndMedian()
    {
        var s = HeldOutStyleEvaluation.Summarize([0.1, 0.9, 0.2, 0.4]);
        Assert.Equal(4, s.Count);
        Assert.Equal(0.4, s.MeanPReal, 12);
        Assert.Equal(0.3, s.MedianPReal, 12);
    }

    [Fact]
    public void ZeroSeeds_ExitsWithTwo()
    {
        var r = CliRunner.Run("evaluate", "style-heldout", "--seeds", "0", "--corpora", TestCorpus.Root);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
    }
}
