using System.Globalization;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.RomanText;
using Xunit.Abstractions;

namespace EvoComposer.Theory.Tests.Analysis;

public class RomanNumeralAgreementTests(ITestOutputHelper output)
{
    /// <summary>The kern file of Riemenschneider number n: the chorale whose !!!PC# record is n (chorNNN.krn in this edition).</summary>
    internal static string KernFor(int riemenschneider) =>
        TestCorpus.Path("bach-370-chorales", "kern", $"chor{riemenschneider.ToString("000", CultureInfo.InvariantCulture)}.krn");

    [Fact]
    public void TwentyExpertAnalyses_AgreeWithOurChordsOnMostBeats()
    {
        var total = new AgreementCounts();
        for (int n = 1; n <= 20; n++)
        {
            var expert = RomanTextReader.Read(TestCorpus.Path("bach-roman", $"riemenschneider{n.ToString("000", CultureInfo.InvariantCulture)}.rntxt"));
            var score = ScoreFiles.Read(KernFor(n));
            // The mapping is by Riemenschneider number (!!!PC#); check it against the catalogue numbers where both are given.
            var pc = score.Metadata.References.FirstOrDefault(r => r.Key == "PC#").Value;
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), pc);
            var counts = RomanNumeralAgreement.Compare(score, expert);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,2} BWV {expert.Field("BWV"),-10} kern {score.Metadata.CatalogueNumber,-12} beats {counts.Beats,3}  root {counts.Share(counts.Root):P0}  root+quality {counts.Share(counts.RootAndQuality):P0}  +inversion {counts.Share(counts.Inversion):P0}  full {counts.Share(counts.Full):P0}  key {counts.Share(counts.Key):P0}"));
            Assert.True(counts.Beats > 20, $"chorale {n}: only {counts.Beats} beats compared");
            total += counts;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all: beats {total.Beats}  root {total.Share(total.Root):P1}  root+quality {total.Share(total.RootAndQuality):P1}  +inversion {total.Share(total.Inversion):P1}  full {total.Share(total.Full):P1}  key {total.Share(total.Key):P1}"));
        Assert.True(total.Share(total.RootAndQuality) > 0.6, $"root+quality agreement {total.Share(total.RootAndQuality):P1}");
    }

    [Theory]
    [InlineData("V6/5/V", "G:", "A", 1, true)]
    [InlineData("viio7", "a:", "G#", 0, true)]
    [InlineData("VII", "a:", "G", 0, false)]
    [InlineData("ii/o6/5", "e:", "F#", 1, true)]
    [InlineData("Cad64", "C:", "C", 2, false)]
    [InlineData("N6", "a:", "Bb", 1, false)]
    public void Numerals_NameTheRightChord(string numeral, string key, string root, int inversion, bool seventh)
    {
        Assert.True(RomanTextReader.TryParseKey(key[..^1], out var k));
        Assert.True(RomanTextReader.TryParseNumeral(numeral, k, out var chord));
        Assert.Equal(root, chord.RootName);
        Assert.Equal(inversion, chord.Inversion);
        Assert.Equal(seventh, chord.Seventh != SeventhQuality.None);
    }
}
