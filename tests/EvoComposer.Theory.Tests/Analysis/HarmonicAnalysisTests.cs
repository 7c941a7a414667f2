using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;
using static EvoComposer.Theory.Tests.ScoreBuilder;
using Interval = EvoComposer.Theory.Music.Interval;

namespace EvoComposer.Theory.Tests.Analysis;

public class HarmonicAnalysisTests
{
    [Theory]
    [InlineData("G4", "E4", "C4", "C3", "C", 0, "I")]
    [InlineData("C5", "G4", "C4", "E3", "C", 1, "I6")]
    [InlineData("F4", "D4", "B3", "G2", "C", 0, "V7")]
    [InlineData("G4", "D4", "F4", "B2", "C", 1, "V65")]
    [InlineData("F4", "D4", "B3", "B2", "C", 0, "viio")]
    [InlineData("F4", "D4", "B3", "G#2", "a", 0, "viio7")]
    [InlineData("A4", "F#4", "C4", "D3", "C", 0, "V7/V")]
    [InlineData("Bb4", "E4", "G3", "C3", "C", 0, "V7/IV")]
    [InlineData("G4", "E4", "C#4", "A2", "C", 0, "V7/ii")]
    [InlineData("Bb4", "G4", "E4", "C#4", "G", 0, "viio7/V")]
    [InlineData("Eb5", "C5", "A4", "F#4", "G", 0, "viio7")]
    [InlineData("D5", "F4", "Bb3", "Bb2", "c", 0, "VII")]
    [InlineData("G#4", "D4", "F4", "B3", "a", 1, "viio65")]
    public void Chords_AreNamedWithRomanNumeralsInTheKey(string s, string a, string t, string b, string key, int inversion, string numeral)
    {
        var score = Satb(s, a, t, b, key: key);
        var analysis = HarmonicAnalysis.Analyze(SliceGrid.FromScore(score), score.Key);
        Assert.Equal(inversion, analysis.Chords[0].Inversion);
        Assert.Equal(numeral, RomanNumerals.Format(analysis.Chords[0], score.Key!.Value));
    }

    [Fact]
    public void Cadences_AtFermatas_AreClassified()
    {
        var score = Satb("D5 C5; | B4 A4 B4;", "B4 G4; | G4 F4 D4;", "G3 E4; | D4 C4 G3;", "G2 C3; | G2 F2 G2;", key: "C");
        var analysis = HarmonicAnalysis.Analyze(SliceGrid.FromScore(score), score.Key);
        Assert.Equal([CadenceKind.PerfectAuthentic, CadenceKind.Half], analysis.Cadences.Select(c => c.Kind));
    }

    [Fact]
    public void KeyEstimation_Property_TransposingAChoraleTransposesItsKey()
    {
        var score = ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));
        var original = KeyEstimator.Global(SliceGrid.FromScore(score));
        Assert.Equal("G major", original.ToString());
        var intervals = Gen.Elements(Interval.MajorSecond, Interval.MinorThird, Interval.PerfectFourth, Interval.PerfectFifth.Inverse, Interval.MajorSixth.Inverse).ToArbitrary();
        Prop.ForAll(intervals, i =>
        {
            var moved = KeyEstimator.Global(SliceGrid.FromScore(score.WithKey(null).Transpose(i)));
            return moved.Mode == original.Mode && moved.TonicPitchClass == ((original.TonicPitchClass + i.Semitones) % 12 + 12) % 12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void NonChordTones_AreClassifiedByTheirMelodicContext()
    {
        // Soprano: passing F5 between E5 and G5 over a C chord; then an appoggiatura D5 (leap in, step out).
        var score = Satb("E5:0.5 F5:0.5 G5 | B4 D5:0.5 C5:0.5", "G4:2 G4:2", "C4:2 E4:2", "C3:2 C3:2", key: "C");
        var g = SliceGrid.FromScore(score);
        var a = HarmonicAnalysis.Analyze(g, score.Key);
        Assert.Equal(NonChordToneKind.Passing, a.NonChordTones[g.Cell(1, 0)]);
    }

    [Fact]
    public void Analyze_WithChordsIdentifiedFirst_EqualsTheWholeAnalysis_OnTwentyChorales()
    {
        foreach (var file in Directory.GetFiles(TestCorpus.Path("bach-370-chorales", "kern"), "*.krn").Order(StringComparer.Ordinal).Take(20))
        {
            var score = ScoreFiles.Read(file);
            var grid = SliceGrid.FromScore(score);
            var whole = HarmonicAnalysis.Analyze(grid, score.Key, score.KeySignature.Fifths);
            var chords = new Chord[grid.SliceCount];
            var members = new ChordMember[grid.SliceCount * grid.VoiceCount];
            HarmonicAnalysis.IdentifyChords(grid, chords, members);
            var identified = HarmonicAnalysis.IdentifyChords(grid);
            Assert.Same(grid, identified.Grid);
            Assert.True(identified.Chords.SequenceEqual(chords), file);
            Assert.True(identified.Members.SequenceEqual(members), file);
            var staged = HarmonicAnalysis.Analyze(identified, score.Key, score.KeySignature.Fifths);
            Assert.True(whole.Chords.SequenceEqual(staged.Chords), file);
            Assert.True(whole.Members.SequenceEqual(staged.Members), file);
            Assert.True(whole.Keys.SequenceEqual(staged.Keys), file);
            Assert.True(whole.NonChordTones.SequenceEqual(staged.NonChordTones), file);
            Assert.True(whole.Cadences.SequenceEqual(staged.Cadences), file);
            // Every chord is what the identifier finds for its slice alone, or the previous chord kept through a passing slice.
            var own = new ChordMember[grid.VoiceCount];
            for (int s = 0; s < grid.SliceCount; s++)
                if (grid.Metric[s] > 0) Assert.Equal(ChordIdentifier.Identify(grid, s, own), chords[s]);
        }
    }
}
