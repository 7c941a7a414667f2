using EvoComposer.Theory.Formats;
using System.Text.Json;
using EvoComposer.Evolution.Composition.Fitness;

namespace EvoComposer.Cli.Tests.Commands;

public class ComposeCommandTests
{
    private static readonly string[] Small = ["--population", "16", "--generations", "12", "--phrases", "2", "--quiet", "--no-render"];

    [Fact]
    public void SameSeed_GivesByteIdenticalMidi_WithOneAndTwoThreads()
    {
        using var temp = new TempFolder();
        string a = Path.Combine(temp.Path, "a"), b = Path.Combine(temp.Path, "b");
        var ra = CliRunner.Run(["compose", "--seed", "7", "--threads", "1", "--out", a, .. Small]);
        var rb = CliRunner.Run(["compose", "--seed", "7", "--threads", "2", "--out", b, .. Small]);
        Assert.Equal(0, ra.ExitCode);
        Assert.Equal(0, rb.ExitCode);
        byte[] midiA = File.ReadAllBytes(Path.Combine(a, "piece.mid"));
        Assert.Equal(midiA, File.ReadAllBytes(Path.Combine(b, "piece.mid")));
        Assert.Equal("MThd"u8.ToArray(), midiA[..4]);
        var rc = CliRunner.Run(["compose", "--seed", "8", "--threads", "1", "--out", Path.Combine(temp.Path, "c"), .. Small]);
        Assert.NotEqual(midiA, File.ReadAllBytes(Path.Combine(temp.Path, "c", "piece.mid")));
    }

