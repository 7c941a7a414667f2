using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Tests.Style;

public sealed class StyleModelCacheTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("evocomposer-style-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    /// <summary>A small training set, so that the test trains in a few seconds (the corpus is required).</summary>
    private StyleModelCacheOptions Small() => new()
    {
        CacheFolder = _cache,
        CorpusRoot = TestCorpus.Root,
        Models = ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root),
        Samples = 16,
        Task = new StyleTaskOptions { MaxPiecesPerClass = 16 },
    };

    [Fact]
    public void PathFor_CarriesTheSchemaKey_InTheModelsFolderOfTheCache()
    {
        string path = StyleModelCache.PathFor("real-vs-generated", _cache);
        Assert.Equal(Path.Combine(_cache, "models", $"real-vs-generated-{StyleModelCache.SchemaKey}.json"), path);
        Assert.Matches("^[0-9a-f]{12}$", StyleModelCache.SchemaKey);
    }

    [Fact]
    public void LoadOrTrain_StaleModelWithUnknownFeatures_IsReplacedByAFreshOne_ThenLoadedWithoutTraining()
    {
        string path = StyleModelCache.PathFor(StyleModelCache.RealVersusGeneratedTask, _cache);
        var stale = new FeatureSchema([new FeatureInfo("no.such-feature", "gone", "something gone", false)]);
        var staleModel = new LogisticRegressionTrainer().Fit(new LabeledDataset(stale, ["real", "generated"],
            [[0.0], [1.0], [0.1], [0.9]], [0, 1, 0, 1], ["a", "b", "c", "d"]));
        ClassifierFile.Save(path, staleModel, new Dictionary<string, string> { ["target-class"] = "real" });
        Assert.Throws<KeyNotFoundException>(() => StyleScorer.Load(path));

        var log = new StringWriter();
        var scorer = StyleModelCache.LoadOrTrain(Small(), log);

        Assert.Contains("cannot be used", log.ToString());
        Assert.Contains("no.such-feature", log.ToString());
        Assert.Equal("real", scorer.TargetClass);
        var saved = ClassifierFile.Load(path);
        Assert.All(saved.Model.Schema.Names, name => Assert.True(StyleFeatures.Schema.Contains(name), name));
        Assert.Equal("real", saved.Properties["target-class"]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp*"));

        var again = new StringWriter();
        var loaded = StyleModelCache.LoadOrTrain(Small(), again);
        Assert.Equal("", again.ToString());
        Assert.Equal(scorer.Model.Schema.Names, loaded.Model.Schema.Names);
    }

    [Fact]
    public void LoadOrTrain_NoFile_TrainsOnce_SayingSoInOneLine()
    {
        var log = new StringWriter { NewLine = "\n" };
        StyleModelCache.LoadOrTrain(Small(), log);
        string line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("evocomposer: training the style model once", line);
        Assert.True(File.Exists(StyleModelCache.PathFor(StyleModelCache.RealVersusGeneratedTask, _cache)));
    }

    [Fact]
    public void LoadOrTrain_WithExcludedChorales_IsRefused() =>
        Assert.Throws<ArgumentException>(() => StyleModelCache.LoadOrTrain(Small() with { ExcludeReal = _ => true }));

    [Fact]
    public void Train_WithExcludedChorales_LeavesTheCacheAlone()
    {
        var scorer = StyleModelCache.Train(Small() with { ExcludeReal = s => s.EndsWith("0.krn", StringComparison.Ordinal) });
        Assert.Equal(StyleTasks.RealClass, scorer.TargetClass);
        Assert.False(File.Exists(StyleModelCache.PathFor(StyleModelCache.RealVersusGeneratedTask, _cache)));
    }

    [Fact]
    public void RealVersusGenerated_ExcludeReal_LeavesThoseChoralesOut()
    {
        var options = new StyleTaskOptions { Measures = 16, Hop = 8 };
        var all = StyleTasks.RealVersusGenerated(options, [], TestCorpus.Root);
        var some = StyleTasks.RealVersusGenerated(options, [], TestCorpus.Root, excludeReal: s => s.EndsWith("0.krn", StringComparison.Ordinal));
        Assert.Equal(all.PiecesPerClass[StyleTasks.RealClass] - 36, some.PiecesPerClass[StyleTasks.RealClass]);
    }
}
