using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

public sealed class StyleCommandsTests(SmallStyleCorpus corpus) : IClassFixture<SmallStyleCorpus>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evocomposer-style-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TrainThenClassify_ChoraleIsBach_WithExplanation()
    {
        string model = Path.Combine(_folder, "style.json");
        var train = Run("train", "style", "--corpora", corpus.Root, "--max-pieces", "12", "--out", model);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("model written to", train.Out);
        Assert.True(File.Exists(model));

        var classify = Run("classify", TestCorpus.Path("bach-370-chorales", "kern", "chor002.krn"), "--model", model, "--explain", "--json");
        Assert.True(classify.Code == 0, classify.Err);
        using var json = JsonDocument.Parse(classify.Out);
        Assert.Equal("bach", json.RootElement.GetProperty("predicted").GetString());
        double sum = json.RootElement.GetProperty("probabilities").EnumerateArray().Sum(p => p.GetProperty("probability").GetDouble());
        Assert.InRange(sum, 0.999, 1.001);
        var explanation = json.RootElement.GetProperty("explanation").EnumerateArray().ToList();
        Assert.Equal(10, explanation.Count);
        Assert.All(explanation, e => Assert.Contains("for bach", e.GetProperty("text").GetString()));

        var text = Run("classify", TestCorpus.Path("bach-370-chorales", "kern", "chor002.krn"), "--model", model, "--explain");
        Assert.Equal(0, text.Code);
        Assert.StartsWith("chor002.krn: bach", text.Out);
        Assert.Contains("why bach", text.Out);
    }

    [Fact]
    public void EvaluateStyle_Json_HasAccuracyClassesConfusionFoldsAndTopFeatures()
    {
        var r = Run("evaluate", "style", "--json", "--corpora", corpus.Root, "--max-pieces", "10", "--folds", "2", "--importance", "1");
        Assert.True(r.Code == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0.0, 1.0);
        var classes = root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["bach", "palestrina", "monteverdi", "essen"], classes);
        var confusion = root.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        Assert.Equal(4, confusion.Length);
        Assert.All(confusion, row => Assert.Equal(4, row.Length));
        Assert.Equal(root.GetProperty("excerpts").GetInt32(), confusion.Sum(row => row.Sum()));
        Assert.Equal(2, root.GetProperty("folds").GetInt32());
        Assert.Equal(5, root.GetProperty("topFeatures").GetProperty("bach").GetArrayLength());
        var importance = root.GetProperty("permutationImportance").EnumerateArray().ToList();
        Assert.Equal(15, importance.Count);
        Assert.All(importance, i => Assert.True(i.GetProperty("accuracyDropSd").GetDouble() >= 0));
    }

    [Fact]
    public void TrainGamThenClassify_ExplainsInWords()
    {
        string model = Path.Combine(_folder, "gam.json");
        var train = Run("train", "style", "--model-kind", "gam", "--corpora", corpus.Root, "--max-pieces", "12", "--out", model);
        Assert.True(train.Code == 0, train.Err);
        Assert.StartsWith("generalized-additive", train.Out);
        var text = Run("classify", TestCorpus.Path("bach-370-chorales", "kern", "chor002.krn"), "--model", model, "--explain");
        Assert.True(text.Code == 0, text.Err);
        Assert.Contains("why ", text.Out);
        Assert.Matches("(more|less) .+ than average \\(.+ vs .+\\): [+\u2212][0-9.]+ for ", text.Out);
    }

    [Fact]
    public void EvaluateRealVersusGenerated_DefaultModel_IsTheAdditiveModel()
    {
        var r = Run("evaluate", "style", "--task", "real-vs-generated", "--json", "--corpora", TestCorpus.Root, "--max-pieces", "16", "--samples", "16",
            "--folds", "2");
        Assert.True(r.Code == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal("generalized-additive", root.GetProperty("model").GetString());
        Assert.Equal(["real", "generated"], root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0.0, 1.0);
        Assert.Equal(2, root.GetProperty("confusion").GetArrayLength());
        Assert.Equal(2, root.GetProperty("folds").GetInt32());
        Assert.Equal(5, root.GetProperty("topFeatures").GetProperty("real").GetArrayLength());
        Assert.Equal(5, root.GetProperty("topFeatures").GetProperty("generated").GetArrayLength());
        // cadence.duration is left out by default (partly how the samplers write a cadence); --without none puts it back.
        Assert.Equal(EvoComposer.Learning.Style.Features.StyleFeatures.Schema.Count - 1, root.GetProperty("features").GetInt32());
        Assert.Equal(["cadence.duration"], root.GetProperty("excludedFeatures").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.DoesNotContain(root.GetProperty("topFeatures").GetProperty("real").EnumerateArray(), f => f.GetProperty("feature").GetString() == "cadence.duration");
    }

    [Fact]
    public void EvaluateStyle_Without_LeavesTheNamedFeaturesOut()
    {
        var r = Run("evaluate", "style", "--json", "--corpora", corpus.Root, "--max-pieces", "8", "--folds", "2", "--without", "cadence.duration, harmony.rhythm");
        Assert.True(r.Code == 0, r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(EvoComposer.Learning.Style.Features.StyleFeatures.Schema.Count - 2, json.RootElement.GetProperty("features").GetInt32());
    }

    [Fact]
    public void EvaluateStyle_Text_SaysImportanceIsOnHeldOutFolds()
    {
        var r = Run("evaluate", "style", "--corpora", corpus.Root, "--max-pieces", "8", "--folds", "2", "--importance", "1");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("permutation importance on the held-out folds", r.Out);
    }

    [Fact]
    public void Classify_MissingModel_IsOneLineExit2()
    {
        var r = Run("classify", TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"), "--model", Path.Combine(_folder, "none.json"));
        Assert.Equal(2, r.Code);
        Assert.Contains("model file not found", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Classify_MissingScoreAndMissingModel_NamesTheScoreFirst()
    {
        string score = Path.Combine(_folder, "no-such-piece.krn");
        var r = Run("classify", score, "--model", Path.Combine(_folder, "none.json"));
        Assert.Equal(2, r.Code);
        Assert.Contains("no-such-piece.krn", Assert.Single(r.Err.Trim().Split('\n')));
    }

    [Fact]
    public void Classify_DamagedModel_IsOneLineExit2()
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, "{\"format\": \"evocomposer-classifier\", \"version\": 7}");
        var r = Run("classify", TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"), "--model", path);
        Assert.Equal(2, r.Code);
        Assert.Contains("version 7", r.Err);
    }

    [Theory]
    [InlineData("train", "nonsense")]
    [InlineData("evaluate", "style", "--folds", "1")]
    [InlineData("evaluate", "style", "--measures", "0")]
    [InlineData("train", "style", "--model-kind", "forest")]
    [InlineData("evaluate", "style", "--corpora", "/no/such/folder")]
    [InlineData("evaluate", "style", "--without", "no.such-feature", "--max-pieces", "4")]
    public void BadUsage_IsExit2(params string[] args)
    {
        var r = Run(args);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("evocomposer:", r.Err.Trim().Split('\n')[^1]);
    }
}
