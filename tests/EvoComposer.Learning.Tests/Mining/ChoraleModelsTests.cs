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

    private static readonly int[] Melody = [72, 72, 71, 72, 72, 74, 71, 72];
    private static readonly int[] Positions = [0, 1, 2, 3, 0, 1, 2, 3];
    private static readonly bool[] Ends = [false, false, false, true, false, false, false, true];

    [Fact]
    public void HarmonizeMarkov_KeepsTheSopranoOfEveryBeat_AndIsDeterministic()
    {
        var a = Models.HarmonizeMarkov(Melody, Mode.Major, Positions, 4, Ends, new Random(3));
        var b = Models.HarmonizeMarkov(Melody, Mode.Major, Positions, 4, Ends, new Random(3));
        Assert.Equal(a.Beats, b.Beats);
        Assert.Equal(Melody, a.Beats.Select(g => g.Pitch(0, 0)));
        // Every sonority comes from the corpus's vocabulary, so its lower voices are those of a corpus chord.
        var chords = new[] { TinyCorpus.I, TinyCorpus.IV, TinyCorpus.V, TinyCorpus.Vi, TinyCorpus.Ii };
        Assert.All(a.Beats, g => Assert.Contains(chords, c => c == g));
    }

    [Fact]
    public void HarmonizeMarkov_SopranoOutsideTheVocabulary_TakesTheOctaveAndSetsTheSoprano()
    {
        int[] melody = [60, 60, 59, 60];
        var piece = Models.HarmonizeMarkov(melody, Mode.Major, [0, 1, 2, 3], 4, [false, false, false, true], new Random(1));
        Assert.Equal(melody, piece.Beats.Select(g => g.Pitch(0, 0)));
        Assert.All(piece.Beats, g => Assert.NotEqual(0, g.Pitch(3, 0)));
    }

    [Fact]
    public void HarmonizeRecombinant_MatchesTheMelodyAtEveryBeat_WithProvenance()
    {
        var piece = Models.HarmonizeRecombinant(Melody, Mode.Major, Positions, 4, Ends, new Random(5));
        Assert.Equal(Melody, piece.Beats.Select(g => g.Pitch(0, 0)));
        Assert.All(piece.Provenance, p => Assert.NotNull(p));
        // A beat is a corpus beat at the same metric position whose soprano opens with the melody's pitch.
        for (int i = 0; i < piece.Length; i++)
        {
            var p = piece.Provenance[i]!;
            var source = Models.Pieces.Single(x => x.Source == p.Source);
            int beat = Enumerable.Range(0, source.Length).Single(b => source.Measures[b] == p.Measure && source.BeatInMeasure[b] + 1 == p.Beat);
            Assert.Equal(source.Beats[beat], piece.Beats[i]);
        }
    }

    [Fact]
    public void HarmonizeRecombinant_MismatchedArrays_Throw()
    {
        Assert.Throws<ArgumentException>(() => Models.HarmonizeRecombinant(Melody, Mode.Major, [0, 1], 4, Ends, new Random(1)));
        Assert.Throws<ArgumentException>(() => Models.HarmonizeMarkov([0, 72], Mode.Major, [0, 1], 4, [false, true], new Random(1)));
    }
}
