using EvoComposer.Learning.Corpora;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Corpora;

public class CorpusFilterTests
{
    private static readonly PieceLabels Labels = new()
    {
        Composer = "Bach, Johann Sebastian", Epoch = "Baroque", Genre = "chorale", Key = new Key(Step.G, 0, Mode.Major), KeyDeclared = true,
        Meter = new Meter(3, 4), Voices = 4, LengthQuarters = 48, Measures = 16, NoteDensity = 4.2, Tempo = 100, MeanPitch = 60,
        LowestPitch = 40, HighestPitch = 76, RhythmicActivity = 1.3, MinorChordShare = 0.25,
    };

    [Theory]
    [InlineData("mode=major", true)]
    [InlineData("mode=minor", false)]
    [InlineData("meter=3/4,length<=48", true)]
    [InlineData("length<48", false)]
    [InlineData("composer~bach", true)]
    [InlineData("key=G", true)]
    [InlineData("key=g", false)]
    [InlineData("key!=G major", false)]
    [InlineData("minor>=0.2, activity>1", true)]
    [InlineData("genre!=chorale", false)]
    public void Matches_Clauses_AsExpected(string filter, bool expected) =>
        Assert.Equal(expected, CorpusFilter.Parse(filter).Matches(Labels));

    [Theory]
    [InlineData("mood=sad")]
    [InlineData("mode")]
    public void Parse_Bad_Throws(string filter) => Assert.Throws<FormatException>(() => CorpusFilter.Parse(filter));
}
