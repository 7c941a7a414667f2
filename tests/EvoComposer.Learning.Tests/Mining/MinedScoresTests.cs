using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Mining;

public class MinedScoresTests
{
    private static Note N(string pitch, double onset, double duration, bool fermata = false) =>
        new(Pitch.Parse(pitch), Rational.FromDecimal((decimal)onset), Rational.FromDecimal((decimal)duration), 0, fermata);

    // G major, 4/4 with a one-beat pickup: | G | G A B (A-G in eighths) | D (fermata, half note) ...
    private static Score GMajor() => new(
        [
            new Part("Soprano", [N("G4", 0, 1), N("G4", 1, 1), N("A4", 2, 1), N("B4", 3, 0.5), N("A4", 3.5, 0.5), N("D5", 4, 2, true)]),
            new Part("Alto", [N("D4", 0, 1), N("D4", 1, 2), N("D4", 3, 1), N("F#4", 4, 2, true)]),
            new Part("Tenor", [N("B3", 0, 1), N("B3", 1, 1), N("C4", 2, 1), N("D4", 3, 1), N("A3", 4, 2, true)]),
            new Part("Bass", [N("G2", 0, 1), N("G3", 1, 1), N("F#3", 2, 1), N("G3", 3, 1), N("D3", 4, 2, true)]),
        ],
        [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(1))],
        new Key(Step.G, 0, Mode.Major),
        [new Measure(0, Rational.Zero, 1), new Measure(1, 1, 4), new Measure(2, 5, 4)]);

    [Fact]
    public void SemitonesToC_AnyKey_IsNearest()
    {
        Assert.Equal(5, MinedScores.SemitonesToC(new Key(Step.G, 0, Mode.Major)));
        Assert.Equal(-2, MinedScores.SemitonesToC(new Key(Step.D, 0, Mode.Minor)));
        Assert.Equal(0, MinedScores.SemitonesToC(new Key(Step.C, 0, Mode.Minor)));
        Assert.Equal("P4", MinedScores.IntervalToC(new Key(Step.G, 0, Mode.Major)).ToString());
        Assert.Equal("-M2", MinedScores.IntervalToC(new Key(Step.D, 0, Mode.Minor)).ToString());
    }

    [Fact]
    public void FromScore_GMajorWithPickup_TransposesToCAndReadsMeterAndPhrases()
    {
        var piece = MinedScores.FromScore(GMajor(), "g.krn");
        Assert.Equal(6, piece.Length);
        Assert.Equal(5, piece.Transposition);
        Assert.Equal(67 + 5, piece.Beats[0].Pitch(0, 0)); // G4 → C5
        Assert.Equal(43 + 5, piece.Beats[0].Pitch(3, 0));
        Assert.Equal([3, 0, 1, 2, 3, 0], piece.BeatInMeasure);
        Assert.Equal([0, 1, 1, 1, 1, 2], piece.Measures);
        // Beat 3: soprano B then A in eighths: attacks at 16ths 0 and 2.
        Assert.True(piece.Beats[3].Attack(0, 0));
        Assert.False(piece.Beats[3].Attack(0, 1));
        Assert.True(piece.Beats[3].Attack(0, 2));
        Assert.Equal(69 + 5, piece.Beats[3].Pitch(0, 2));
        // Alto D4 held over beats 1-2: no attack on beat 2.
        Assert.False(piece.Beats[2].Attack(1, 0));
        // The fermata half note ends a phrase on its last beat, not its first.
        Assert.Equal([false, false, false, false, false, true], piece.PhraseEnds);
        Assert.Equal([5, 4, 3, 2, 1, 0], piece.DistanceToPhraseEnd);
    }

    [Fact]
    public void ToScore_ThenFromScore_GivesTheSameBeats()
    {
        var piece = MinedScores.FromScore(GMajor(), "g.krn");
        var key = new Key(Step.G, 0, Mode.Major);
        var score = MinedScores.ToScore(piece.Beats, piece.PhraseEnds, key, Meter.CommonTime, pickupBeats: 1);
        var again = MinedScores.FromScore(score, "again");
        Assert.Equal(piece.Beats, again.Beats);
        Assert.Equal(piece.PhraseEnds, again.PhraseEnds);
        Assert.Equal(piece.BeatInMeasure, again.BeatInMeasure);
        Assert.Equal("F#4", score.Parts[1].Notes.Last().Pitch.ToString()); // spelled in the key
    }

    [Theory]
    [InlineData(70, Mode.Major, "Bb4")] // the lowered seventh (V/IV), not A#
    [InlineData(68, Mode.Major, "G#4")] // V/vi
    [InlineData(66, Mode.Major, "F#4")] // V/V
    [InlineData(66, Mode.Minor, "F#4")]
    [InlineData(61, Mode.Minor, "Db4")] // Neapolitan
    [InlineData(69, Mode.Minor, "A4")]  // raised sixth
    [InlineData(68, Mode.Minor, "Ab4")]
    [InlineData(71, Mode.Minor, "B4")]
    public void SpellInC_ChromaticNote_IsSpelledAsChoralesDo(int midi, Mode mode, string expected)
    {
        var pitch = MinedScores.SpellInC(midi, mode);
        Assert.Equal(expected, pitch.ToString());
        Assert.Equal(midi, pitch.Midi);
    }

    [Fact]
    public void ToScore_LoweredSeventhInFMajor_IsSpelledEFlatNotDSharp()
    {
        // C major relative: C4 B♭3 A3 (a descending lowered seventh), transposed to F major: F4 E♭4 D4.
        var beats = new[] { BeatGrouping.Chord(72, 64, 55, 48), BeatGrouping.Chord(70, 64, 55, 48), BeatGrouping.Chord(69, 65, 53, 41) };
        var score = MinedScores.ToScore(beats, [false, false, true], new Key(Step.F, 0, Mode.Major), Meter.CommonTime);
        Assert.Equal("Eb", score.Parts[0].Notes[1].Pitch.ToString()[..2]);
    }

    [Fact]
    public void FromScore_ThreeParts_Throws()
    {
        var s = GMajor();
        Assert.Throws<ArgumentException>(() => MinedScores.FromScore(s.WithParts(s.Parts.Take(3)), "x"));
    }
}
