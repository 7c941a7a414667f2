using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Learning.Tests.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Recombinancy;

public class RecombinantComposerTests
{
    private static readonly RecombinancyLexicon Lexicon = new(TinyCorpus.Pieces());

    [Fact]
    public void Lexicon_Destination_IsTheSuccessorsOpening()
    {
        int id = Lexicon.IdOf(0, 1); // a.krn beat 1 (IV), followed by V
        Assert.Equal(TinyCorpus.V.Opening, Lexicon.Destination(id));
        Assert.Null(Lexicon.Destination(Lexicon.IdOf(0, 7)));
        Assert.Equal(32, Lexicon.Count);
    }

    [Fact]
    public void Compose_EveryJoin_ExistsInTheLexicon()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            var piece = RecombinantComposer.Compose(Lexicon, Mode.Major, 2, new Random(seed));
            Assert.Equal(8, piece.Length);
            for (int i = 0; i + 1 < piece.Length; i++)
                Assert.Equal(Lexicon.Destination(piece.LexiconIds[i]), piece.Beats[i + 1].Opening);
            // Phrase ends are groupings that ended a phrase in their source; the others did not.
            for (int i = 0; i < piece.Length; i++)
            {
                var (p, b) = Lexicon[piece.LexiconIds[i]];
                Assert.Equal(piece.PhraseEnds[i], Lexicon.Pieces[p].PhraseEnds[b]);
                Assert.Equal(Lexicon.Pieces[p].Source, piece.Provenance[i]!.Source);
                Assert.Equal(b / 4 + 1, piece.Provenance[i]!.Measure);
            }
            Assert.Equal(48, piece.Beats[^1].Pitch(3, 0)); // ends on the tonic
        }
    }

    [Fact]
    public void Compose_SameSeed_SamePiece()
    {
        var a = RecombinantComposer.Compose(Lexicon, Mode.Major, 3, new Random(42));
        var b = RecombinantComposer.Compose(Lexicon, Mode.Major, 3, new Random(42));
        Assert.Equal(a.LexiconIds, b.LexiconIds);
        var others = Enumerable.Range(0, 10).Select(s => RecombinantComposer.Compose(Lexicon, Mode.Major, 3, new Random(s)).LexiconIds.ToArray());
        Assert.Contains(others, o => !o.SequenceEqual(a.LexiconIds));
    }

    [Fact]
    public void Compose_PrefersOtherSources_OverTheOriginalSuccessor()
    {
        int switches = 0, joins = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var piece = RecombinantComposer.Compose(Lexicon, Mode.Major, 2, new Random(seed));
            for (int i = 0; i + 1 < piece.Length; i++, joins++)
                if (Lexicon[piece.LexiconIds[i]].Piece != Lexicon[piece.LexiconIds[i + 1]].Piece) switches++;
        }
        Assert.True(switches > joins / 2, $"{switches} of {joins} joins change source");
    }

    [Fact]
    public void Compose_WithOriginalityLimit_NeverCopiesLonger()
    {
        // In this tiny corpus every 8-beat plan forces a copy of at least 5 beats; unlimited pieces copy more.
        var index = new OriginalityIndex(Lexicon.Pieces);
        int longerWithoutLimit = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var limited = RecombinantComposer.Compose(Lexicon, Mode.Major, 2, new Random(seed), 4, index, maxCopiedBeats: 5);
            Assert.InRange(index.Measure(limited.Beats).LongestCopiedBeats, 1, 5);
            if (index.Measure(RecombinantComposer.Compose(Lexicon, Mode.Major, 2, new Random(seed)).Beats).LongestCopiedBeats > 5) longerWithoutLimit++;
        }
        Assert.True(longerWithoutLimit > 0);
        Assert.Throws<InvalidOperationException>(() => RecombinantComposer.Compose(Lexicon, Mode.Major, 2, new Random(1), 4, index, maxCopiedBeats: 4));
    }

    [Fact]
    public void Compose_NoPiecesOfTheMode_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => RecombinantComposer.Compose(Lexicon, Mode.Minor, 2, new Random(1)));
    }
}
