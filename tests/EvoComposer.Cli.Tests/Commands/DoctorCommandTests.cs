using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

public sealed class DoctorCommandTests : IDisposable
{
    private readonly TempFolder _corpus = new();

    public void Dispose() => _corpus.Dispose();

    private Host MachineWith(params string[] programs) => new()
    {
        FindProgram = p => programs.Contains(p) ? "/opt/bin/" + p : null,
        FileExists = _ => false,
        FindCorpus = () => _corpus.Path,
    };

    [Fact]
    public void Doctor_NoTools_NamesEachMissingPackageAndOnlyMidiAndPianoRollAvailable()
    {
        var result = CliRunner.RunOn(MachineWith(), "doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"lilypond\s+missing: Debian package lilypond", result.Output);
        Assert.Matches(@"fluidsynth\s+missing: Debian package fluidsynth", result.Output);
        Assert.Matches(@"soundfont\s+missing: Debian package fluid-soundfont-gm", result.Output);
        Assert.Matches(@"MIDI\s+yes", result.Output);
        Assert.Matches(@"engraved PNG, PDF, SVG\s+no: needs lilypond", result.Output);
        Assert.Matches(@"audio WAV\s+no: needs fluidsynth, soundfont", result.Output);
        Assert.Contains("sudo apt-get install lilypond fluidsynth fluid-soundfont-gm midicsv", result.Output);
    }

    [Fact]
    public void Doctor_LilyPondButNoSoundFont_EngravingAvailableAudioNot()
    {
        var result = CliRunner.RunOn(MachineWith("lilypond", "fluidsynth", "midicsv"), "doctor", "--json");

        using var doc = JsonDocument.Parse(result.Output);
        var outputs = doc.RootElement.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("available").GetBoolean());
        Assert.True(outputs["engraved PNG, PDF, SVG"]);
        Assert.False(outputs["audio WAV"]);
        var tools = doc.RootElement.GetProperty("tools").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("path").GetString());
        Assert.Equal("/opt/bin/lilypond", tools["lilypond"]);
        Assert.Null(tools["soundfont"]);
    }

    [Fact]
    public void Doctor_AllToolsPresent_SuggestsNoInstall()
    {
        var host = new Host
        {
            FindProgram = MachineWith("lilypond", "fluidsynth", "midicsv").FindProgram,
            FileExists = f => f == "/usr/share/sounds/sf2/FluidR3_GM.sf2",
            FindCorpus = () => _corpus.Path,
        };

        var result = CliRunner.RunOn(host, "doctor");

        Assert.Matches(@"audio WAV\s+yes", result.Output);
        Assert.DoesNotContain("apt-get", result.Output);
    }

    [Fact]
    public void Doctor_Corpus_ShowsItsPathAndCountsEachSetOrSaysMissing()
    {
        _corpus.Write("bach-370-chorales/kern/chor001.krn", "");
        _corpus.Write("bach-370-chorales/kern/chor002.krn", "");
        _corpus.Write("bach-370-chorales/kern/README.md", "");

        var result = CliRunner.RunOn(MachineWith(), "doctor");

        Assert.Contains($"corpus    {_corpus.Path}", result.Output);
        Assert.Matches(@"bach-370-chorales/kern\s+2 \.krn \(the mirror has 370\)", result.Output);
        Assert.Matches(@"palestrina\s+missing", result.Output);
    }

    [Fact]
    public void Doctor_NoCorpus_SaysHowToProvideOne()
    {
        var result = CliRunner.RunOn(new Host { FindProgram = _ => null, FileExists = _ => false, FindCorpus = () => null }, "doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("corpus    not found: set EVOCOMPOSER_CORPORA", result.Output);
    }
}
