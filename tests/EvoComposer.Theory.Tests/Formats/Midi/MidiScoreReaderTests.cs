using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.Midi;

public class MidiScoreReaderTests
{
    private static string[] ChoraleFiles() =>
        Directory.GetFiles(TestCorpus.Path("bach-370-chorales", "midi"), "*.mid").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Read_AllCorpusChorales_GivesFourPartsInSatbRanges()
    {
        var files = ChoraleFiles();
        Assert.Equal(370, files.Length);
        var reader = new MidiScoreReader();
        // Generous ranges (MIDI numbers) for soprano, alto, tenor, bass of the chorales.
        (int Low, int High)[] ranges = [(57, 84), (50, 77), (45, 72), (33, 67)];
        foreach (var file in files)
        {
            var score = reader.Read(File.ReadAllBytes(file), file);
            Assert.True(score.Parts.Length == 4, $"{file}: {score.Parts.Length} parts");
            for (int p = 0; p < 4; p++)
            {
                var part = score.Parts[p];
                Assert.NotEmpty(part.Notes);
                var (low, high) = part.Range!.Value;
                Assert.True(low.Midi >= ranges[p].Low && high.Midi <= ranges[p].High, $"{file} part {p} ({part.Name}): {low}–{high}");
            }
            Assert.True(score.Parts[0].MeanMidi > score.Parts[3].MeanMidi, file);
            Assert.NotEmpty(score.Measures);
            Assert.All(score.Parts.SelectMany(p => p.Notes), n => Assert.True(n.Duration > Rational.Zero));
        }
    }

    [Fact]
    public void ScoreFilesRead_MidFile_UsesTheMidiReader()
    {
        var score = ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "midi", "chor001.mid"));
        Assert.Equal(4, score.Parts.Length);
        Assert.Equal("midi", ScoreFiles.ReaderFor("x.MIDI")!.FormatName);
    }
}
