using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Learning.Tests.Mining;

namespace EvoComposer.Learning.Tests.Recombinancy;

public class OriginalityIndexTests
{
    private static readonly MinedPiece[] Pieces = TinyCorpus.Pieces();
    private static readonly OriginalityIndex Index = new(Pieces);

    [Fact]
    public void Measure_CopiedPiece_LongestSpanIsItsLength()
    {
        var o = Index.Measure(Pieces[2].Beats);
        Assert.Equal(Pieces[2].Length, o.LongestCopiedBeats);
        Assert.Equal("c.krn", o.LongestSource);
        Assert.Equal(1.0, o.CorpusJoinShare);
    }

    [Fact]
    public void Measure_ChangedBeat_SplitsTheSpan()
    {
        var beats = Pieces[2].Beats.ToArray();
        beats[5] = BeatGrouping.Chord(60, 61, 62, 63); // never in the corpus
        var o = Index.Measure(beats);
        Assert.Equal(5, o.LongestCopiedBeats); // beats 0-4
        Assert.Equal(0, o.LongestStartBeat);
        Assert.Equal(5 / 7.0, o.CorpusJoinShare, 9); // the two joins around beat 5 are new
    }

    [Fact]
    public void Measure_SpanAcrossTwoPieces_IsNotOneCopy()
    {
        // Two pieces of distinct chords; the end of the first followed by the start of the second is two copies of two.
        var c = Enumerable.Range(0, 6).Select(i => BeatGrouping.Chord(70 + i, 65, 60, 48)).ToArray();
        var index = new OriginalityIndex([TinyCorpus.Piece("p.krn", c[0], c[1], c[2]), TinyCorpus.Piece("q.krn", c[3], c[4], c[5])]);
        var o = index.Measure([c[1], c[2], c[3], c[4]]);
        Assert.Equal(2, o.LongestCopiedBeats);
        Assert.Equal(2 / 3.0, o.CorpusJoinShare, 9);
    }

    [Fact]
    public void Measure_NothingCopied_ReportsZero()
    {
        var o = Index.Measure([BeatGrouping.Chord(60, 61, 62, 63)]);
        Assert.Equal(0, o.LongestCopiedBeats);
        Assert.Null(o.LongestSource);
        Assert.Equal(1.0, o.CorpusJoinShare);
    }
}
