using EvoComposer.Theory.Formats;

namespace EvoComposer.Cli.Tests.Commands;

public sealed class HarmonizeCommandTests : IDisposable
{
    // An ABC melody (as the Essen folk songs are written) with a fermata (H) at the end of each phrase.
    private const string Melody = """
        X:1
        T:Little Tune
        M:4/4
        L:1/4
        K:G
        G A B c | d2 Hd2 | e d c B | A2 HG2 |]
        """;

    private static readonly string[] Small = ["--population", "12", "--generations", "4", "--quiet", "--no-render"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Harmonize_AbcMelody_KeepsItAsTheSoprano_AndAddsThreeVoices()
    {
        string melody = _temp.Write("tune.abc", Melody);
        string dir = Path.Combine(_temp.Path, "out");

        var result = CliRunner.Run(["harmonize", melody, "--out", dir, .. Small]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("G major, 4/4, 2 phrases", result.Output);
        var given = ScoreFiles.Read(melody).Parts[0].Notes;
        var piece = ScoreFiles.Read(Path.Combine(dir, "piece.mid"));
        Assert.Equal(4, piece.Parts.Length);
        Assert.Equal(given.Select(n => (n.Pitch.Midi, n.Onset, n.Duration)), piece.Parts[0].Notes.Select(n => (n.Pitch.Midi, n.Onset, n.Duration)));
        Assert.True(File.Exists(Path.Combine(dir, "piece.musicxml")));
    }

    [Fact]
    public void Harmonize_MissingMelody_ExitsTwo_NamingTheFile()
    {
        var result = CliRunner.Run(["harmonize", Path.Combine(_temp.Path, "none.abc"), "--out", Path.Combine(_temp.Path, "out"), .. Small]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.abc", Assert.Single(result.ErrorLines));
    }
}
