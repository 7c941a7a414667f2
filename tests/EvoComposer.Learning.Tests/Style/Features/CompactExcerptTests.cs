using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Style.Features;

public class CompactExcerptTests
{
    [Fact]
    public void FromScore_QuarterNotes_HasTicksAndVoices()
    {
        var x = CompactExcerpt.FromScore(SyntheticScores.Quarters([60, 62, 64], [48, 50]));
        Assert.Equal(2, x.VoiceCount);
        Assert.Equal(5, x.NoteCount);
        Assert.Equal(3 * CompactExcerpt.TicksPerQuarter, x.LengthTicks);
        Assert.Equal(CompactExcerpt.TicksPerQuarter, x.BeatTicks);
        Assert.Equal([60, 62, 64], x.MidiOf(0).ToArray());
    }

    [Fact]
    public void Windows_SixteenMeasures_GiveCompleteWindowsOnly()
    {
        var score = SyntheticScores.Quarters(Enumerable.Range(0, 64).Select(i => 60 + i % 5).ToArray());
        var windows = CompactExcerpt.Windows(score, 8, 4).ToList();
        Assert.Equal(3, windows.Count); // starts at measures 0, 4, 8
        Assert.All(windows, w => Assert.Equal(32, w.NoteCount));
        Assert.All(windows, w => Assert.Equal(32 * CompactExcerpt.TicksPerQuarter, w.LengthTicks));
        Assert.Equal(16, CompactExcerpt.MeasureCount(score));
    }

    [Fact]
    public void Windows_ShorterThanOneWindow_GiveNone()
    {
        var score = SyntheticScores.Quarters(Enumerable.Range(0, 12).Select(i => 60 + i).ToArray());
        Assert.Empty(CompactExcerpt.Windows(score, 8, 4));
    }

    [Fact]
    public void TopVoice_KeepsOnlyTheHighestPart()
    {
        var x = CompactExcerpt.FromScore(SyntheticScores.Quarters([72, 74], [60, 62], [48, 50])).TopVoice();
        Assert.Equal(1, x.VoiceCount);
        Assert.Equal([72, 74], x.MidiOf(0).ToArray());
    }

    [Fact]
    public void Constructor_OnsetsOutOfOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CompactExcerpt([[60, 62]], [[48, 0]], [[48, 48]], null, Meter.CommonTime));
        Assert.Throws<ArgumentException>(() => new CompactExcerpt([[60]], [[0]], [[0]], null, Meter.CommonTime));
        Assert.Throws<ArgumentException>(() => new CompactExcerpt([[60]], [[0, 48]], [[48]], null, Meter.CommonTime));
    }

    [Fact]
    public void FromSliceGrid_RandomScoresWithoutRests_GivesTheSameFeaturesAsFromScore()
    {
        // A SliceGrid has no slice where every voice is silent (the last sonority lasts until the next), so
        // scores with rests in all voices at once would differ there; without rests the two paths must agree.
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (seed, voices) =>
        {
            var score = SyntheticScores.Random(seed, voices, 4, rests: false);
            var direct = StyleFeatures.Extract(CompactExcerpt.FromScore(score));
            var viaGrid = StyleFeatures.Extract(CompactExcerpt.FromSliceGrid(SliceGrid.FromScore(score), score.Meter));
            return direct.Values.SequenceEqual(viaGrid.Values);
        }).Check(Config.QuickThrowOnFailure);
    }
}
