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
    public void ScoreBeats_GivesTheSameScores_InAnyCallOrder_RegressionForMemoCollisions()
    {
        // The per-thread log-probability memo once let different contexts share a key: 62 of the corpus's beats
        // were scored differently depending on what had been scored before, so a compose changed with the thread count.
        var m = Models.Value;
        var forward = m.Pieces.Select(p => m.ScoreBeats(p)).ToList();
        var backward = m.Pieces.Reverse().Select(p => m.ScoreBeats(p)).Reverse().ToList();
        for (int i = 0; i < forward.Count; i++) Assert.Equal(forward[i], backward[i]);
    }

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
    public void ComposeRecombinant_SameSeed_SamePieceFromIndependentlyMinedModels()
    {
        // Mined again from the files: nothing may depend on object identity, hash-code randomisation or timing.
        var again = ChoraleModels.Mine(CorpusManifest.LoadEmbedded().Get("bach-chorales"), TestCorpus.Root);
        foreach (var key in new[] { new Key(Step.C, 0, Mode.Major), new Key(Step.A, 0, Mode.Minor) })
        {
            var a = Models.Value.ComposeRecombinant(key, 4, new Random(5));
            var b = again.ComposeRecombinant(key, 4, new Random(5));
            Assert.Equal(a.Beats, b.Beats);
            Assert.Equal(a.Provenance, b.Provenance);
            Assert.Equal(a.PhraseEnds, b.PhraseEnds);
            var c = Models.Value.SampleMarkov(key.Mode, 4, new Random(5));
            Assert.Equal(c.Beats, again.SampleMarkov(key.Mode, 4, new Random(5)).Beats);
        }
    }

    [Fact]
    public void ComposeRecombinant_Seed1InCMajor_IsThePinnedPiece()
    {
        // Locks determinism across processes and machines (System.Random with a seed, ordinal sorting, no hashing
        // of strings): update the pin only when the composer or the corpus changes on purpose.
        var piece = Models.Value.ComposeRecombinant(new Key(Step.C, 0, Mode.Major), 4, new Random(1));
        string head = string.Join(" ", piece.Provenance.Take(6).Select(p => $"{p!.Source}:{p.Measure}.{p.Beat}"));
        Assert.Equal(Pinned, head);
    }

    private const string Pinned = "chor290.krn:0.4 chor290.krn:1.1 chor239.krn:6.2 chor152.krn:5.3 chor255.krn:1.4 chor183.krn:4.1";

    [Fact]
    public void ComposeRecombinant_ForAKey_KeepsMoreNotesInTheVoicesRanges()
    {
        var m = Models.Value;
        int withKey = 0, inC = 0;
        foreach (var key in new[] { new Key(Step.G, 0, Mode.Major), new Key(Step.D, 0, Mode.Minor) })
            for (int seed = 1; seed <= 10; seed++)
            {
                int shift = -MinedScores.SemitonesToC(key);
                withKey += m.ComposeRecombinant(key, 4, new Random(seed)).Beats.Sum(b => MinedScores.OutsideRange(b, shift));
                inC += m.ComposeRecombinant(key.Mode, 4, new Random(seed)).Beats.Sum(b => MinedScores.OutsideRange(b, shift));
            }
        Assert.True(withKey < inC * 0.75, $"out of range: {withKey} for the key vs {inC} composed in C");
    }

    [Fact]
    public void SampleMarkov_ForAKey_KeepsMoreNotesInTheVoicesRanges()
    {
        var m = Models.Value;
        int withKey = 0, inC = 0;
        foreach (var key in new[] { new Key(Step.G, 0, Mode.Major), new Key(Step.D, 0, Mode.Minor) })
            for (int seed = 1; seed <= 10; seed++)
            {
                int shift = -MinedScores.SemitonesToC(key);
                withKey += m.SampleMarkov(key, 4, new Random(seed)).Beats.Sum(b => MinedScores.OutsideRange(b, shift));
                inC += m.SampleMarkov(key.Mode, 4, new Random(seed)).Beats.Sum(b => MinedScores.OutsideRange(b, shift));
            }
        Assert.True(withKey < inC * 0.5, $"out of range: {withKey} for the key vs {inC} sampled in C");
    }

    [Fact]
    public void ResampleSpan_SameSeed_SameBeats_AndBeatsOutsideTheSpanAreNotReturned()
    {
        var m = Models.Value;
        var passage = m.Pieces.Single(p => p.Source == "chor002.krn");
        var a = m.ResampleSpan(passage, 5, 9, new Random(3));
        var b = m.ResampleSpan(passage, 5, 9, new Random(3));
        Assert.Equal(4, a.Length);
        Assert.Equal(a, b);
        // Different seeds explore: over a few seeds, some beat differs from the first draw.
        Assert.Contains(Enumerable.Range(4, 6), s => !m.ResampleSpan(passage, 5, 9, new Random(s)).SequenceEqual(a));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ResampleSpan(passage, 4, 4, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ResampleSpan(passage, 0, passage.Length + 1, new Random(1)));
    }

    [Fact]
    public void ResampleSpan_KeepSoprano_KeepsTheSopranoAtEveryBeat()
    {
        var m = Models.Value;
        foreach (var source in new[] { "chor003.krn", "chor010.krn" })
        {
            var passage = m.Pieces.Single(p => p.Source == source);
            for (int seed = 0; seed < 5; seed++)
            {
                int start = 2 + seed * 3, end = start + 1 + seed % 4;
                var drawn = m.ResampleSpan(passage, start, end, new Random(seed), new SpanSamplingOptions(KeepSoprano: true));
                for (int k = 0; k < drawn.Length; k++) Assert.Equal(passage.Beats[start + k].Pitch(0, 0), drawn[k].Pitch(0, 0));
            }
        }
    }

    [Fact]
    public void ResampleSpan_ScoresTheJoin_MoreLikelyIntoTheNextBeatThanWithoutIt()
    {
        // The same span drawn with the beat after it (join scored) and at the end of a shortened passage (no join):
        // the joined draws lead into the next beat more probably, by the harmonic model, on average.
        var m = Models.Value;
        var passage = m.Pieces.Single(p => p.Source == "chor005.krn");
        int start = 6, end = 8;
        var cut = new MinedPiece(passage.Source, passage.Key, passage.Transposition, passage.Beats.Take(end).ToArray(),
            passage.Measures.Take(end).ToArray(), passage.BeatInMeasure.Take(end).ToArray(), passage.BeatsPerMeasure.Take(end).ToArray(),
            passage.PhraseEnds.Take(end).ToArray());
        double Join(BeatGrouping[] span)
        {
            var beats = passage.Beats.ToArray();
            for (int k = 0; k < span.Length; k++) beats[start + k] = span[k];
            var piece = new MinedPiece(passage.Source, passage.Key, passage.Transposition, beats, [.. passage.Measures], [.. passage.BeatInMeasure], [.. passage.BeatsPerMeasure], [.. passage.PhraseEnds]);
            return m.ScoreBeats(piece)[end];
        }
        double joined = Enumerable.Range(0, 20).Average(s => Join(m.ResampleSpan(passage, start, end, new Random(s))));
        double free = Enumerable.Range(0, 20).Average(s => Join(m.ResampleSpan(cut, start, end, new Random(s))));
        Assert.True(joined > free, $"joined {joined:0.00} vs free {free:0.00}");
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
    public void VoicePairs_ParallelFifths_RarerThanContraryMotion()
    {
        var pairs = VoicePairModel.Fit(Models.Value.Pieces);
        int[] before = [67, 64, 60, 48];                                           // G4 E4 C4 C3: soprano and bass a fifth apart
        double parallel = pairs.Ratio(Mode.Major, before, [69, 64, 60, 50]);      // A4 over D3: parallel fifths
        double contrary = pairs.Ratio(Mode.Major, before, [69, 64, 60, 41]);      // A4 over F2: contrary motion to a third
        Assert.True(parallel < 0.2 * contrary, $"{parallel} vs {contrary}");
        Assert.Equal(1.0, pairs.Ratio(Mode.Major, before, before));               // nothing moves: no opinion
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
