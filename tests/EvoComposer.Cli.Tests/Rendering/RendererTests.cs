using EvoComposer.Cli.Rendering;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.LilyPond;

namespace EvoComposer.Cli.Tests.Rendering;

public sealed class RendererTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => Path.Combine(_temp.Path, "out");

    /// <summary>A stand-in for lilypond: a shell script that notes its folder and copies its standard input into NAME.png.</summary>
    private Host FakeLilyPond()
    {
        string script = _temp.Write("fake-lilypond", $"#!/bin/sh\npwd > '{_temp.Path}/cwd'\ncat > piece.png\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Host { FindProgram = name => name == "lilypond" ? script : null, FileExists = _ => false, FindCorpus = () => null };
    }

    private static Theory.Music.Score Chorale() => ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));

    [Fact]
    public void StartEngraving_ThenRender_GivesLilyPondTheSourceOnStandardInputAndCollectsItsPicture()
    {
        var score = Chorale();
        using (var renderer = new Renderer(FakeLilyPond(), TextWriter.Null, TextWriter.Null))
        {
            renderer.StartEngraving("piece", RenderKinds.Png);
            renderer.Render(score, Out, "piece", RenderKinds.Png, force: false, LilyPondWriter.Layout.TwoStaves);
        }

        // The fake copies its input into the picture: the early start got the whole LilyPond source.
        Assert.Equal(LilyPondWriter.Write(score, LilyPondWriter.Layout.TwoStaves), File.ReadAllText(Path.Combine(Out, "piece.png")));
        Assert.False(Directory.Exists(File.ReadAllText(Path.Combine(_temp.Path, "cwd")).Trim()), "the early engraving's work folder is removed");
    }

    [Fact]
    public void Render_WithoutEarlyStart_GivesLilyPondTheSourceAsAFile()
    {
        using (var renderer = new Renderer(FakeLilyPond(), TextWriter.Null, TextWriter.Null))
            renderer.Render(Chorale(), Out, "piece", RenderKinds.Png, force: false, LilyPondWriter.Layout.TwoStaves);

        // Standard input is empty on the usual path (the source is the file named on the command line).
        Assert.Equal("", File.ReadAllText(Path.Combine(Out, "piece.png")));
    }

    [Fact]
    public void Dispose_EngravingStartedAndNeverUsed_RemovesItsWorkFolder()
    {
        var renderer = new Renderer(FakeLilyPond(), TextWriter.Null, TextWriter.Null);
        renderer.StartEngraving("piece", RenderKinds.Png | RenderKinds.Wav);
        string cwdFile = Path.Combine(_temp.Path, "cwd");
        // The fake writes its folder first thing; wait for it (up to 30 s, for a loaded machine) so the folder is known.
        for (int i = 0; i < 1200 && !(File.Exists(cwdFile) && File.ReadAllText(cwdFile).EndsWith('\n')); i++) Thread.Sleep(25);
        string work = File.ReadAllText(cwdFile).Trim();
        Assert.True(Directory.Exists(work));

        renderer.Dispose();

        Assert.False(Directory.Exists(work));
    }

    // Needs lilypond, which .ci/run installs (scripts/setup-debian).
    [Fact]
    public void StartEngraving_RealLilyPond_MakesTheSamePictureAsTheUsualRun()
    {
        var score = Chorale();
        string early = Path.Combine(_temp.Path, "early"), usual = Path.Combine(_temp.Path, "usual");
        var warnings = new StringWriter();
        using (var renderer = new Renderer(Host.Machine, TextWriter.Null, warnings))
        {
            renderer.StartEngraving("piece", RenderKinds.Png);
            renderer.Render(score, early, "piece", RenderKinds.Png, force: false, LilyPondWriter.Layout.TwoStaves);
        }
        using (var renderer = new Renderer(Host.Machine, TextWriter.Null, warnings))
            renderer.Render(score, usual, "piece", RenderKinds.Png, force: false, LilyPondWriter.Layout.TwoStaves);

        Assert.Equal("", warnings.ToString());
        byte[] picture = File.ReadAllBytes(Path.Combine(early, "piece.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], picture[..4]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(usual, "piece.png")), picture);
    }
}
