using System.Buffers.Binary;
using System.Text;

namespace EvoComposer.Cli.Tests.Commands;

public sealed class RenderCommandTests : IDisposable
{
    private const string Piece = """
        title Little Piece
        meter 4/4
        Soprano G4 0 2 1
        Soprano A4 2 2 1 fermata
        Bass G2 0 4 1
        """;

    private static readonly Host NoTools = new() { FindProgram = _ => null, FileExists = _ => false, FindCorpus = () => null };

    private readonly TempFolder _temp = new();

    public RenderCommandTests() => FakeScoreReader.Register();

    public void Dispose() => _temp.Dispose();

    private string Out => Path.Combine(_temp.Path, "out");

    [Fact]
    public void Render_Roll_WritesOneColouredRectanglePerNoteAndTheLegend()
    {
        string file = _temp.Write("little.fakescore", Piece);

        var result = CliRunner.RunOn(NoTools, "render", file, "--roll", "--out", Out);

        Assert.Equal(0, result.ExitCode);
        string svgFile = Path.Combine(Out, "little.roll.svg");
        Assert.Equal($"wrote {svgFile}\n", result.Output);
        string svg = File.ReadAllText(svgFile);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Equal(3, svg.Split("<title>").Length - 1);
        Assert.Contains("<title>Soprano A4, measure 1, onset 2, duration 2, fermata</title>", svg);
        Assert.Contains(">Bass</text>", svg);
        Assert.Contains(">Little Piece</text>", svg);
    }

    [Fact]
    public void Render_NoToolsInstalled_MakesWhatItCanAndNamesEachMissingPackageOnce()
    {
        string file = _temp.Write("little.fakescore", Piece);

        var result = CliRunner.RunOn(NoTools, "render", file, "--out", Out);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["little.ly", "little.mid", "little.roll.svg"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.Equal("evocomposer: no engraved png/pdf/svg: not installed: lilypond (Debian: apt-get install lilypond)", result.ErrorLines[0]);
        Assert.Equal("evocomposer: no WAV: not installed: fluidsynth, soundfont (Debian: apt-get install fluidsynth fluid-soundfont-gm)", result.ErrorLines[1]);
    }

    [Fact]
    public void Render_BothToolsFail_ReportsEngravingThenSoundInOrder()
    {
        // LilyPond and FluidSynth run at the same time; what they print still comes in the order of the kinds.
        string file = _temp.Write("little.fakescore", Piece);
        var failing = new Host { FindProgram = _ => "/bin/false", FileExists = _ => true, FindCorpus = () => null };

        var result = CliRunner.RunOn(failing, "render", file, "--out", Out);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"wrote {Path.Combine(Out, "little.roll.svg")}\nwrote {Path.Combine(Out, "little.ly")}\nwrote {Path.Combine(Out, "little.mid")}\n", result.Output);
        Assert.Equal(["evocomposer: false failed on little.ly (exit 1): ", "evocomposer: false failed on little.ly (exit 1): ", "evocomposer: false failed on little.mid (exit 1): "],
            result.ErrorLines);
    }

    [Fact]
    public void Render_OutputExistsWithoutForce_Exits2AndLeavesItAlone()
    {
        string file = _temp.Write("little.fakescore", Piece);
        string existing = _temp.Write("out/little.ly", "mine");

        var result = CliRunner.RunOn(NoTools, "render", file, "--ly", "--roll", "--out", Out);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"evocomposer: {existing} exists; add --force to replace it", Assert.Single(result.ErrorLines));
        Assert.Equal("mine", File.ReadAllText(existing));
        Assert.False(File.Exists(Path.Combine(Out, "little.roll.svg")));
    }

    [Fact]
    public void Render_OutputExistsWithForce_ReplacesIt()
    {
        string file = _temp.Write("little.fakescore", Piece);
        string existing = _temp.Write("out/little.ly", "mine");

        var result = CliRunner.RunOn(NoTools, "render", file, "--ly", "--out", Out, "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("\\version", File.ReadAllText(existing));
    }

    [Fact]
    public void Render_MissingFile_PrintsOneLineAndExits2()
    {
        string file = Path.Combine(_temp.Path, "missing.krn");

        var result = CliRunner.RunOn(NoTools, "render", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"evocomposer: {file}: no such file", Assert.Single(result.ErrorLines));
    }

    // The two tests below need lilypond, fluidsynth and fluid-soundfont-gm, which .ci/run installs (scripts/setup-debian).

    [Fact]
    public void Render_ChoraleToPng_EngravesItWithLilyPondCroppedToTheMusic()
    {
        var result = CliRunner.Run("render", TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"), "--png", "--out", Out);

        Assert.True(result.ExitCode == 0, result.Error);
        byte[] png = File.ReadAllBytes(Path.Combine(Out, "chor001.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.True(width > 500, "the music is at least 500 pixels wide");
        // An A4 page at 150 dpi is 1240 × 1754 pixels; chor001 fills about half of one.
        Assert.True(height < 1500, $"cropped to the music, not a whole page: {width} × {height}");
        Assert.Equal(["chor001.png"], Directory.GetFiles(Out).Select(Path.GetFileName));
    }

    [Fact]
    public void Render_ChoraleToWav_LastsAsLongAsThePiece()
    {
        // chor001: 63 quarter notes at 100 per minute (*MM100) = 37.8 s.
        var result = CliRunner.Run("render", TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"), "--wav", "--out", Out);

        Assert.True(result.ExitCode == 0, result.Error);
        double seconds = WavSeconds(File.ReadAllBytes(Path.Combine(Out, "chor001.wav")));
        Assert.InRange(seconds, 37.8, 37.8 + 3); // FluidSynth lets the last notes ring out a little
    }

    /// <summary>The length of a PCM WAV file from its fmt and data chunks.</summary>
    private static double WavSeconds(byte[] wav)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        int byteRate = 0, offset = 12;
        while (offset + 8 <= wav.Length)
        {
            string id = Encoding.ASCII.GetString(wav, offset, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(offset + 4));
            if (id == "fmt ") byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(offset + 16));
            if (id == "data") return (double)size / byteRate;
            offset += 8 + size + (size & 1);
        }
        throw new InvalidDataException("no data chunk");
    }
}
