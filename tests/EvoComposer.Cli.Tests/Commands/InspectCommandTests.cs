using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

public sealed class InspectCommandTests : IDisposable
{
    private const string Chorale = """
        title Little Chorale
        meter 3/4
        key G major
        signature 1
        Soprano G4 0 1 0
        Soprano A4 1 1/2 1
        Soprano B4 3/2 1/3 1 fermata
        Bass G2 0 3 0
        """;

    private readonly TempFolder _temp = new();

    public InspectCommandTests() => FakeScoreReader.Register();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Inspect_FileWithJson_WritesTheArchitectureContract()
    {
        string file = _temp.Write("little.fakescore", Chorale);

        var result = CliRunner.Run("inspect", file, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        Assert.Equal("fake", root.GetProperty("format").GetString());
        Assert.Equal("3/4", root.GetProperty("meter").GetString());
        Assert.Equal(1, root.GetProperty("keySignature").GetInt32());
        Assert.Equal("G", root.GetProperty("key").GetProperty("tonic").GetString());
        Assert.Equal("major", root.GetProperty("key").GetProperty("mode").GetString());
        Assert.Equal("Little Chorale", root.GetProperty("title").GetString());
        var parts = root.GetProperty("parts");
        Assert.Equal(["Soprano", "Bass"], parts.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var notes = parts[0].GetProperty("notes");
        Assert.Equal(3, notes.GetArrayLength());
        Assert.Equal(69, notes[1].GetProperty("midi").GetInt32());
        Assert.Equal("A4", notes[1].GetProperty("pitch").GetString());
        Assert.Equal("1", notes[1].GetProperty("onset").GetRawText());
        Assert.Equal("0.5", notes[1].GetProperty("duration").GetRawText());
        Assert.Equal(1, notes[1].GetProperty("measure").GetInt32());
        Assert.False(notes[1].GetProperty("fermata").GetBoolean());
        Assert.Equal("1.5", notes[2].GetProperty("onset").GetRawText());
        Assert.Equal("0.3333333333", notes[2].GetProperty("duration").GetRawText());
        Assert.True(notes[2].GetProperty("fermata").GetBoolean());
    }

    [Fact]
    public void Inspect_FileWithoutDeclaredKey_WritesKeyNull()
    {
        string file = _temp.Write("nokey.fakescore", "Soprano C5 0 1 0");

        var result = CliRunner.Run("inspect", file, "--json");

        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("key").ValueKind);
        Assert.Equal(0, doc.RootElement.GetProperty("keySignature").GetInt32());
    }

    [Fact]
    public void Inspect_FileAsText_ShowsMetadataAndEachPartWithCountAndRange()
    {
        string file = _temp.Write("little.fakescore", Chorale);

        var result = CliRunner.Run("inspect", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("title:         Little Chorale", result.Output);
        Assert.Contains("format:        fake", result.Output);
        Assert.Contains("meter:         3/4", result.Output);
        Assert.Contains("key signature: 1 sharp", result.Output);
        Assert.Contains("key:           G major", result.Output);
        Assert.Contains("measures:      2 (with a pickup)", result.Output);
        Assert.Matches(@"Soprano\s+3 notes\s+G4-B4", result.Output);
        Assert.Matches(@"Bass\s+1 notes\s+G2-G2", result.Output);
        Assert.True(result.Output.IndexOf("Soprano", StringComparison.Ordinal) < result.Output.IndexOf("Bass", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing.fakescore", null, "no such file or folder")]
    [InlineData("empty.fakescore", "", "file is empty")]
    [InlineData("garbage.fakescore", "\u0001\u0002 garbage ~~~", "line 1: '\u0001\u0002 garbage ~~~' is not a fake note")]
    [InlineData("truncated.fakescore", "meter 3/4\nSoprano G4 0", "line 2: 'Soprano G4 0' is not a fake note")]
    [InlineData("unknown.xyz", "whatever", "unknown file type '.xyz'")]
    public void Inspect_UnreadableFile_PrintsOneLineNamingTheFileAndExits2(string name, string? content, string reason)
    {
        string file = content is null ? Path.Combine(_temp.Path, name) : _temp.Write(name, content);

        var result = CliRunner.Run("inspect", file, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"evocomposer: {file}: ", line);
        Assert.Contains(reason, line);
    }

    [Fact]
    public void Inspect_MissingFolder_PrintsOneLineAndExits2()
    {
        string folder = Path.Combine(_temp.Path, "no-such-folder") + Path.DirectorySeparatorChar;

        var result = CliRunner.Run("inspect", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"evocomposer: {folder}: no such file or folder", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Inspect_FolderWithoutScores_Exits2()
    {
        _temp.Write("notes.txt", "not a score");

        var result = CliRunner.Run("inspect", _temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no score files below it", Assert.Single(result.ErrorLines));
    }

    private void WriteFolderWithOneBadFile()
    {
        _temp.Write("b/second.fakescore", Chorale);
        _temp.Write("a/first.fakescore", "Soprano C5 0 1 0\nAlto A4 0 1 0");
        _temp.Write("c/bad.fakescore", "Soprano H4 0 1 0");
        _temp.Write("c/empty.fakescore", "");
        _temp.Write("ignored.txt", "not a score");
    }

    [Fact]
    public void Inspect_FolderWithBadFiles_SummarisesAllAndListsEachFailureInOrderWithExit0()
    {
        WriteFolderWithOneBadFile();

        var result = CliRunner.Run("inspect", _temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        // format, files, read, failed, parts, notes
        Assert.Matches(@"│ fake\s+│\s+4\s+│\s+2\s+│\s+2\s+│\s+4\s+│\s+6\s+│", result.Output);
        string bad = Path.Combine("c", "bad.fakescore"), empty = Path.Combine("c", "empty.fakescore");
        Assert.Contains($"{bad}: line 1: 'Soprano H4 0 1 0' is not a fake note", result.Output);
        Assert.Contains($"{empty}: file is empty", result.Output);
        Assert.True(result.Output.IndexOf(bad, StringComparison.Ordinal) < result.Output.IndexOf(empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_FolderWithBadFilesAndFailOnError_Exits1()
    {
        WriteFolderWithOneBadFile();

        var result = CliRunner.Run("inspect", _temp.Path, "--fail-on-error");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Inspect_FolderWithJson_ListsScoresAndFailuresSorted()
    {
        WriteFolderWithOneBadFile();

        var result = CliRunner.Run("inspect", _temp.Path, "--json");

        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("files").GetInt32());
        Assert.Equal(2, root.GetProperty("read").GetInt32());
        Assert.Equal(2, root.GetProperty("failed").GetInt32());
        Assert.Equal(6, root.GetProperty("notes").GetInt32());
        Assert.Equal([Path.Combine("a", "first.fakescore"), Path.Combine("b", "second.fakescore")],
            root.GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("file").GetString()));
        Assert.Equal([Path.Combine("c", "bad.fakescore"), Path.Combine("c", "empty.fakescore")],
            root.GetProperty("failures").EnumerateArray().Select(s => s.GetProperty("file").GetString()));
    }

    [Fact]
    public void Inspect_FolderTwice_PrintsTheSameBytes()
    {
        WriteFolderWithOneBadFile();
        for (int i = 0; i < 20; i++) _temp.Write($"many/{i:D2}.fakescore", i % 3 == 0 ? "bad" : Chorale);

        var first = CliRunner.Run("inspect", _temp.Path, "--json");
        var second = CliRunner.Run("inspect", _temp.Path, "--json");

        Assert.Equal(first.Output, second.Output);
    }
}
