using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Mining;

public class MarkovModelsTests
{
    private static readonly HarmonicModel Harmonic = HarmonicModel.Fit(TinyCorpus.Pieces());
    private static readonly MelodicModel Melodic = MelodicModel.Fit(TinyCorpus.Pieces());

    [Fact]
    public void Harmonic_Vocabulary_IsTheDistinctSonorities()
    {
        Assert.Equal(5, Harmonic.VocabularySize(Mode.Major));
        Assert.Equal(0, Harmonic.VocabularySize(Mode.Minor));
    }

    [Fact]
    public void Harmonic_SeenCadence_ScoresAboveUnseen()
    {
        // Before a phrase end (distance 0) on beat 4, after V: I was seen, IV never.
        double seen = Harmonic.LogProbability(Mode.Major, [TinyCorpus.V.Opening], 3, 4, 0, TinyCorpus.I.Opening);
        double unseen = Harmonic.LogProbability(Mode.Major, [TinyCorpus.V.Opening], 3, 4, 0, TinyCorpus.IV.Opening);
        double unknown = Harmonic.LogProbability(Mode.Major, [TinyCorpus.V.Opening], 3, 4, 0, BeatGrouping.Chord(60, 61, 62, 63).Opening);
        Assert.True(seen > unseen);
        Assert.True(unseen > double.NegativeInfinity && unknown > double.NegativeInfinity);
    }

    [Fact]
    public void Harmonic_LogProbabilities_OnePerBeatAndFinite()
    {
        var piece = TinyCorpus.Pieces()[0];
        var lp = Harmonic.LogProbabilities(piece);
        Assert.Equal(piece.Length, lp.Length);
        Assert.All(lp, x => Assert.True(x < 0 && double.IsFinite(x)));
    }

    [Fact]
    public void LogProbabilities_TwoModelsInterleavedAndAFreshThread_EachKeepsItsOwnValues()
    {
        // The per-thread memo is shared by every model: answers must never leak from one model to another.
        var pieces = TinyCorpus.Pieces();
        var otherHarmonic = HarmonicModel.Fit(pieces.Take(1));
        var otherMelodic = MelodicModel.Fit(pieces.Take(1));
        var piece = pieces[1];
        double[] Melody(MelodicModel m)
        {
            var perBeat = new double[piece.Length];
            m.AddLogProbabilities(piece, perBeat);
            return perBeat;
        }
        var (h1, m1) = (Harmonic.LogProbabilities(piece), Melody(Melodic));
        var (h2, m2) = (otherHarmonic.LogProbabilities(piece), Melody(otherMelodic));
        Assert.NotEqual(h1, h2);
        Assert.NotEqual(m1, m2);
        Assert.Equal(h1, Harmonic.LogProbabilities(piece));
        Assert.Equal(m1, Melody(Melodic));
        double[]? freshH = null, freshM = null;
        var thread = new Thread(() => (freshH, freshM) = (Harmonic.LogProbabilities(piece), Melody(Melodic)));
        thread.Start();
        thread.Join();
        Assert.Equal(h1, freshH);
        Assert.Equal(m1, freshM);
    }

    [Fact]
    public void Harmonic_Sample_SameSeedSameSonorities_AndKnown()
    {
        uint[] Draw(int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, 30).Select(i => Harmonic.Sample(Mode.Major, [TinyCorpus.I.Opening], i % 4, 4, 3 - i % 4, r)).ToArray();
        }
        Assert.Equal(Draw(5), Draw(5));
        var known = TinyCorpus.Pieces().SelectMany(p => p.Beats).Select(b => b.Opening).ToHashSet();
        Assert.All(Draw(5), s => Assert.Contains(s, known));
    }

    [Fact]
    public void Melodic_Symbols_IntervalTimesLength()
    {
        var events = new List<NoteEvent> { new(0, 4, 72), new(4, 2, 74), new(6, 2, 0), new(8, 4, 71) };
        var symbols = MelodicModel.Symbols(events);
        Assert.Equal(49 * 16 + 3, symbols[0]);        // first note, a quarter
        Assert.Equal((2 + 24) * 16 + 1, symbols[1]);  // up a tone, an eighth
        Assert.Equal(51 * 16 + 1, symbols[2]);        // a rest
        Assert.Equal((-3 + 24) * 16 + 3, symbols[3]); // down a minor third from the last pitch
    }

    [Fact]
    public void Melodic_PerBeat_SumsToTheVoiceTotals()
    {
        var piece = TinyCorpus.Pieces()[1];
        var perBeat = new double[piece.Length];
        Melodic.AddLogProbabilities(piece, perBeat);
        double voices = Enumerable.Range(0, 4).Sum(v => Melodic.LogProbability(Mode.Major, v, piece));
        Assert.Equal(voices, perBeat.Sum(), 9);
        Assert.True(perBeat.All(x => x < 0));
    }

    [Fact]
    public void Melodic_Counts_MatchTheCorpus()
    {
        // The soprano of the tiny corpus starts every piece with C5 held for a quarter: 4 first notes of length 4.
        var soprano = Melodic.ModelOf(Mode.Major, 0);
        Assert.Equal(4, soprano.Count(0, 0, 49 * 16 + 3));
    }

    [Fact]
    public void Melodic_SampleNote_SameSeedSameNotes_AndSeenMoves()
    {
        (int?, int)[] Draw(int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, 40).Select(i => Melodic.SampleNote(Mode.Major, 3, [], 4, (i % 4) * 4, r, out _)).ToArray();
        }
        Assert.Equal(Draw(11), Draw(11));
        // Mostly quarter notes, as in the tiny corpus (smoothing leaves a little mass for other lengths).
        Assert.True(Draw(11).Count(n => n.Item2 == 4) > 30);
    }
}
