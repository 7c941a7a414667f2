using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Mining;

public class ChoraleModelsTests
{
    private static readonly ChoraleModels Models = ChoraleModels.Build(new MinedCorpus("tiny", TinyCorpus.Pieces(), []), "f00d");

    private static string Saved()
    {
        string path = Path.Combine(Path.GetTempPath(), $"evocomposer-test-{Guid.NewGuid():N}.ecm");
        Models.Save(path);
        return path;
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameScoresAndPieces()
    {
        string path = Saved();
        try
        {
            var back = ChoraleModels.Load(path);
            Assert.Equal("tiny", back.SetName);
            Assert.Equal("f00d", back.Fingerprint);
            Assert.Equal(Models.Pieces.Count, back.Pieces.Count);
            var piece = TinyCorpus.Pieces()[3];
            Assert.Equal(Models.ScoreBeats(piece), back.ScoreBeats(piece));
            Assert.Equal(Models.Lexicon.Count, back.Lexicon.Count);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_OtherVersion_SaysSoInOneLine()
    {
        string path = Saved();
        try
        {
            var bytes = File.ReadAllBytes(path);
            BitConverter.GetBytes(99).CopyTo(bytes, 8);
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<ModelFileException>(() => ChoraleModels.Load(path));
            Assert.Contains("version 99", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_DamagedFiles_ThrowOnlyModelFileException()
    {
        string path = Saved();
        try
        {
            var good = File.ReadAllBytes(path);
            var random = new Random(3);
            for (int trial = 0; trial < 30; trial++)
            {
                var bytes = (byte[])good.Clone();
                if (trial % 3 == 0) bytes = bytes[..random.Next(bytes.Length)];
                else bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
                File.WriteAllBytes(path, bytes);
                Assert.Throws<ModelFileException>(() => ChoraleModels.Load(path));
            }
            File.WriteAllText(path, "hello");
            Assert.Contains("not an EvoComposer model file", Assert.Throws<ModelFileException>(() => ChoraleModels.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Redraw_BetweenNeighbours_FitsBothJoins()
    {
        var found = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var r = Models.Redraw(Mode.Major, TinyCorpus.I, TinyCorpus.V, 1, 4, new Random(seed));
            if (r is not { } x) continue;
            found++;
            Assert.True(Models.Originality.HasJoin(TinyCorpus.I.Closing, x.Grouping.Opening));
            // Its source continued into V.
            var piece = Models.Pieces.Single(p => p.Source == x.Provenance.Source);
            int beat = (x.Provenance.Measure - 1) * 4 + x.Provenance.Beat - 1;
            Assert.Equal(TinyCorpus.V.Opening, piece.Beats[beat + 1].Opening);
        }
        Assert.Equal(20, found);
        Assert.Null(Models.Redraw(Mode.Major, TinyCorpus.I, BeatGrouping.Chord(60, 61, 62, 63), 1, 4, new Random(1)));
    }

    [Fact]
    public void SampleMarkov_SameSeed_SamePiece_WithPhrasePlan()
    {
        var a = Models.SampleMarkov(Mode.Major, 2, new Random(9));
        var b = Models.SampleMarkov(Mode.Major, 2, new Random(9));
        Assert.Equal(a.Beats, b.Beats);
        Assert.Equal(8, a.Length);
        Assert.Equal(2, a.PhraseEnds.Count(e => e));
        Assert.Equal(a.Length, Models.ScoreBeats(a.ToMined()).Length);
    }
}
