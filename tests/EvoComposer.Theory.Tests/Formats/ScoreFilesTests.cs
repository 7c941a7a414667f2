using EvoComposer.Theory.Formats;

namespace EvoComposer.Theory.Tests.Formats;

public sealed class ScoreFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evocomposer-scorefiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReadWithDiagnostics_Latin1KernFile_ReturnsScoreAndTheReadersDiagnostic()
    {
        string path = Path.Combine(_folder, "latin1.krn");
        File.WriteAllBytes(path, [.. "!!!ASW: L"u8, 0xE9, .. "ritier\n**kern\n4c\n*-\n"u8]);

        var result = ScoreFiles.ReadWithDiagnostics(path);

        Assert.Single(result.Score.Parts[0].Notes);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("line 1", diagnostic.Location);
        Assert.Contains("Latin-1", diagnostic.Message);
        Assert.Equal(result.Score, ScoreFiles.Read(path));
    }

    [Fact]
    public void ReadWithDiagnostics_CleanKernFile_HasNoDiagnostics()
    {
        string path = Path.Combine(_folder, "clean.krn");
        File.WriteAllText(path, "**kern\n4c\n*-\n");

        Assert.Empty(ScoreFiles.ReadWithDiagnostics(path).Diagnostics);
    }

    [Fact]
    public void FindIn_FolderWithScoresAndOtherFiles_ListsSupportedFilesRecursivelyInOrdinalOrder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        foreach (string name in new[] { "b.krn", "notes.txt", "A.mid", Path.Combine("sub", "c.musicxml"), Path.Combine("sub", "d.json") })
            File.WriteAllText(Path.Combine(_folder, name), "x");

        Assert.Equal(["A.mid", "b.krn", Path.Combine("sub", "c.musicxml")], ScoreFiles.FindIn(_folder));
    }
}
