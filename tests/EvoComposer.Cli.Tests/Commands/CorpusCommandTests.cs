using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

public class CorpusCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void List_NamesEverySetAndItsFolder()
    {
        var (code, output, _) = Run("corpus", "list", "--corpora", TestCorpus.Root);
        Assert.Equal(0, code);
        foreach (string set in new[] { "bach-chorales", "palestrina", "jsb-split", "essen" }) Assert.Contains(set, output);
        Assert.Contains(Path.Combine(TestCorpus.Root, "bach-370-chorales", "kern"), output);
    }

    [Fact]
    public void Show_EssenJson_OneEntryPerTuneAndTheBadTunesSkipped()
    {
        var (code, output, err) = Run("corpus", "show", "essen", "--json", "--corpora", TestCorpus.Root);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var pieces = json.RootElement.GetProperty("pieces").EnumerateArray().ToArray();
        var skipped = json.RootElement.GetProperty("skipped").EnumerateArray().ToArray();
        Assert.Equal(6728, pieces.Length);
        Assert.Equal(5, skipped.Length);
        Assert.All(pieces, p => Assert.Matches(@"^\w+\.abc#\d+", p.GetProperty("source").GetString()));
        Assert.All(skipped, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("reason").GetString())));
    }

    [Fact]
    public void Show_Monteverdi_ReadsTheMxlFiles()
    {
        var (code, output, err) = Run("corpus", "show", "monteverdi", "--corpora", TestCorpus.Root);
        Assert.True(code == 0, err);
        Assert.Contains("madrigal.3.1.mxl", output);
        Assert.Contains("49 pieces, 0 files or tunes skipped", output);
        Assert.DoesNotContain("no reader", output);
    }

    [Fact]
    public void Show_FilteredChoralesJson_OnlyMatchingPieces()
    {
        var (code, output, err) = Run("corpus", "show", "bach-chorales", "--filter", "mode=minor,meter=3/4", "--json", "--corpora", TestCorpus.Root);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var pieces = json.RootElement.GetProperty("pieces");
        Assert.InRange(pieces.GetArrayLength(), 5, 40);
        foreach (var p in pieces.EnumerateArray())
        {
            Assert.Equal("minor", p.GetProperty("key").GetProperty("mode").GetString());
            Assert.Equal("3/4", p.GetProperty("meter").GetString());
            Assert.True(p.GetProperty("key").GetProperty("declared").GetBoolean());
        }
    }

    [Fact]
    public void Show_BadFilter_ExitsWithTwo()
    {
        var (code, _, err) = Run("corpus", "show", "bach-chorales", "--filter", "mood=sad", "--corpora", TestCorpus.Root);
        Assert.Equal(2, code);
        Assert.Contains("mood", err);
    }
}
