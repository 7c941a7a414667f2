using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

/// <summary>A model file mined once for the test class, deleted afterwards.</summary>
public sealed class MinedModelFile : IDisposable
{
    public MinedModelFile()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"evocomposer-cli-{Guid.NewGuid():N}.ecm");
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(["mine", "--out", Path, "--corpora", TestCorpus.Root], o, e);
        if (code != 0) throw new InvalidOperationException(e.ToString());
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

/// <summary>mine, sample and evaluate markov, run in process on the shared corpus.</summary>
public class MiningCommandsTests(MinedModelFile models) : IClassFixture<MinedModelFile>
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private string ModelFile => models.Path;

    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"evocomposer-sample-{Guid.NewGuid():N}");

    [Fact]
    public void Mine_ExistingOut_RefusesWithoutForce()
    {
        var (code, _, err) = Run("mine", "--out", ModelFile, "--corpora", TestCorpus.Root);
        Assert.Equal(2, code);
        Assert.Contains("--force", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Mine_UnknownSet_ExitsWithTwoAndListsSets()
    {
        var (code, _, err) = Run("mine", "--corpus", "mozart", "--out", Path.Combine(TempDir(), "x.ecm"));
        Assert.Equal(2, code);
        Assert.Contains("bach-chorales", err);
    }

    [Theory]
    [InlineData("recombinant")]
    [InlineData("markov")]
    public void Sample_WritesPieceAndReports_Deterministically(string method)
    {
        string a = TempDir(), b = TempDir();
        try
        {
            foreach (string dir in new[] { a, b })
            {
                var (code, _, err) = Run("sample", "--method", method, "--seed", "7", "--key", "g", "--phrases", "3", "--out", dir, "--models", ModelFile);
                Assert.True(code == 0, err);
            }
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "piece.mid")), File.ReadAllBytes(Path.Combine(b, "piece.mid")));
            Assert.Equal(File.ReadAllText(Path.Combine(a, "report.json")), File.ReadAllText(Path.Combine(b, "report.json")));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "report.json")));
            var root = json.RootElement;
            Assert.Equal("minor", root.GetProperty("key").GetProperty("mode").GetString());
            int beats = root.GetProperty("beats").GetInt32();
            var originality = root.GetProperty("originality");
            Assert.InRange(originality.GetProperty("longestCopiedBeats").GetInt32(), 1, beats);
            Assert.InRange(originality.GetProperty("corpusJoinShare").GetDouble(), 0, 1);
            var provenance = root.GetProperty("provenance");
            if (method == "recombinant")
            {
                Assert.Equal(beats, provenance.GetArrayLength());
                Assert.Equal(1.0, originality.GetProperty("corpusJoinShare").GetDouble());
                var first = provenance[0];
                Assert.EndsWith(".krn", first.GetProperty("source").GetString());
                Assert.True(first.GetProperty("measure").GetInt32() >= 0);
                Assert.Equal(0, first.GetProperty("onset").GetDouble());
            }
            else Assert.Equal(0, provenance.GetArrayLength());
            Assert.Contains("Originality", File.ReadAllText(Path.Combine(a, "report.md")));
            var score = Theory.Formats.ScoreFiles.Read(Path.Combine(a, "piece.mid"));
            Assert.Equal(4, score.Parts.Length);
            Assert.Equal(beats, (int)score.Length.Floor());
            Assert.True(score.Parts[0].Notes.All(n => n.Pitch.Midi is >= 55 and <= 84));
        }
        finally
        {
            foreach (string dir in new[] { a, b }) if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Sample_Recombinant_ReportJsonHasProvenancePerBeatAndOriginality()
    {
        string dir = TempDir();
        try
        {
            var (code, _, err) = Run("sample", "--method", "recombinant", "--seed", "3", "--key", "D", "--out", dir, "--models", ModelFile);
            Assert.True(code == 0, err);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            var root = json.RootElement;
            var provenance = root.GetProperty("provenance").EnumerateArray().ToArray();
            Assert.Equal(root.GetProperty("beats").GetInt32(), provenance.Length);
            for (int i = 0; i < provenance.Length; i++)
            {
                Assert.Equal(i, provenance[i].GetProperty("onset").GetDouble());
                Assert.Matches(@"^chor\d{3}\.krn$", provenance[i].GetProperty("source").GetString());
                Assert.True(provenance[i].GetProperty("measure").GetInt32() >= 0);
            }
            var originality = root.GetProperty("originality");
            Assert.InRange(originality.GetProperty("longestCopiedBeats").GetInt32(), 1, 4); // the default --max-copied
            Assert.Equal(1.0, originality.GetProperty("corpusJoinShare").GetDouble());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Sample_ExistingOutput_RefusesWithoutForce()
    {
        string dir = TempDir();
        try
        {
            Assert.Equal(0, Run("sample", "--out", dir, "--models", ModelFile).Code);
            var (code, _, err) = Run("sample", "--out", dir, "--models", ModelFile);
            Assert.Equal(2, code);
            Assert.Contains("--force", err);
            Assert.Equal(0, Run("sample", "--out", dir, "--models", ModelFile, "--force").Code);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Sample_DamagedModelFile_OneLineExitTwo()
    {
        string bad = Path.Combine(Path.GetTempPath(), $"evocomposer-bad-{Guid.NewGuid():N}.ecm");
        File.WriteAllText(bad, "EVOCMDL\nnot really");
        try
        {
            var (code, _, err) = Run("sample", "--out", TempDir(), "--models", bad);
            Assert.Equal(2, code);
            Assert.Contains(bad, err);
            Assert.Single(err.Trim().Split('\n'));
        }
        finally { File.Delete(bad); }
    }

    [Theory]
    [InlineData("--key", "H")]
    [InlineData("--phrases", "0")]
    [InlineData("--method", "dice")]
    public void Sample_BadOption_ExitsWithTwo(string option, string value)
    {
        var (code, _, err) = Run("sample", option, value, "--out", TempDir(), "--models", ModelFile);
        Assert.Equal(2, code);
        Assert.NotEmpty(err);
    }

    [Fact]
    public void EvaluateMarkov_Json_ModelBeatsBaselineOnTest()
    {
        var (code, output, err) = Run("evaluate", "markov", "--json", "--corpora", TestCorpus.Root);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        double test = root.GetProperty("test").GetProperty("bitsPerFrame").GetDouble();
        double baseline = root.GetProperty("baseline").GetProperty("test").GetProperty("bitsPerFrame").GetDouble();
        Assert.InRange(test, 0.5, baseline - 0.5);
        Assert.Equal(test / 4, root.GetProperty("test").GetProperty("bitsPerNote").GetDouble(), 3);
        Assert.True(root.GetProperty("valid").GetProperty("bitsPerFrame").GetDouble() > 0);
        Assert.InRange(root.GetProperty("order").GetInt32(), 2, 8);
    }
}
