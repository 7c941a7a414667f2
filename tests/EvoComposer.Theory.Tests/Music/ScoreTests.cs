using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;
using Interval = EvoComposer.Theory.Music.Interval;

namespace EvoComposer.Theory.Tests.Music;

public class ScoreTests
{
    private static Note N(string pitch, string onset, string duration, int measure = 1, bool fermata = false) =>
        new(Pitch.Parse(pitch), Rational.Parse(onset), Rational.Parse(duration), measure, fermata);

    private static Score TwoParts(Key? key = null) => new(
        [new Part("Soprano", [N("G4", "0", "1", 0), N("A4", "1", "2"), N("B4", "3", "1")]),
         new Part("Bass", [N("G2", "0", "1", 0), N("D3", "1", "3", 1, true)])],
        [new Timed<Meter>(Rational.Zero, new Meter(3, 4)), new Timed<Meter>(new Rational(4, 1), new Meter(4, 4))],
        [new Timed<KeySignature>(Rational.Zero, new KeySignature(1))],
        key ?? new Key(Step.G, 0, Mode.Major),
        [new Measure(0, Rational.Zero, Rational.One), new Measure(1, Rational.One, new Rational(3, 1))],
        [new Timed<double>(Rational.Zero, 100)],
        new ScoreMetadata { Title = "Test", Composer = "Anon" });

    [Fact]
    public void Constructor_NoMetersOrSignatures_DefaultsToCommonTimeAndNoAccidentals()
    {
        var score = new Score([], [], []);
        Assert.Equal(Meter.CommonTime, score.Meter);
        Assert.Equal(new KeySignature(0), score.KeySignature);
        Assert.Null(score.Key);
        Assert.Equal(Rational.Zero, score.Length);
        Assert.Equal(0, score.NoteCount);
        Assert.Same(ScoreMetadata.Empty, score.Metadata);
    }

    [Fact]
    public void LengthAndNoteCount_TwoParts_LastEndAndSum()
    {
        var score = TwoParts();
        Assert.Equal(new Rational(4, 1), score.Length);
        Assert.Equal(5, score.NoteCount);
    }

    [Fact]
    public void MeterAt_ChangeAtFour_SwitchesExactlyThere()
    {
        var score = TwoParts();
        Assert.Equal(new Meter(3, 4), score.MeterAt(new Rational(399, 100)));
        Assert.Equal(new Meter(4, 4), score.MeterAt(new Rational(4, 1)));
        Assert.Equal(new KeySignature(1), score.KeySignatureAt(new Rational(10, 1)));
    }

    [Fact]
    public void MeasureAt_Onsets_FindsContainingMeasure()
    {
        var score = TwoParts();
        Assert.Equal(0, score.MeasureAt(new Rational(1, 2))!.Value.Number);
        Assert.Equal(1, score.MeasureAt(Rational.One)!.Value.Number);
        Assert.Null(score.MeasureAt(new Rational(-1, 1)));
    }

    [Fact]
    public void Equality_SameContent_EqualAndDifferentMetadataNot()
    {
        Assert.Equal(TwoParts(), TwoParts());
        Assert.Equal(TwoParts().GetHashCode(), TwoParts().GetHashCode());
        Assert.NotEqual(TwoParts(), TwoParts().WithMetadata(new ScoreMetadata { Title = "Other" }));
        Assert.NotEqual(TwoParts(), TwoParts().WithKey(null));
    }

    [Fact]
    public void Part_UnsortedNotes_AreSorted()
    {
        var part = new Part("x", [N("C5", "2", "1"), N("E4", "0", "1"), N("C4", "0", "1")]);
        Assert.Equal([Pitch.Parse("C4"), Pitch.Parse("E4"), Pitch.Parse("C5")], part.Notes.Select(n => n.Pitch));
    }

    [Fact]
    public void Transpose_UpMajorSecond_MovesNotesKeyAndSignature()
    {
        var up = TwoParts().Transpose(Interval.MajorSecond);
        Assert.Equal(new Key(Step.A, 0, Mode.Major), up.Key);
        Assert.Equal(new KeySignature(3), up.KeySignature);
        Assert.Equal(Pitch.Parse("A4"), up.Parts[0].Notes[0].Pitch);
        Assert.Equal(Pitch.Parse("C#5"), up.Parts[0].Notes[2].Pitch);
        Assert.Equal(TwoParts().Parts[1].Notes.Select(n => n.Onset), up.Parts[1].Notes.Select(n => n.Onset));
    }

    private static readonly Interval[] SmallShifts =
        new[] { "P1", "P5", "M2", "m3", "-P4", "M6", "-m6", "M7", "-m2", "P8", "-M3", "m7" }.Select(Interval.Parse).ToArray();

    private static readonly Gen<Score> Scores =
        from fifths in Gen.Choose(-1, 1)
        from mode in Gen.Elements(Mode.Major, Mode.Minor)
        from pitches in Gen.ListOf(PitchTests.Pitches.Where(p => Math.Abs(p.Alter) <= 1 && p.Octave is >= 2 and <= 6))
        from durations in Gen.ListOf(Gen.Choose(1, 8), pitches.Count)
        select new Score(
            [new Part("One", pitches.Select((p, i) => new Note(p, new Rational(i, 2), new Rational(durations[i], 4), i)))],
            [new Timed<Meter>(Rational.Zero, Meter.CommonTime)],
            [new Timed<KeySignature>(Rational.Zero, new KeySignature(fifths))],
            Key.FromFifths(fifths, mode));

    [Fact]
    public void Transpose_UpThenDown_IsIdentity()
    {
        var cases = Gen.Zip(Scores, Gen.Elements(SmallShifts)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(cases, c =>
        {
            var (score, interval) = c;
            var back = score.Transpose(interval).Transpose(-interval);
            return back.Equals(score);
        }));
    }

    [Fact]
    public void Transpose_ByOctave_KeepsKeyAndShiftsEveryMidiByTwelve()
    {
        var score = TwoParts();
        var up = score.Transpose(Interval.PerfectOctave);
        Assert.Equal(score.Key, up.Key);
        Assert.Equal(score.KeySignatures.ToArray(), up.KeySignatures.ToArray());
        Assert.Equal(score.Parts.SelectMany(p => p.Notes).Select(n => n.Pitch.Midi + 12), up.Parts.SelectMany(p => p.Notes).Select(n => n.Pitch.Midi));
    }
}
