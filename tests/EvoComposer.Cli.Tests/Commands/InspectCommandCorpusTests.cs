using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

/// <summary><c>inspect</c> on the real corpus (fails, never skips, when the corpus is missing).</summary>
public sealed class InspectCommandCorpusTests
{
    private static JsonDocument InspectJson(string file)
    {
        var result = CliRunner.Run("inspect", file, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output);
    }

    [Fact]
    public void Inspect_Chor001Kern_ListsFourPartsSopranoFirstWithTheNotesOfTheFile()
    {
        using var doc = InspectJson(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));
        var root = doc.RootElement;

        Assert.Equal("kern", root.GetProperty("format").GetString());
        Assert.Equal("3/4", root.GetProperty("meter").GetString());
        Assert.Equal(1, root.GetProperty("keySignature").GetInt32());
        Assert.Equal("G", root.GetProperty("key").GetProperty("tonic").GetString());
        Assert.Equal("major", root.GetProperty("key").GetProperty("mode").GetString());
        var parts = root.GetProperty("parts");
        Assert.Equal(["Soprano", "Alto", "Tenor", "Bass"], parts.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        // The soprano spine of chor001.krn: 4g | 2g 4dd | 4.b 8a 4g | ... | 2a; (first fermata, measure 4).
        var soprano = parts[0].GetProperty("notes").EnumerateArray()
            .Select(n => $"{n.GetProperty("pitch").GetString()} {n.GetProperty("onset").GetRawText()} {n.GetProperty("duration").GetRawText()} m{n.GetProperty("measure").GetInt32()}")
            .Take(6);
        Assert.Equal(["G4 0 1 m0", "G4 1 2 m1", "D5 3 1 m1", "B4 4 1.5 m2", "A4 5.5 0.5 m2", "G4 6 1 m2"], soprano);
        var firstFermata = parts[0].GetProperty("notes").EnumerateArray().First(n => n.GetProperty("fermata").GetBoolean());
        Assert.Equal("A4", firstFermata.GetProperty("pitch").GetString());
        Assert.Equal(4, firstFermata.GetProperty("measure").GetInt32());
        // The bass starts on GG (G2).
        Assert.Equal(43, parts[3].GetProperty("notes")[0].GetProperty("midi").GetInt32());
    }

    [Theory]
    [InlineData("chor001")]
    [InlineData("chor027")]
    [InlineData("chor243")]
    public void Inspect_KernAndMidiOfOneChorale_GiveTheSameMidiOnsetDurationLists(string chorale)
    {
        using var kern = InspectJson(TestCorpus.Path("bach-370-chorales", "kern", chorale + ".krn"));
        using var midi = InspectJson(TestCorpus.Path("bach-370-chorales", "midi", chorale + ".mid"));

        static string[][] Notes(JsonDocument doc) =>
            [.. doc.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("notes").EnumerateArray()
                .Select(n => $"{n.GetProperty("midi").GetInt32()} {n.GetProperty("onset").GetRawText()} {n.GetProperty("duration").GetRawText()}")
                .ToArray())];
        var fromKern = Notes(kern);
        var fromMidi = Notes(midi);

        Assert.Equal(4, fromKern.Length);
        Assert.Equal(fromKern.Length, fromMidi.Length);
        for (int p = 0; p < fromKern.Length; p++) Assert.Equal(fromKern[p], fromMidi[p]);
    }

    [Fact]
    public void Inspect_ChoraleKernFolder_ReadsAll370WithoutFailure()
    {
        var result = CliRunner.Run("inspect", TestCorpus.Path("bach-370-chorales", "kern"), "--json", "--fail-on-error");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal(370, doc.RootElement.GetProperty("read").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(1480, doc.RootElement.GetProperty("parts").GetInt32());
    }

    [Theory]
    [InlineData("midi", "chor001.mid", 300, "declares 457 bytes but 244 are available")]
    [InlineData("kern", "chor001.krn", 1000, "line 53: 2 tokens on a line where 4 spines are active")]
    public void Inspect_TruncatedChorale_PrintsOneLineWithFileAndPlaceAndExits2(string folder, string name, int keep, string reason)
    {
        using var temp = new TempFolder();
        string file = Path.Combine(temp.Path, name);
        File.WriteAllBytes(file, File.ReadAllBytes(TestCorpus.Path("bach-370-chorales", folder, name))[..keep]);

        var result = CliRunner.Run("inspect", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"evocomposer: {file}: ", Assert.Single(result.ErrorLines)[..(file.Length + 15)]);
        Assert.EndsWith(reason, result.ErrorLines[0]);
    }
}
