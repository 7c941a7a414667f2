using EvoComposer.Learning.Corpora;

namespace EvoComposer.Learning.Tests.Corpora;

public class CorpusManifestTests
{
    [Fact]
    public void Load_RepositoryAndEmbedded_AgreeAndListTheSets()
    {
        var file = CorpusManifest.Load();
        var embedded = CorpusManifest.LoadEmbedded();
        Assert.Equal(embedded.Sets, file.Sets);
        foreach (string name in new[] { "bach-chorales", "bach-chorales-midi", "bach-musicxml", "palestrina", "monteverdi", "essen", "jsb-split" })
        {
            var set = file.Get(name);
            Assert.False(string.IsNullOrEmpty(set.Licence));
            Assert.StartsWith("https://", set.Upstream);
        }
    }

    [Fact]
    public void Get_UnknownSet_ListsTheKnownOnes()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => CorpusManifest.LoadEmbedded().Get("mozart"));
        Assert.Contains("bach-chorales", e.Message);
    }

    [Fact]
    public void ResolveFolder_EverySet_ExistsInTheSharedCorpus()
    {
        string root = TestCorpus.Root;
        foreach (var set in CorpusManifest.LoadEmbedded().Sets)
            Assert.True(Directory.Exists(CorpusManifest.ResolveFolder(set, root)), set.Name);
    }

    [Fact]
    public void ResolveFolder_MissingRoot_NamesTheUpstream()
    {
        var set = CorpusManifest.LoadEmbedded().Get("palestrina");
        var e = Assert.Throws<DirectoryNotFoundException>(() => CorpusManifest.ResolveFolder(set, "/nonexistent/corpora"));
        Assert.Contains(set.Upstream, e.Message);
    }

    [Fact]
    public void Parse_SetWithoutPath_SaysWhich()
    {
        var e = Assert.Throws<InvalidDataException>(() => CorpusManifest.Parse("""{"sets":[{"name":"x","format":"kern"}]}""", "m.json"));
        Assert.Contains("sets[0]", e.Message);
    }
}
