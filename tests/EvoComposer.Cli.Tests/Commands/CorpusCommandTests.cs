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