    [Fact]
    public void Report_HoldsTheContractFields()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run(["compose", "--key", "D", "--mode", "minor", "--meter", "3/4", "--seed", "3", "--out", temp.Path, .. Small]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "report.json")));
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal("D minor", root.GetProperty("options").GetProperty("key").GetString());
        var terms = root.GetProperty("fitness").GetProperty("terms").EnumerateArray().ToList();
        Assert.Contains(terms, t => t.GetProperty("name").GetString() == "parallel-fifths" && t.GetProperty("weight").GetDouble() < 0);
        double total = terms.Sum(t => t.GetProperty("weight").GetDouble() * t.GetProperty("value").GetDouble());
        Assert.Equal(root.GetProperty("fitness").GetProperty("total").GetDouble(), total, 3);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("violations").ValueKind);
        // One provenance entry per beat of the plan, as the operators carried it: a corpus bar, or what made the beat.
        int beats = root.GetProperty("plan").GetProperty("phrases").EnumerateArray().Sum(p => p.GetProperty("beats").GetInt32());
        var provenance = root.GetProperty("provenance").EnumerateArray().ToList();
        Assert.Equal(beats, provenance.Count);
        Assert.All(provenance, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("origin").GetString())));
        Assert.All(provenance.Where(e => e.GetProperty("source").ValueKind == JsonValueKind.String), e =>
        {
            Assert.EndsWith(".krn", e.GetProperty("source").GetString());
            Assert.True(e.GetProperty("measure").GetInt32() >= 0 && e.GetProperty("beat").GetInt32() >= 1);
            e.GetProperty("transposition").GetInt32();
        });
        Assert.Equal("recombinant=0.333,markov=0,random=0.667", root.GetProperty("options").GetProperty("seeding").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("originality").ValueKind);
        // The style classifier's judgement of the final piece, with the features that weigh most, largest first.
        var style = root.GetProperty("style");
        Assert.Equal("real", style.GetProperty("class").GetString());
        double pReal = style.GetProperty("probability").GetDouble();
        Assert.InRange(pReal, 0.0, 1.0);
        var styleTerm = terms.Single(t => t.GetProperty("name").GetString() == "style");
        Assert.Equal(Math.Log(pReal), styleTerm.GetProperty("value").GetDouble(), 3);
        var contributions = style.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("contribution").GetDouble()).ToList();
        Assert.Equal(8, contributions.Count);
        Assert.Equal(contributions.OrderByDescending(Math.Abs), contributions);
        Assert.All(style.GetProperty("contributions").EnumerateArray(), c => Assert.Contains(" for real", c.GetProperty("text").GetString()));
        Assert.Contains("## Style", File.ReadAllText(Path.Combine(temp.Path, "report.md")));
        var generations = root.GetProperty("evolution").GetProperty("generations");
        Assert.Equal(13, generations.GetArrayLength());
        Assert.True(generations[12].GetProperty("best").GetDouble() >= generations[0].GetProperty("best").GetDouble());
        Assert.True(generations[0].TryGetProperty("diversity", out _));
        Assert.Contains("fitness.svg", File.ReadAllText(Path.Combine(temp.Path, "report.md")));
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(temp.Path, "fitness.svg")));
    }

    [Theory]
    [InlineData("--population", "0", "--population")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--key", "H", "--key")]
    [InlineData("--mode", "dorian", "--mode")]
    [InlineData("--meter", "6/8", "--meter")]
    [InlineData("--meter", "4/5", "--meter")]
    [InlineData("--phrases", "0", "--phrases")]
    [InlineData("--generations", "-1", "--generations")]
    [InlineData("--weights", "/no/such/file.json", "no such weights file")]
    [InlineData("--seeding", "recombinant=x", "--seeding")]
    [InlineData("--seeding", "lexicon=1", "--seeding")]
    [InlineData("--seeding", "markov=-1,random=1", "--seeding")]
    [InlineData("--seeding", "random=0", "--seeding")]
    [InlineData("--seeding", "random", "--seeding")]
    public void AbsurdOptions_GiveOneErrorLine_AndExitTwo(string option, string value, string expected)
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("compose", option, value, "--out", temp.Path, "--quiet");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.Contains(expected, line);
        Assert.False(File.Exists(Path.Combine(temp.Path, "piece.mid")));
    }

    [Fact]
    public void Report_WithoutAStyleClassifier_SaysSoInsteadOfAProbability()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run(["compose", "--seed", "2", "--style", "none", "--out", temp.Path, .. Small]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "report.json")));
        var style = doc.RootElement.GetProperty("style");
        Assert.Equal(JsonValueKind.Null, style.GetProperty("probability").ValueKind);
        Assert.Contains("no style classifier", style.GetProperty("note").GetString());
        Assert.DoesNotContain(doc.RootElement.GetProperty("fitness").GetProperty("terms").EnumerateArray(), t => t.GetProperty("name").GetString() == "style");
    }

    [Fact]
    public void Seeding_AllRandom_LeavesNoSeedOrigin_AndIsReported()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run(["compose", "--seed", "4", "--seeding", "random=2", "--out", temp.Path, .. Small]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "report.json")));
        Assert.Equal("recombinant=0,markov=0,random=1", doc.RootElement.GetProperty("options").GetProperty("seeding").GetString());
        Assert.All(doc.RootElement.GetProperty("provenance").EnumerateArray(), e => Assert.DoesNotContain(e.GetProperty("origin").GetString(), new[] { "recombinant", "markov" }));
    }

    [Fact]
    public void AWeightsFileWithAnUnknownTerm_IsRejected_NamingIt()
    {
        using var temp = new TempFolder();
        string weights = temp.Write("w.json", """{"weights": {"parallel-ninths": -3}}""");
        var r = CliRunner.Run("compose", "--weights", weights, "--out", Path.Combine(temp.Path, "o"), "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown term 'parallel-ninths'", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void ExistingOutputs_AreNotOverwritten_WithoutForce()
    {
        using var temp = new TempFolder();
        string existing = temp.Write("out/report.md", "mine");
        var r = CliRunner.Run(["compose", "--out", Path.Combine(temp.Path, "out"), .. Small]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--force", Assert.Single(r.ErrorLines));
        Assert.Equal("mine", File.ReadAllText(existing));
        var forced = CliRunner.Run(["compose", "--out", Path.Combine(temp.Path, "out"), "--force", .. Small]);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual("mine", File.ReadAllText(existing));
    }

    [Fact]
    public void PrintWeights_PrintsTheDefaultFile_WhichLoadsBack()
    {
        var r = CliRunner.Run("compose", "--print-weights");
        Assert.Equal(0, r.ExitCode);
        var parsed = FitnessWeights.Parse(r.Output, "stdout", FitnessWeights.Default);
        Assert.Equal(FitnessWeights.Default.Weights.OrderBy(kv => kv.Key), parsed.Weights.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Compose_WritesMusicXml_ThatReadsBackToTheNotesOfPieceMid()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run(["compose", "--seed", "5", "--out", temp.Path, .. Small]);
        Assert.Equal(0, r.ExitCode);
        var xml = ScoreFiles.Read(Path.Combine(temp.Path, "piece.musicxml"));
        var midi = ScoreFiles.Read(Path.Combine(temp.Path, "piece.mid"));
        Assert.Equal(4, xml.Parts.Length);
        Assert.Equal(midi.Parts.Length, xml.Parts.Length);
        for (int p = 0; p < xml.Parts.Length; p++)
            Assert.Equal(midi.Parts[p].Notes.Select(n => (n.Pitch.Midi, n.Onset, n.Duration)), xml.Parts[p].Notes.Select(n => (n.Pitch.Midi, n.Onset, n.Duration)));
        Assert.False(File.Exists(Path.Combine(temp.Path, "piece.png")));
        Assert.DoesNotContain("piece.png", File.ReadAllText(Path.Combine(temp.Path, "report.md")));
    }

    [Fact]
    public void Compose_WithTheToolsInstalled_EngravesPieceAsPng_AndLinksItFromTheReport()
    {
        // CI installs lilypond, fluidsynth and the SoundFont (.ci/run runs scripts/setup-debian), so this must not skip.
        Assert.NotNull(Host.Machine.Locate(ExternalTool.LilyPond));
        using var temp = new TempFolder();
        var r = CliRunner.Run("compose", "--seed", "2", "--population", "8", "--generations", "2", "--phrases", "2", "--quiet", "--out", temp.Path);
        Assert.Equal(0, r.ExitCode);
        byte[] png = File.ReadAllBytes(Path.Combine(temp.Path, "piece.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Contains("![the engraved score](piece.png)", File.ReadAllText(Path.Combine(temp.Path, "report.md")));
        if (Host.Machine.Locate(ExternalTool.FluidSynth) is not null && Host.Machine.Locate(ExternalTool.SoundFont) is not null)
            Assert.Equal("RIFF"u8.ToArray(), File.ReadAllBytes(Path.Combine(temp.Path, "piece.wav"))[..4]);
    }

    [Fact]
    public void Compose_WithoutTools_NamesEachMissingPackageOnce_AndStillWritesTheRest()
    {
        using var temp = new TempFolder();
        var noTools = new Host { FindProgram = _ => null, FileExists = _ => false };
        var r = CliRunner.RunOn(noTools, "compose", "--seed", "2", "--population", "8", "--generations", "2", "--phrases", "2", "--quiet", "--out", temp.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Single(r.ErrorLines, l => l.Contains("apt-get install lilypond"));
        Assert.Single(r.ErrorLines, l => l.Contains("apt-get install fluidsynth fluid-soundfont-gm"));
        foreach (string name in new[] { "piece.mid", "piece.musicxml", "report.json", "report.md" })
            Assert.True(File.Exists(Path.Combine(temp.Path, name)), name);
        Assert.False(File.Exists(Path.Combine(temp.Path, "piece.png")));
    }
}
