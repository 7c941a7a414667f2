using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;
using Interval = EvoComposer.Theory.Music.Interval;

namespace EvoComposer.Theory.Tests.Music;

public class PitchTests
{
    internal static readonly Gen<Pitch> Pitches =
        from step in Gen.Elements(Enum.GetValues<Step>())
        from alter in Gen.Choose(-2, 2)
        from octave in Gen.Choose(1, 8)
        select new Pitch(step, alter, octave);

    [Fact]
    public void Midi_CSharp4AndDFlat4_SameNumberButDifferentPitches()
    {
        var cSharp = Pitch.Parse("C#4");
        var dFlat = Pitch.Parse("Db4");
        Assert.Equal(61, cSharp.Midi);
        Assert.Equal(cSharp.Midi, dFlat.Midi);
        Assert.NotEqual(cSharp, dFlat);
        Assert.True(cSharp != dFlat);
    }

    [Fact]
    public void CompareTo_EnharmonicPitches_OrderedByDiatonicPositionAndNeverZero()
    {
        var cSharp = Pitch.Parse("C#4");
        var dFlat = Pitch.Parse("Db4");
        Assert.True(cSharp < dFlat);
        Assert.True(dFlat > cSharp);
        Assert.NotEqual(0, cSharp.CompareTo(dFlat));
        Assert.Equal(-Math.Sign(cSharp.CompareTo(dFlat)), Math.Sign(dFlat.CompareTo(cSharp)));
    }

    [Fact]
    public void CompareTo_RandomPairs_ZeroExactlyWhenEqualAndConsistentWithMidi()
    {
        var pairs = Gen.Zip(Pitches, Pitches).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(pairs, pair =>
        {
            var (a, b) = pair;
            int c = a.CompareTo(b);
            bool consistentWithEquality = (c == 0) == a.Equals(b) && (!a.Equals(b) || a.GetHashCode() == b.GetHashCode());
            bool antisymmetric = Math.Sign(c) == -Math.Sign(b.CompareTo(a));
            bool midiFirst = a.Midi == b.Midi || Math.Sign(c) == Math.Sign(a.Midi.CompareTo(b.Midi));
            return consistentWithEquality && antisymmetric && midiFirst;
        }));
    }

    [Fact]
    public void Midi_BSharp3_SoundsAsMiddleC()
    {
        var bSharp = new Pitch(Step.B, 1, 3);
        Assert.Equal(60, bSharp.Midi);
        Assert.Equal(3, bSharp.Octave);
        Assert.Equal(0, bSharp.PitchClass);
    }

    [Theory]
    [InlineData("C4", "M3", "E4")]
    [InlineData("C#4", "m3", "E4")]
    [InlineData("B3", "m2", "C4")]
    [InlineData("E4", "A4", "A#4")]
    [InlineData("Db4", "A4", "G4")]
    [InlineData("F#4", "d5", "C5")]
    [InlineData("C4", "-M2", "Bb3")]
    [InlineData("C4", "P12", "G5")]
    [InlineData("G4", "-P5", "C4")]
    public void Transpose_SpelledInterval_KeepsSpelling(string from, string interval, string expected)
    {
        var result = Pitch.Parse(from).Transpose(Interval.Parse(interval));
        Assert.Equal(Pitch.Parse(expected), result);
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Transpose_UpThenDown_IsIdentity()
    {
        var cases = Gen.Zip(Pitches, Gen.Zip(Pitches, Pitches).Select(p => Interval.Between(p.Item1, p.Item2)))
            .Where(c => TryTranspose(c.Item1, c.Item2, out _))
            .ToArbitrary();
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll(cases, c =>
        {
            var (pitch, interval) = c;
            TryTranspose(pitch, interval, out var up);
            return up.Transpose(interval.Inverse) == pitch && up.Midi - pitch.Midi == interval.Semitones
                && Interval.Between(pitch, up) == interval;
        }));
    }

    private static bool TryTranspose(Pitch pitch, Interval interval, out Pitch result)
    {
        result = default;
        int octave = (int)Math.Floor((pitch.DiatonicIndex + interval.DiatonicSteps) / 7.0);
        if (octave < -1 || octave > 10) return false;
        try { result = pitch.Transpose(interval); return true; }
        catch (ArgumentOutOfRangeException) { return false; }
    }

    [Theory]
    [InlineData("C4", 60)]
    [InlineData("A4", 69)]
    [InlineData("Cb4", 59)]
    [InlineData("E##5", 78)]
    [InlineData("C-1", 0)]
    [InlineData("G9", 127)]
    public void Parse_Text_GivesMidiAndRoundTrips(string text, int midi)
    {
        var p = Pitch.Parse(text);
        Assert.Equal(midi, p.Midi);
        Assert.Equal(text, p.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("H4")]
    [InlineData("C")]
    [InlineData("C####4")]
    [InlineData("C11")]
    [InlineData("C#x")]
    public void TryParse_Garbage_ReturnsFalse(string text)
    {
        Assert.False(Pitch.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Pitch.Parse(text));
    }

    [Fact]
    public void Constructor_AlterOrOctaveOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pitch(Step.C, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pitch(Step.C, 0, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pitch(Step.C, 0, -2));
    }

    [Theory]
    [InlineData(61, 0, "C#4")]
    [InlineData(61, -1, "Db4")]
    [InlineData(70, 2, "A#4")]
    [InlineData(70, -3, "Bb4")]
    [InlineData(60, -1, "C4")]
    public void FromMidi_KeySignatureDirection_ChoosesSharpsOrFlats(int midi, int fifths, string expected)
    {
        var p = Pitch.FromMidi(midi, fifths);
        Assert.Equal(expected, p.ToString());
        Assert.Equal(midi, p.Midi);
    }

    [Fact]
    public void FromDiatonicIndex_NegativeIndex_FloorsOctave()
    {
        var p = Pitch.FromDiatonicIndex(-1, 0);
        Assert.Equal(new Pitch(Step.B, 0, -1), p);
        Assert.Equal(-1, p.DiatonicIndex);
    }

    [Fact]
    public void Default_IsCMinus1()
    {
        Assert.Equal(new Pitch(Step.C, 0, -1), default(Pitch));
        Assert.Equal(0, default(Pitch).Midi);
    }
}
