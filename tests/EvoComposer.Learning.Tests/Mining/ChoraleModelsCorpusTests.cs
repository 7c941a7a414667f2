using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Mining;

/// <summary>The models mined from the 370 kern chorales (mined once for the class).</summary>
public class ChoraleModelsCorpusTests
{
    private static readonly Lazy<ChoraleModels> Models = new(() =>
        ChoraleModels.Mine(CorpusManifest.LoadEmbedded().Get("bach-chorales"), TestCorpus.Root));

    [Fact]
    public void Mine_BachChorales_UsesAll370()
    {
        var m = Models.Value;
        Assert.Equal(370, m.Pieces.Count);
        Assert.Empty(m.Problems);
        Assert.InRange(m.Pieces.Count(p => p.Mode == Mode.Minor), 150, 200);
        // Chorale 1 is in G major, 3/4, with a one-beat pickup and phrases ending at fermatas.
        var first = m.Pieces.Single(p => p.Source == "chor001.krn");
        Assert.Equal(5, first.Transposition);
        Assert.Equal(2, first.BeatInMeasure[0]);
        Assert.InRange(first.PhraseEnds.Count(e => e), 5, 8);
    }

    [Fact]
    public void ComposeRecombinant_BothModes_JoinsAreBachsAndCopiesAreShort()
    {
        var m = Models.Value;
        foreach (var mode in new[] { Mode.Major, Mode.Minor })
            for (int seed = 0; seed < 10; seed++)
            {
                var piece = m.ComposeRecombinant(mode, 4, new Random(seed));
                var o = m.MeasureOriginality(piece.Beats);
                Assert.Equal(1.0, o.CorpusJoinShare);
                Assert.InRange(o.LongestCopiedBeats, 1, Learning.Recombinancy.RecombinantComposer.DefaultMaxCopiedBeats);
                Assert.Equal(4, piece.PhraseEnds.Count(e => e));
            }
    }

    [Fact]
    public void ScoreBeats_BachAboveMarkovNoise()
    {
        var m = Models.Value;
        var bach = m.Pieces[10];
        var sampled = m.SampleMarkov(bach.Mode, 3, new Random(1)).ToMined();
        var shuffled = new MinedPiece("shuffled", bach.Key, 0, bach.Beats.OrderBy(b => b.Hash).ToArray(), bach.Measures.ToArray(),
            bach.BeatInMeasure.ToArray(), bach.BeatsPerMeasure.ToArray(), bach.PhraseEnds.ToArray());
        Assert.True(m.ScoreBeats(bach).Average() > m.ScoreBeats(shuffled).Average());
        Assert.All(m.ScoreBeats(sampled), x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void LoadOrBuild_MinesOnceThenLoads_AndRebuildsADamagedCache()
    {
        string cache = Directory.CreateTempSubdirectory("evocomposer-cache").FullName;
        try
        {
            var log = new StringWriter();
            var first = ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root, cache, log);
            Assert.Contains("mining", log.ToString());
            string file = Assert.Single(Directory.GetFiles(cache, "*.ecm"));
            Assert.Contains(first.Fingerprint, file);

            log = new StringWriter();
            var second = ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root, cache, log);
            Assert.Equal("", log.ToString());
            Assert.Equal(first.Pieces.Count, second.Pieces.Count);
            Assert.Equal(first.ScoreBeats(first.Pieces[5]), second.ScoreBeats(second.Pieces[5]));

            var bytes = File.ReadAllBytes(file);
            bytes[^10] ^= 0xFF;
            File.WriteAllBytes(file, bytes);
            log = new StringWriter();
            ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root, cache, log);
            Assert.Contains("rebuilding", log.ToString());
            ChoraleModels.Load(file); // the rebuilt cache is whole again
        }
        finally { Directory.Delete(cache, true); }
    }
}
