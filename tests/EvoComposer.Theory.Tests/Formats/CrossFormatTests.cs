using System.Text;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Abc;
using EvoComposer.Theory.Formats.Kern;
using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Formats.MusicXml;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats;

/// <summary>
/// One short melody (3/4, G major, a pickup, a dotted rhythm, a tie across the barline, an F sharp from the key
/// signature and a fermata), written by hand in kern, ABC, MusicXML and MIDI, reads to the same notes.
/// </summary>
public sealed class CrossFormatTests
{
    private const string Kern = """
        **kern
        *M3/4
        *k[f#]
        *G:
        4d
        =1
        4.g
        8a
        4b
        =2
        4cc
        4b
        [4a
        =3
        8a]
        8g
        4f#
        4g;
        ==
        *-

        """;

    private const string Abc = """
        X:1
        T:Cross
        M:3/4
        L:1/8
        K:G
        D2 | G3 A B2 | c2 B2 A2- | A G F2 !fermata!G2 |]

        """;

    private static string MusicXml()
    {
        static string N(string step, int octave, int duration, string extra = "", int alter = 0) =>
            $"<note><pitch><step>{step}</step>{(alter != 0 ? $"<alter>{alter}</alter>" : "")}<octave>{octave}</octave></pitch><duration>{duration}</duration>{extra}</note>";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <score-partwise version="4.0">
              <part-list><score-part id="P1"><part-name>Melody</part-name></score-part></part-list>
              <part id="P1">
                <measure number="0" implicit="yes">
                  <attributes><divisions>2</divisions><key><fifths>1</fifths></key><time><beats>3</beats><beat-type>4</beat-type></time></attributes>
                  {N("D", 4, 2)}
                </measure>
                <measure number="1">{N("G", 4, 3)}{N("A", 4, 1)}{N("B", 4, 2)}</measure>
                <measure number="2">{N("C", 5, 2)}{N("B", 4, 2)}{N("A", 4, 2, "<tie type=\"start\"/>")}</measure>
                <measure number="3">{N("A", 4, 1, "<tie type=\"stop\"/>")}{N("G", 4, 1)}{N("F", 4, 2, alter: 1)}{N("G", 4, 2, "<notations><fermata/></notations>")}</measure>
              </part>
            </score-partwise>
            """;
    }

    // Format 0, 480 ticks per quarter: time signature 3/4, key signature 1 sharp, then the ten notes on channel 1.
    private const string MidiHex =
        "4d546864000000060000000101e04d54726b0000006c00ff58040302180800ff5902010000903e508360803e0000904350855080430000" +
        "904550817080450000904750836080470000904850836080480000904750836080470000904550855080450000904350817080430000" +
        "904250836080420000904350836080430000ff2f00";

    private static readonly (int Midi, Rational Onset, Rational Duration)[] Expected =
    [
        (62, 0, 1), (67, 1, new(3, 2)), (69, new(5, 2), new(1, 2)), (71, 3, 1), (72, 4, 1), (71, 5, 1),
        (69, 6, new(3, 2)), (67, new(15, 2), new(1, 2)), (66, 8, 1), (67, 9, 1),
    ];

    private static (int, Rational, Rational)[] Notes(Score s) =>
        s.Parts.Single().Notes.Select(n => (n.Pitch.Midi, n.Onset, n.Duration)).ToArray();

    public static TheoryData<string> Formats => new() { "kern", "abc", "musicxml", "mxl-written", "midi", "midi-written" };

    private static Score ReadIn(string format) => format switch
    {
        "kern" => new KernReader().Read(Encoding.UTF8.GetBytes(Kern), "melody.krn"),
        "abc" => new AbcReader().Read(Encoding.UTF8.GetBytes(Abc), "melody.abc"),
        "musicxml" => new MusicXmlReader().Read(Encoding.UTF8.GetBytes(MusicXml()), "melody.musicxml"),
        "midi" => new MidiScoreReader().Read(Convert.FromHexString(MidiHex), "melody.mid"),
        // Our own writers, fed by the kern version.
        "mxl-written" => WrittenMxl(),
        "midi-written" => new MidiScoreReader().Read(MidiScoreWriter.Write(ReadIn("kern")), "written.mid"),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static Score WrittenMxl()
    {
        using var stream = new MemoryStream();
        MusicXmlWriter.Write(ReadIn("kern"), stream, compressed: true);
        return new MusicXmlReader().Read(stream.ToArray(), "written.mxl");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_SameMelodyInEachFormat_GivesTheSameNotes(string format)
    {
        var score = ReadIn(format);
        Assert.Equal(Expected, Notes(score));
        Assert.Equal(new Meter(3, 4), score.Meter);
        Assert.Equal(1, score.KeySignature.Fifths);
    }

    [Theory]
    [InlineData("kern")]
    [InlineData("abc")]
    [InlineData("musicxml")]
    public void Read_NotationFormats_AgreeOnSpellingMeasuresAndFermata(string format)
    {
        var score = ReadIn(format);
        var notes = score.Parts.Single().Notes;
        Assert.Equal("F#4", notes[8].Pitch.ToString());
        Assert.Equal([0, 1, 1, 1, 2, 2, 2, 3, 3, 3], notes.Select(n => n.Measure));
        Assert.True(notes[9].Fermata, $"{format}: fermata on the last note");
        Assert.True(notes[6].TieMerged, $"{format}: the tied A is one merged note");
    }
}
