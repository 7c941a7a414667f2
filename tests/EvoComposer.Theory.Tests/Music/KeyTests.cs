using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Music;

public class KeyTests
{
    [Theory]
    [InlineData(Step.C, 0, Mode.Major, 0)]
    [InlineData(Step.G, 0, Mode.Major, 1)]
    [InlineData(Step.E, 0, Mode.Minor, 1)]
    [InlineData(Step.F, 1, Mode.Minor, 3)]
    [InlineData(Step.B, -1, Mode.Major, -2)]
    [InlineData(Step.E, -1, Mode.Minor, -6)]
    [InlineData(Step.C, 1, Mode.Major, 7)]
    [InlineData(Step.C, -1, Mode.Major, -7)]
    [InlineData(Step.A, 1, Mode.Minor, 7)]
    [InlineData(Step.F, 0, Mode.Major, -1)]
    [InlineData(Step.G, 1, Mode.Major, 8)]
    public void Fifths_Key_CountsSharpsOrFlats(Step tonic, int alter, Mode mode, int fifths) =>
        Assert.Equal(fifths, new Key(tonic, alter, mode).Fifths);

    [Fact]
    public void FromFifths_AllSignaturesBothModes_RoundTrips()
    {
        for (int f = -7; f <= 7; f++)
            foreach (var mode in new[] { Mode.Major, Mode.Minor })
            {
                var key = Key.FromFifths(f, mode);
                Assert.Equal(f, key.Fifths);
                Assert.Equal(mode, key.Mode);
                Assert.Equal(f, key.Signature.Fifths);
            }
    }

    [Theory]
    [InlineData(-6, Mode.Minor, "Eb minor")]
    [InlineData(3, Mode.Major, "A major")]
    [InlineData(6, Mode.Major, "F# major")]
    [InlineData(-2, Mode.Major, "Bb major")]
    [InlineData(0, Mode.Minor, "A minor")]
    public void FromFifths_Signature_NamesTheKey(int fifths, Mode mode, string name) =>
        Assert.Equal(name, Key.FromFifths(fifths, mode).ToString());

    [Fact]
    public void Signature_RelativeKeys_ShareSignatureButDiffer()
    {
        var dMajor = new Key(Step.D, 0, Mode.Major);
        var bMinor = new Key(Step.B, 0, Mode.Minor);
        Assert.Equal(dMajor.Signature, bMinor.Signature);
        Assert.NotEqual(dMajor, bMinor);
    }

    [Theory]
    [InlineData("G", "G major")]
    [InlineData("g", "G minor")]
    [InlineData("e-", "Eb minor")]
    [InlineData("F# minor", "F# minor")]
    [InlineData("Bb major", "Bb major")]
    [InlineData("B-", "Bb major")]
    public void TryParse_Names_GiveKey(string text, string expected)
    {
        Assert.True(Key.TryParse(text, out var key));
        Assert.Equal(expected, key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("H")]
    [InlineData("G dorian")]
    [InlineData("C###")]
    public void TryParse_Garbage_ReturnsFalse(string text) => Assert.False(Key.TryParse(text, out _));

    [Fact]
    public void Constructor_TripleSharpTonic_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Key(Step.C, 3, Mode.Major));

    [Fact]
    public void TonicPitchClassAndPitch_FSharpMinor()
    {
        var key = new Key(Step.F, 1, Mode.Minor);
        Assert.Equal(6, key.TonicPitchClass);
        Assert.Equal(Pitch.Parse("F#3"), key.TonicPitch(3));
        Assert.Equal(11, new Key(Step.C, -1, Mode.Major).TonicPitchClass);
    }

    [Fact]
    public void Default_IsCMajor()
    {
        Assert.Equal(new Key(Step.C, 0, Mode.Major), default);
        Assert.Equal(0, default(KeySignature).Fifths);
    }
}

public class KeySignatureTests
{
    [Theory]
    [InlineData(2, Step.F, 1)]
    [InlineData(2, Step.C, 1)]
    [InlineData(2, Step.G, 0)]
    [InlineData(7, Step.B, 1)]
    [InlineData(6, Step.B, 0)]
    [InlineData(-3, Step.B, -1)]
    [InlineData(-3, Step.E, -1)]
    [InlineData(-3, Step.A, -1)]
    [InlineData(-3, Step.D, 0)]
    [InlineData(-7, Step.F, -1)]
    [InlineData(-6, Step.F, 0)]
    [InlineData(0, Step.F, 0)]
    public void AlterOf_Step_FollowsOrderOfSharpsAndFlats(int fifths, Step step, int alter) =>
        Assert.Equal(alter, new KeySignature(fifths).AlterOf(step));

    [Fact]
    public void AlterOf_EverySignature_CountMatchesFifths()
    {
        for (int f = -7; f <= 7; f++)
        {
            var ks = new KeySignature(f);
            Assert.Equal(f, Enum.GetValues<Step>().Sum(ks.AlterOf));
        }
    }

    [Fact]
    public void Constructor_BeyondSeven_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeySignature(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeySignature(-8));
    }

    [Theory]
    [InlineData(0, "no sharps or flats")]
    [InlineData(1, "1 sharp")]
    [InlineData(-1, "1 flat")]
    [InlineData(3, "3 sharps")]
    [InlineData(-4, "4 flats")]
    public void ToString_Describes(int fifths, string text) => Assert.Equal(text, new KeySignature(fifths).ToString());

    [Fact]
    public void ToKey_Mode_GivesMajorOrRelativeMinor()
    {
        Assert.Equal("D major", new KeySignature(2).ToKey(Mode.Major).ToString());
        Assert.Equal("B minor", new KeySignature(2).ToKey(Mode.Minor).ToString());
    }
}
