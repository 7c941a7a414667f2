using System.IO.Compression;
using System.Text;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.MusicXml;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Formats.MusicXml;

public sealed class MusicXmlReaderTests
{
    private static readonly MusicXmlReader Reader = new();

    private static Score Read(string xml) => Reader.Read(Encoding.UTF8.GetBytes(xml), "test.musicxml");

    private static string Partwise(string measuresP1, string? measuresP2 = null, string header = "") =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">
        <score-partwise version="4.0">{header}
          <part-list>
            <score-part id="P1"><part-name>Upper</part-name></score-part>
            {(measuresP2 is null ? "" : "<score-part id=\"P2\"><part-name>Lower</part-name></score-part>")}
          </part-list>
          <part id="P1">{measuresP1}</part>
          {(measuresP2 is null ? "" : $"<part id=\"P2\">{measuresP2}</part>")}
        </score-partwise>
        """;

    private static string N(string step, int octave, int duration, string extra = "", int alter = 0, string voice = "1") =>
        $"<note>{extra.Split('|')[0]}<pitch><step>{step}</step>{(alter != 0 ? $"<alter>{alter}</alter>" : "")}<octave>{octave}</octave></pitch>" +
        $"<duration>{duration}</duration>{(extra.Contains('|') ? extra.Split('|')[1] : "")}<voice>{voice}</voice>{(extra.Contains('|') ? extra.Split('|')[2] : "")}</note>";

    private const string Attributes44 = "<attributes><divisions>2</divisions><key><fifths>-1</fifths><mode>minor</mode></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>";

    [Fact]
    public void Read_ChordsRestsAndVoicesWithBackupAndForward_PlacesEveryNote()
    {
        string m1 = $"""
            <measure number="1">{Attributes44}
              {N("C", 5, 4)}{N("E", 5, 4, "<chord/>")}<note><rest/><duration>4</duration><voice>1</voice></note>
              <backup><duration>8</duration></backup>
              <forward><duration>2</duration></forward>
              {N("A", 4, 2, voice: "2")}{N("B", 4, 4, voice: "2", alter: -1)}
            </measure>
            """;
        var score = Read(Partwise(m1));
        var notes = score.Parts[0].Notes.Select(n => (n.Pitch.ToString(), n.Onset, n.Duration)).ToList();
        Assert.Equal([("C5", 0, 2), ("E5", 0, 2), ("A4", 1, 1), ("Bb4", 2, 2)], notes.Select(n => (n.Item1, (int)n.Onset.Numerator, (int)n.Duration.Numerator)));
        Assert.Equal(new Measure(1, 0, 4), score.Measures.Single());
        Assert.Equal(new Key(Step.D, 0, Mode.Minor), score.Key);
        Assert.Equal(-1, score.KeySignature.Fifths);
    }

    [Fact]
    public void Read_TiesAcrossBarlineAndChangingDivisions_MergeIntoOneNote()
    {
        string m1 = $"""<measure number="1">{Attributes44}{N("G", 4, 6)}{N("G", 4, 2, "|<tie type=\"start\"/>|<notations><tied type=\"start\"/></notations>")}</measure>""";
        string m2 = $"""<measure number="2"><attributes><divisions>6</divisions></attributes>{N("G", 4, 2, "|<tie type=\"stop\"/>|<notations><fermata/></notations>")}{N("A", 4, 4)}{N("B", 4, 18)}</measure>""";
        var notes = Read(Partwise(m1 + m2)).Parts[0].Notes;
        Assert.Equal(4, notes.Length);
        Assert.Equal(new Note(Pitch.Parse("G4"), 3, new Rational(4, 3), 1, Fermata: true, TieMerged: true), notes[1]);
        Assert.Equal(new Note(Pitch.Parse("A4"), new Rational(13, 3), new Rational(2, 3), 2), notes[2]);
        Assert.Equal((Rational)5, notes[3].Onset);
    }

    [Fact]
    public void Read_GraceNotesAndCueNotes_AreLeftOutWithoutShiftingTime()
    {
        string m1 = $"""<measure number="1">{Attributes44}<note><grace/><pitch><step>D</step><octave>5</octave></pitch><voice>1</voice></note>{N("C", 5, 4)}<note><cue/><pitch><step>F</step><octave>5</octave></pitch><duration>4</duration></note></measure>""";
        var score = Read(Partwise(m1));
        Assert.Equal(new Note(Pitch.Parse("C5"), 0, 2, 1), score.Parts[0].Notes.Single());
        Assert.Equal((Rational)4, score.Measures[0].Duration);
    }

    [Fact]
    public void Read_ImplicitFirstMeasureAndKeyAndTimeChanges_GivePickupZeroAndTimedChanges()
    {
        string p = $"""
            <measure number="1" implicit="yes">{Attributes44}{N("C", 5, 2)}</measure>
            <measure number="1">{N("D", 5, 8)}</measure>
            <measure number="2"><attributes><key><fifths>2</fifths></key><time><beats>3</beats><beat-type>4</beat-type></time></attributes>{N("E", 5, 6)}</measure>
            """;
        var score = Read(Partwise(p));
        Assert.Equal([new Measure(0, 0, 1), new Measure(1, 1, 4), new Measure(2, 5, 3)], score.Measures.ToArray());
        Assert.Equal([new Timed<Meter>(0, new Meter(4, 4)), new Timed<Meter>(5, new Meter(3, 4))], score.Meters.ToArray());
        Assert.Equal([new Timed<KeySignature>(0, new KeySignature(-1)), new Timed<KeySignature>(5, new KeySignature(2))], score.KeySignatures.ToArray());
        Assert.Equal([0, 1, 2], score.Parts[0].Notes.Select(n => n.Measure));
    }

    [Fact]
    public void Read_TwoStavesInOnePart_KeepsOnePartWithBothStaves()
    {
        string m1 = $"""
            <measure number="1"><attributes><divisions>1</divisions><staves>2</staves></attributes>
              <note><pitch><step>E</step><octave>5</octave></pitch><duration>4</duration><voice>1</voice><staff>1</staff></note>
              <backup><duration>4</duration></backup>
              <note><pitch><step>C</step><octave>3</octave></pitch><duration>4</duration><voice>5</voice><staff>2</staff></note>
            </measure>
            """;
        var score = Read(Partwise(m1));
        Assert.Single(score.Parts);
        Assert.Equal(["C3", "E5"], score.Parts[0].Notes.Select(n => n.Pitch.ToString()));
    }

    [Fact]
    public void Read_TransposingInstrument_GivesSoundingPitch()
    {
        // A clarinet in B flat: written D5 sounds C5, written F#4 sounds E4.
        string m1 = $"""<measure number="1"><attributes><divisions>1</divisions><transpose><diatonic>-1</diatonic><chromatic>-2</chromatic></transpose></attributes>{N("D", 5, 2)}{N("F", 4, 2, alter: 1)}</measure>""";
        Assert.Equal(["C5", "E4"], Read(Partwise(m1)).Parts[0].Notes.Select(n => n.Pitch.ToString()).Order());
    }

    [Fact]
    public void Read_TitleComposerLyricsAndPartOrder_AreKept()
    {
        string header = "<work><work-title>Work</work-title></work><movement-title>Movement</movement-title><identification><creator type=\"composer\">J. S. Bach</creator><creator type=\"lyricist\">M. Luther</creator></identification>";
        string lyric = "|<lyric number=\"2\"><syllabic>begin</syllabic><text>Hal</text></lyric>|";
        var score = Read(Partwise($"<measure number=\"1\">{Attributes44}{N("C", 4, 8).Replace("<voice>", lyric.Split('|')[1] + "<voice>")}</measure>",
                                  $"<measure number=\"1\">{Attributes44}{N("C", 3, 8)}</measure>", header));
        Assert.Equal("Movement", score.Metadata.Title);
        Assert.Equal("J. S. Bach", score.Metadata.Composer);
        Assert.Equal(["Upper", "Lower"], score.Parts.Select(p => p.Name));
        Assert.Equal(new Lyric(0, 2, "Hal", Syllabic.Begin), score.Parts[0].Lyrics.Single());
    }

    [Fact]
    public void Read_Timewise_GivesTheSameNotesAsPartwise()
    {
        string timewise = $"""
            <?xml version="1.0"?>
            <score-timewise version="4.0">
              <part-list><score-part id="P1"><part-name>Upper</part-name></score-part></part-list>
              <measure number="1"><part id="P1">{Attributes44}{N("C", 5, 8)}</part></measure>
              <measure number="2"><part id="P1">{N("D", 5, 8)}</part></measure>
            </score-timewise>
            """;
        var a = Read(timewise);
        var b = Read(Partwise($"<measure number=\"1\">{Attributes44}{N("C", 5, 8)}</measure><measure number=\"2\">{N("D", 5, 8)}</measure>"));
        Assert.Equal(b.Parts[0], a.Parts[0]);
        Assert.True(b.Measures.SequenceEqual(a.Measures));
    }

    [Theory]
    [InlineData("<measure number=\"3\"><attributes><divisions>0</divisions></attributes></measure>", "divisions")]
    [InlineData("<measure number=\"3\"><attributes><divisions>99999999999</divisions></attributes></measure>", "divisions")]
    [InlineData("<measure number=\"3\"><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note></measure>", "before any <divisions>")]
    [InlineData("<measure number=\"3\"><attributes><divisions>1</divisions></attributes><note><pitch><step>H</step><octave>4</octave></pitch><duration>1</duration></note></measure>", "<step>")]
    [InlineData("<measure number=\"3\"><attributes><divisions>1</divisions></attributes><note><pitch><step>C</step><alter>0.5</alter><octave>4</octave></pitch><duration>1</duration></note></measure>", "microtones")]
    [InlineData("<measure number=\"3\"><attributes><divisions>1</divisions></attributes><note><pitch><step>C</step><octave>4</octave></pitch><duration>99999999</duration></note></measure>", "absurd")]
    [InlineData("<measure number=\"3\"><attributes><divisions>1</divisions><time><beats>0</beats><beat-type>4</beat-type></time></attributes></measure>", "beats")]
    public void Read_BadValues_ThrowWithPartMeasureAndReason(string measure, string reason)
    {
        var e = Assert.Throws<ScoreFormatException>(() => Read(Partwise(measure)));
        Assert.Contains("part P1, measure 3", e.Location);
        Assert.Contains("line", e.Location);
        Assert.Contains(reason, e.Reason);
        Assert.Equal("test.musicxml", e.File);
    }

    [Fact]
    public void Read_BillionLaughs_FailsFastWithoutExpanding()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [\n<!ENTITY lol \"lol\">\n");
        sb.Append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) sb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">\n");
        sb.Append("]>\n<score-partwise><part-list/><part id=\"P1\"><measure number=\"1\"><direction><direction-type><words>&lol9;</words></direction-type></direction></measure></part></score-partwise>");
        var e = Assert.Throws<ScoreFormatException>(() => Read(sb.ToString()));
        Assert.Contains("XML", e.Reason);
    }

    [Fact]
    public void Read_ExternalEntity_IsNeverFetched()
    {
        string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" +
                     "<score-partwise><part-list><score-part id=\"P1\"><part-name>&xxe;</part-name></score-part></part-list><part id=\"P1\"/></score-partwise>";
        var e = Assert.Throws<ScoreFormatException>(() => Read(xml));
        Assert.DoesNotContain("root:", e.Message);
    }

    [Fact]
    public void Read_BlankLinesBeforeTheXmlDeclaration_AreSkipped()
    {
        var score = Read("\n  \n" + Partwise($"<measure number=\"1\">{Attributes44}{N("C", 5, 8)}</measure>"));
        Assert.Equal("C5", score.Parts[0].Notes.Single().Pitch.ToString());
    }

    [Fact]
    public void Read_NotMusicXml_SaysWhatTheRootIs()
    {
        var e = Assert.Throws<ScoreFormatException>(() => Read("<html><body/></html>"));
        Assert.Contains("<html>", e.Reason);
        Assert.Throws<ScoreFormatException>(() => Read("this is not xml"));
    }

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
            foreach (var (name, data) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(data);
            }
        return ms.ToArray();
    }

    [Fact]
    public void Read_MxlWithContainer_ReadsTheRootfile()
    {
        byte[] score = Encoding.UTF8.GetBytes(Partwise($"<measure number=\"1\">{Attributes44}{N("C", 5, 8)}</measure>"));
        byte[] container = Encoding.UTF8.GetBytes("<container><rootfiles><rootfile full-path=\"music/s.xml\"/></rootfiles></container>");
        var s = Reader.Read(Zip(("META-INF/container.xml", container), ("music/s.xml", score), ("other.xml", "<x/>"u8.ToArray())), "a.mxl");
        Assert.Equal("C5", s.Parts[0].Notes.Single().Pitch.ToString());
    }

    [Fact]
    public void Read_MxlNamingAMissingRootfile_SaysSo()
    {
        byte[] container = Encoding.UTF8.GetBytes("<container><rootfiles><rootfile full-path=\"gone.xml\"/></rootfiles></container>");
        var e = Assert.Throws<ScoreFormatException>(() => Reader.Read(Zip(("META-INF/container.xml", container)), "a.mxl"));
        Assert.Contains("gone.xml", e.Reason);
    }

    [Fact]
    public void Read_ZipBomb_StopsAtTheSizeCap()
    {
        // 80 MiB of zeros compress to about 80 KiB: more than the cap once unpacked.
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            using var s = zip.CreateEntry("bomb.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 80; i++) s.Write(zeros);
        }
        var e = Assert.Throws<ScoreFormatException>(() => Reader.Read(ms.ToArray(), "bomb.mxl"));
        Assert.Contains("bytes", e.Reason);
    }

    [Fact]
    public void Read_DamagedFiles_OnlyEverThrowScoreFormatException()
    {
        var valid = new Score([new Part("V", [new Note(Pitch.Parse("C4"), 0, 1, 1), new Note(Pitch.Parse("E4"), 1, 3, 1, true)])],
            [new(0, Meter.CommonTime)], [new(0, new KeySignature(2))]);
        using var plainStream = new MemoryStream();
        MusicXmlWriter.Write(valid, plainStream, compressed: false);
        using var zipStream = new MemoryStream();
        MusicXmlWriter.Write(valid, zipStream, compressed: true);
        byte[][] originals = [plainStream.ToArray(), zipStream.ToArray()];
        var gen = from which in Gen.Choose(0, 1)
                  from edits in Gen.ListOf(Gen.Zip(Gen.Choose(0, 1 << 20), Gen.Choose(0, 255)))
                  from cut in Gen.Choose(0, 100)
                  select (which, edits, cut);
        var property = Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var bytes = (byte[])originals[t.which].Clone();
            foreach (var (pos, value) in t.edits) bytes[pos % bytes.Length] = (byte)value;
            if (t.cut < 20) bytes = bytes[..(bytes.Length * t.cut / 20)];
            try { Reader.Read(bytes, "damaged"); }
            catch (ScoreFormatException) { }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void ScoreFiles_MusicXmlExtensions_AreRegistered()
    {
        foreach (string ext in new[] { ".musicxml", ".xml", ".mxl" })
            Assert.Equal("musicxml", ScoreFiles.ReaderFor("x" + ext)?.FormatName);
    }
}
