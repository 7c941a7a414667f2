using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

/// <summary>evaluate harmonize, run in process on the shared corpus's JSB split with a small GA budget.</summary>
public class EvaluateHarmonizeCommandTests
{
    [Fact]
    public void Json_TwoMelodies_ReportsEveryMethodBesideBach()
    {
        var r = CliRunner.Run("evaluate", "harmonize", "--limit", "2", "--population", "8", "--generations", "3", "--islands", "1",
            "--threads", "1", "--no-style", "--json", "--corpora", TestCorpus.Root);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Output);
        var root = doc.RootElement;
        Assert.Equal("test", root.GetProperty("split").GetString());
        Assert.Equal(2, root.GetProperty("chorales").GetInt32());
        Assert.Equal("strict", root.GetProperty("rules").GetString());
        var methods = root.GetProperty("methods").EnumerateArray().ToDictionary(m => m.GetProperty("method").GetString()!);
        Assert.Equal(["bach", "ga", "markov", "recombinant"], methods.Keys.Order(StringComparer.Ordinal));
        // Bach agrees with himself on every beat; the others agree on a share within 0…1.
        Assert.Equal(1.0, methods["bach"].GetProperty("chordAgreement").GetDouble());
        Assert.Equal(1.0, methods["bach"].GetProperty("bassAgreement").GetDouble());
        foreach (var m in methods.Values)
        {
            Assert.Equal(2, m.GetProperty("pieces").GetInt32());
            Assert.InRange(m.GetProperty("chordAgreement").GetDouble(), 0.0, 1.0);
            Assert.InRange(m.GetProperty("bassAgreement").GetDouble(), 0.0, 1.0);
            Assert.True(m.GetProperty("errorsPerPiece").GetDouble() >= m.GetProperty("melodyErrorsPerPiece").GetDouble());
            Assert.Equal(JsonValueKind.Object, m.GetProperty("errorsByRule").ValueKind);
        }
        // The baselines keep Bach's soprano, so they cannot agree with him nowhere.
        Assert.True(methods["recombinant"].GetProperty("chordAgreement").GetDouble() > 0);
        var pieces = root.GetProperty("pieces").EnumerateArray().ToList();
        Assert.Equal(8, pieces.Count);
        Assert.All(pieces, p => Assert.True(p.GetProperty("beats").GetInt32() > 16));
        Assert.Single(pieces.Where(p => p.GetProperty("index").GetInt32() == 0).Select(p => p.GetProperty("beats").GetInt32()).Distinct());
    }

    [Theory]
    [InlineData("--split", "other")]
    [InlineData("--limit", "-1")]
    [InlineData("--methods", "ga,genius")]
    [InlineData("--population", "1")]
    public void AbsurdOption_ExitsWithTwoAndOneLine(string option, string value)
    {
        var r = CliRunner.Run("evaluate", "harmonize", option, value, "--corpora", TestCorpus.Root);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
    }
}
