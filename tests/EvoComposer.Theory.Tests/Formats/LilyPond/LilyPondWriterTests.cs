using EvoComposer.Theory.Formats.LilyPond;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.LilyPond;

public sealed class LilyPondWriterTests
{
    private static Note N(string pitch, string onset, string duration, bool fermata = false) =>
        new(Pitch.Parse(pitch), Rational.Parse(onset), Rational.Parse(duration), Fermata: fermata);

    private static Score Score(Meter meter, IEnumerable<Measure>? measures = null, Key? key = null, params Part[] parts) =>
        new(parts, [new Timed<Meter>(Rational.Zero, meter)], [new Timed<KeySignature>(Rational.Zero, key?.Signature ?? new KeySignature(0))], key, measures);

    /// <summary>The music of the first staff, whitespace collapsed.</summary>
    private static string Music(string ly)
    {
        int start = ly.IndexOf("\\clef", StringComparison.Ordinal);
        int end = ly.IndexOf("\\bar \"|.\"", start, StringComparison.Ordinal);
        return string.Join(" ", ly[start..end].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("C4", "c'")]
    [InlineData("C3", "c")]
    [InlineData("G2", "g,")]
    [InlineData("F#5", "fis''")]
    [InlineData("Bb3", "bes")]
    [InlineData("Eb4", "es'")]
    [InlineData("Ab4", "as'")]
    [InlineData("C##4", "cisis'")]
    [InlineData("Dbb4", "deses'")]
    public void PitchName_SpelledPitch_IsDutchNameInAbsoluteOctave(string pitch, string expected) =>
        Assert.Equal(expected, LilyPondWriter.PitchName(Pitch.Parse(pitch)));

    [Theory]
    [InlineData("1", new[] { "4" })]
    [InlineData("3/2", new[] { "4." })]
    [InlineData("7/4", new[] { "4.." })]
    [InlineData("5/4", new[] { "4", "16" })]
    [InlineData("4", new[] { "1" })]
    [InlineData("8", new[] { "\\breve" })]
    [InlineData("1/3", new[] { "8*2/3" })]
    [InlineData("2/3", new[] { "4*2/3" })]
    public void Values_Length_SplitsIntoWrittenValues(string length, string[] expected) =>
        Assert.Equal(expected, LilyPondWriter.Values(Rational.Parse(length)));

    [Fact]
    public void Write_NoteAcrossBarline_IsSplitAndTied()
    {
        var score = Score(Meter.CommonTime, parts: new Part("Soprano", [N("G4", "0", "3"), N("A4", "3", "3"), N("B4", "6", "2", fermata: true)]));

        string music = Music(LilyPondWriter.Write(score));

        Assert.Equal("\\clef \"treble\" \\time 4/4 \\key c \\major g'2. a'4~ | a'2 b'2\\fermata", music);
    }

    [Fact]
    public void Write_PickupAndRests_WritesPartialAndRests()
    {
        var score = Score(new Meter(3, 4), [new Measure(0, Rational.Zero, Rational.One), new Measure(1, Rational.One, 3)],
            new Key(Step.G, 0, Mode.Major), new Part("Bass", [N("G2", "0", "1"), N("D3", "2", "1")]));

        string music = Music(LilyPondWriter.Write(score));

        Assert.Equal("\\clef \"bass\" \\time 3/4 \\key g \\major \\partial 4 g,4 | r4 d4 r4", music);
    }

    [Fact]
    public void Write_MinorKeyAndMetadata_WritesKeyModeAndEscapedHeader()
    {
        var score = Score(Meter.CommonTime, key: new Key(Step.F, 1, Mode.Minor), parts: new Part("Alto", [N("F#4", "0", "4")]))
            .WithMetadata(new ScoreMetadata { Title = "A \"quoted\" title", Composer = "Bach", CatalogueNumber = "BWV 1" });

        string ly = LilyPondWriter.Write(score);

        Assert.Contains("\\key fis \\minor", ly);
        Assert.Contains("title = \"A \\\"quoted\\\" title\"", ly);
        Assert.Contains("opus = \"BWV 1\"", ly);
        Assert.Contains("instrumentName = \"Alto\"", ly);
        Assert.StartsWith($"\\version \"{LilyPondWriter.Version}\"", ly);
    }

    [Fact]
    public void Write_Chord_WritesAngleBrackets()
    {
        var score = Score(Meter.CommonTime, parts: new Part("Piano", [N("E4", "0", "4"), N("C4", "0", "4"), N("G4", "0", "4")]));

        Assert.Contains("<c' e' g'>1", LilyPondWriter.Write(score));
    }

    [Fact]
    public void Write_TwoStavesWithFourParts_PutsSopranoAltoAboveAndTenorBassBelow()
    {
        var score = Score(Meter.CommonTime, parts:
        [
            new Part("Soprano", [N("E5", "0", "4")]), new Part("Alto", [N("G4", "0", "4")]),
            new Part("Tenor", [N("C4", "0", "4")]), new Part("Bass", [N("C3", "0", "4")]),
        ]);

        string ly = LilyPondWriter.Write(score, LilyPondWriter.Layout.TwoStaves);

        Assert.Contains("\\new ChoirStaff", ly);
        Assert.Equal(2, ly.Split("\\new Staff").Length - 1);
        int treble = ly.IndexOf("\\clef \"treble\"", StringComparison.Ordinal), bass = ly.IndexOf("\\clef \"bass\"", StringComparison.Ordinal);
        Assert.True(treble >= 0 && bass > treble);
        Assert.True(ly.IndexOf("e''1", StringComparison.Ordinal) is var s && s > treble && s < ly.IndexOf("g'1", StringComparison.Ordinal));
        Assert.True(ly.IndexOf("c'1", StringComparison.Ordinal) > bass);
        Assert.Equal(2, ly.Split("\\voiceOne").Length - 1);
        Assert.Equal(2, ly.Split("\\voiceTwo").Length - 1);
    }

    [Fact]
    public void Write_TwoStavesWithThreeParts_FallsBackToOneStaffEach()
    {
        var score = Score(Meter.CommonTime, parts: [new Part("A", [N("C5", "0", "4")]), new Part("B", [N("C4", "0", "4")]), new Part("C", [N("C3", "0", "4")])]);

        string ly = LilyPondWriter.Write(score, LilyPondWriter.Layout.TwoStaves);

        Assert.Equal(3, ly.Split("\\new Staff").Length - 1);
        Assert.DoesNotContain("\\voiceOne", ly);
    }

    [Theory]
    [InlineData("Soprano", "C4 E4", "treble")]
    [InlineData("Cantus", "C4 E4", "treble")]
    [InlineData("Alto", "A3 C4", "treble")]
    [InlineData("Tenor 2", "G3 A4", "treble_8")]
    [InlineData("Bass", "C3 D4", "bass")]
    [InlineData("Voice", "G4 C6", "treble")]
    [InlineData("Voice", "E2 G3", "bass")]
    [InlineData("Voice", "E3 F4", "treble_8")]
    public void Clef_PartNameOrRange_ChoosesTheUsualClef(string name, string pitches, string expected)
    {
        var part = new Part(name, pitches.Split(' ').Select((p, i) => N(p, i.ToString(), "1")));

        Assert.Equal(expected, LilyPondWriter.Clef(part));
    }
}
