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
    public void WithRepeatsMerged_TouchingEqualPitches_BecomeOneNoteKeepingTheFermata()
    {
        // Voice 0: C C (touching, the second with a fermata) D, then a gap and D again. Voice 1: E E touching.
        var x = new CompactExcerpt([[60, 60, 62, 62], [52, 52]], [[0, 48, 96, 192], [0, 48]], [[48, 48, 48, 48], [48, 96]],
            [[false, true, false, false], [false, false]], Meter.CommonTime);
        var merged = x.WithRepeatsMerged();
        Assert.Equal([60, 62, 62], merged.MidiOf(0).ToArray());
        Assert.Equal([52], merged.MidiOf(1).ToArray());
        Assert.Equal(4, merged.NoteCount);
        Assert.Equal(x.LengthTicks, merged.LengthTicks);
        // Left: C-D, and D-D across the rest (a real repeat): one repeat in two intervals.
        Assert.Equal(0.5, StyleFeatures.Extract(merged)["int.repeat"]);
    }

    [Fact]
    public void WithRepeatsMerged_NothingToMerge_ReturnsTheSameExcerpt()
    {
        var x = CompactExcerpt.FromScore(SyntheticScores.Quarters([60, 62, 64], [48, 50, 48]));
        Assert.Same(x, x.WithRepeatsMerged());
    }

    [Fact]
    public void WithRepeatsMerged_TiedAndReStruckWritings_GiveTheSameFeatures()
    {
        // A half note against two re-struck quarters of the same pitch: after merging the features agree.
        var held = new CompactExcerpt([[67, 69], [60, 59]], [[0, 96], [0, 96]], [[96, 96], [96, 96]], null, Meter.CommonTime);
        var split = new CompactExcerpt([[67, 67, 69], [60, 59]], [[0, 48, 96], [0, 96]], [[48, 48, 96], [96, 96]], null, Meter.CommonTime);
        Assert.Equal(StyleFeatures.Extract(held.WithRepeatsMerged()).Values.ToArray(), StyleFeatures.Extract(split.WithRepeatsMerged()).Values.ToArray());
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
