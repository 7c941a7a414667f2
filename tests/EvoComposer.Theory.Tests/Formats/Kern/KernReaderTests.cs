using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Kern;
using EvoComposer.Theory.Music;
using static EvoComposer.Theory.Tests.Formats.Kern.KernFixtures;

namespace EvoComposer.Theory.Tests.Formats.Kern;

public class KernReaderTests
{
    private static Rational Q(string text) => Rational.Parse(text);

    [Fact]
    public void ScoreFiles_KrnExtension_UsesKernReader()
    {
        var reader = ScoreFiles.ReaderFor("chor001.krn");
        Assert.IsType<KernReader>(reader);
        Assert.Equal("kern", reader!.FormatName);
    }

    [Fact]
    public void Read_TwoSpines_PartsHighestFirstWithExactTimes()
    {
        var score = Read(
            "**kern\t**kern",
            "*I\"Bass\t*I\"Soprano",
            "4C\t4g",
            "4D\t8a",
            ".\t8b",
            "2E\t2cc",
            "*-\t*-").Score;
        Assert.Equal(["Soprano", "Bass"], score.Parts.Select(p => p.Name));
        var soprano = score.Parts[0].Notes;
        Assert.Equal(["G4", "A4", "B4", "C5"], soprano.Select(n => n.Pitch.ToString()));
        Assert.Equal([Q("0"), Q("1"), Q("3/2"), Q("2")], soprano.Select(n => n.Onset));
        Assert.Equal([Q("1"), Q("1/2"), Q("1/2"), Q("2")], soprano.Select(n => n.Duration));
        Assert.Equal(["C3", "D3", "E3"], score.Parts[1].Notes.Select(n => n.Pitch.ToString()));
        Assert.Equal(Q("4"), score.Length);
    }

    [Theory]
    [InlineData("4c", "1")]
    [InlineData("4.c", "3/2")]
    [InlineData("8..c", "7/8")]
    [InlineData("2...c", "15/4")]
    [InlineData("1c", "4")]
    [InlineData("0c", "8")]
    [InlineData("00c", "16")]
    [InlineData("0.c", "12")]
    [InlineData("3c", "4/3")]
    [InlineData("6c", "2/3")]
    [InlineData("12c", "1/3")]
    [InlineData("24c", "1/6")]
    [InlineData("5c", "4/5")]
    [InlineData("3%2c", "8/3")]
    [InlineData("9%4c", "16/9")]
    [InlineData("3%2.c", "4")]
    [InlineData("c4", "1")]
    public void Read_Durations_AreExact(string token, string quarters)
    {
        var note = Assert.Single(Read("**kern", token, "*-").Score.Parts[0].Notes);
        Assert.Equal(Q(quarters), note.Duration);
    }

    [Theory]
    [InlineData("4c", "C4")]
    [InlineData("4cc", "C5")]
    [InlineData("4ccc#", "C#6")]
    [InlineData("4C", "C3")]
    [InlineData("4CC-", "Cb2")]
    [InlineData("4AAA", "A1")]
    [InlineData("4AAAA", "A0")]
    [InlineData("4e--", "Ebb4")]
    [InlineData("4f##", "F##4")]
    [InlineData("4bn", "B4")]
    [InlineData("4B#", "B#3")]
    public void Read_Pitches_AreSpelled(string token, string pitch) =>
        Assert.Equal(Pitch.Parse(pitch), Assert.Single(Read("**kern", token, "*-").Score.Parts[0].Notes).Pitch);

    [Fact]
    public void Read_EditorialAndArticulationMarks_AreIgnored()
    {
        var notes = Read("**kern", "8.cc#LJKk'\"`~^xXyTtMmWwS$RO/\\(){}&@?:,zvu", "8ddn)", "*-").Score.Parts[0].Notes;
        Assert.Equal([Pitch.Parse("C#5"), Pitch.Parse("D5")], notes.Select(n => n.Pitch));
        Assert.Equal(Q("3/4"), notes[0].Duration);
    }

    [Fact]
    public void Read_Chord_GivesOneNotePerMember()
    {
        var notes = Read("**kern", "4c 4e 4g", "2d 2f", "*-").Score.Parts[0].Notes;
        Assert.Equal(5, notes.Length);
        Assert.Equal(3, notes.Count(n => n.Onset == Rational.Zero));
        Assert.All(notes.Where(n => n.Onset == Rational.One), n => Assert.Equal(Q("2"), n.Duration));
    }

    [Fact]
    public void Read_Rests_LeaveGaps()
    {
        var notes = Read("**kern", "4r", "4c", "2r", "4ryy", "4d", "*-").Score.Parts[0].Notes;
        Assert.Equal([Q("1"), Q("5")], notes.Select(n => n.Onset));
    }

    [Fact]
    public void Read_TiedNotes_MergeIntoOneWithFermataFromAnyPiece()
    {
        var notes = Read("**kern", "[4c", "4c_", "4c;]", "[[2d", "4d]]", "*-").Score.Parts[0].Notes;
        Assert.Equal(2, notes.Length);
        Assert.Equal(new Note(Pitch.Parse("C4"), Q("0"), Q("3"), 0, Fermata: true, TieMerged: true), notes[0]);
        Assert.Equal(new Note(Pitch.Parse("D4"), Q("3"), Q("3"), 0, Fermata: false, TieMerged: true), notes[1]);
    }

    [Fact]
    public void Read_TieInChordAcrossBarline_MergesOnlyTheTiedMember()
    {
        var result = Read("**kern", "=1", "[2c 2e", "=2", "4c] 4g", "*-");
        var notes = result.Score.Parts[0].Notes;
        Assert.Equal(3, notes.Length);
        var c = notes.Single(n => n.Pitch == Pitch.Parse("C4"));
        Assert.Equal(Q("3"), c.Duration);
        Assert.True(c.TieMerged);
        Assert.Equal(1, c.Measure);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Read_TieEndWithoutStart_IsANewNoteAndADiagnostic()
    {
        var result = Read("**kern", "4c", "4d]", "*-");
        Assert.Equal(2, result.Score.Parts[0].Notes.Length);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(3, d.Line);
        Assert.Equal(1, d.Spine);
        Assert.Contains("without a tie start", d.Message);
    }

    [Fact]
    public void Read_TieNeverClosed_KeepsWrittenLengthAndReportsIt()
    {
        var result = Read("**kern", "[4c", "4d", "*-");
        Assert.Equal(Q("1"), result.Score.Parts[0].Notes[0].Duration);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("never ends"));
    }

    [Fact]
    public void Read_Fermata_MarksNote()
    {
        var notes = Read("**kern", "4c", "4d;", "*-").Score.Parts[0].Notes;
        Assert.False(notes[0].Fermata);
        Assert.True(notes[1].Fermata);
    }

    [Fact]
    public void Read_GraceNotes_LeftOutCountedAndTakeNoTime()
    {
        var result = Read(
            "**kern\t**kern",
            "2C\t4e",
            ".\t8qf",
            ".\tqqg",
            ".\t4e",
            "*-\t*-");
        Assert.Equal(2, result.GraceNoteCount);
        var upper = result.Score.Parts[0].Notes;
        Assert.Equal([Q("0"), Q("1")], upper.Select(n => n.Onset));
        Assert.Equal(Q("2"), result.Score.Length);
    }

    [Fact]
    public void Read_SpineSplitAndJoin_SubSpineNotesBelongToParent()
    {
        var result = Read(
            "**kern\t**kern",
            "*I\"Bass\t*I\"Soprano",
            "*\t*^",
            "2C\t4g\t2e",
            ".\t4a\t.",
            "*\t*v\t*v",
            "2D\t2f",
            "*-\t*-");
        var score = result.Score;
        Assert.Equal(2, score.Parts.Length);
        Assert.Equal(["E4", "G4", "A4", "F4"], score.Parts[0].Notes.Select(n => n.Pitch.ToString()));
        Assert.Equal([Q("0"), Q("0"), Q("1"), Q("2")], score.Parts[0].Notes.Select(n => n.Onset));
        Assert.Equal(2, score.Parts[1].Notes.Length);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Read_SpineExchange_SwapsWhichPartLaterTokensBelongTo()
    {
        var score = Read(
            "**kern\t**kern",
            "*I\"Low\t*I\"High",
            "4C\t4c",
            "*x\t*x",
            "4d\t4D",
            "*-\t*-").Score;
        Assert.Equal(["High", "Low"], score.Parts.Select(p => p.Name));
        // After the exchange the left column is the part called High.
        Assert.Equal(["C4", "D4"], score.Parts[0].Notes.Select(n => n.Pitch.ToString()));
        Assert.Equal(["C3", "D3"], score.Parts[1].Notes.Select(n => n.Pitch.ToString()));
    }

    [Fact]
    public void Read_SpineAdded_BecomesANewPart()
    {
        var score = Read(
            "**kern",
            "4c",
            "*+",
            "*\t**kern",
            "4d\t4g",
            "*-\t*-").Score;
        Assert.Equal(2, score.Parts.Length);
        Assert.Equal(Pitch.Parse("G4"), Assert.Single(score.Parts[0].Notes).Pitch);
        Assert.Equal(Q("1"), score.Parts[0].Notes[0].Onset);
    }

    [Fact]
    public void Read_NonKernSpines_AreSkipped()
    {
        var score = Read(
            "**kern\t**dynam\t**text",
            "*M3/4\t*M3/4\t*",
            "4c\tp\tKy-",
            "4d\t.\t-ri-",
            "4e\t<\te",
            "*-\t*-\t*-").Score;
        var part = Assert.Single(score.Parts);
        Assert.Equal(3, part.Notes.Length);
    }

    [Fact]
    public void Read_BarlinesWithPickup_NumbersMeasuresFromZero()
    {
        var score = Read(
            "**kern",
            "*M3/4",
            "4c",
            "=1",
            "2d",
            "4e",
            "=:|!",
            "=2",
            "2.f",
            "=3",
            "2g;",
            "==",
            "*-").Score;
        Assert.Equal([0, 1, 1, 2, 3], score.Parts[0].Notes.Select(n => n.Measure));
        Assert.Equal(
            [new Measure(0, Q("0"), Q("1")), new Measure(1, Q("1"), Q("3")), new Measure(2, Q("4"), Q("3")), new Measure(3, Q("7"), Q("2"))],
            score.Measures.ToArray());
    }

    [Fact]
    public void Read_FirstBarlineAtStart_HasNoPickupMeasure()
    {
        var score = Read("**kern", "*M2/4", "=1-", "2c", "=2", "2d", "==", "*-").Score;
        Assert.Equal([new Measure(1, Q("0"), Q("2")), new Measure(2, Q("2"), Q("2"))], score.Measures.ToArray());
        Assert.Equal([1, 2], score.Parts[0].Notes.Select(n => n.Measure));
    }

    [Fact]
    public void Read_MidMeasureRepeatBarline_DoesNotStartAMeasure()
    {
        var score = Read("**kern", "*M3/4", "=7", "2c", "=:|!", "4d", "=8", "2.e", "*-").Score;
        Assert.Equal([7, 7, 8], score.Parts[0].Notes.Select(n => n.Measure));
        Assert.Equal(Q("3"), score.Measures[0].Duration);
    }

    [Fact]
    public void Read_Interpretations_GiveKeySignaturesKeyMetersAndTempos()
    {
        var score = Read(
            "**kern\t**kern",
            "*k[f#]\t*k[f#]",
            "*G:\t*G:",
            "*M3/4\t*M3/4",
            "*MM100\t*MM100",
            "2.G\t2.g",
            "*k[b-e-]\t*k[b-e-]",
            "*c:\t*c:",
            "*M4/4\t*M4/4",
            "*MM72.5\t*MM72.5",
            "1C\t1c",
            "*-\t*-").Score;
        Assert.Equal(new Key(Step.G, 0, Mode.Major), score.Key);
        Assert.Equal([new Timed<KeySignature>(Q("0"), new KeySignature(1)), new Timed<KeySignature>(Q("3"), new KeySignature(-2))], score.KeySignatures.ToArray());
        Assert.Equal([new Timed<Meter>(Q("0"), new Meter(3, 4)), new Timed<Meter>(Q("3"), new Meter(4, 4))], score.Meters.ToArray());
        Assert.Equal([new Timed<double>(Q("0"), 100), new Timed<double>(Q("3"), 72.5)], score.Tempos.ToArray());
    }

    [Theory]
    [InlineData("*e-:", Step.E, -1, Mode.Minor)]
    [InlineData("*F#:", Step.F, 1, Mode.Major)]
    [InlineData("*f:dor", Step.F, 0, Mode.Minor)]
    [InlineData("*G:mix", Step.G, 0, Mode.Major)]
    [InlineData("*A:aeo", Step.A, 0, Mode.Minor)]
    public void Read_KeyInterpretation_GivesKey(string token, Step tonic, int alter, Mode mode) =>
        Assert.Equal(new Key(tonic, alter, mode), Read("**kern", token, "4c", "*-").Score.Key);

    [Fact]
    public void Read_UnknownKey_GivesNoKey() => Assert.Null(Read("**kern", "*?:", "4c", "*-").Score.Key);

    [Fact]
    public void Read_UnknownInterpretations_AreTolerated()
    {
        var result = Read("**kern", "*clefG2", "*>A", "*met(c)", "*staff1", "*tuplet", "*M5/3", "4c", "*-");
        Assert.Single(result.Score.Parts[0].Notes);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("*M5/3"));
    }

    [Fact]
    public void Read_InstrumentCodes_NameParts()
    {
        var score = Read("**kern\t**kern\t**kern", "*Ibass\t*Itenor\t*Itenor", "4C\t4c\t4e", "*-\t*-\t*-").Score;
        Assert.Equal(["Tenor 1", "Tenor 2", "Bass"], score.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Read_FourUnnamedSpines_AreSatb()
    {
        var score = Read("**kern\t**kern\t**kern\t**kern", "4C\t4G\t4e\t4g", "*-\t*-\t*-\t*-").Score;
        Assert.Equal(["Soprano", "Alto", "Tenor", "Bass"], score.Parts.Select(p => p.Name));
        Assert.Equal(Pitch.Parse("G4"), score.Parts[0].Notes[0].Pitch);
    }

    [Fact]
    public void Read_ThreeUnnamedSpines_AreNumberedVoices()
    {
        var score = Read("**kern\t**kern\t**kern", "4C\t4G\t4e", "*-\t*-\t*-").Score;
        Assert.Equal(["Voice 1", "Voice 2", "Voice 3"], score.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Read_ReferenceRecords_BecomeMetadata()
    {
        var meta = Read(
            "!!!!SEGMENT: x.krn",
            "!!!COM: Bach, Johann Sebastian",
            "!!!OTL@@DE: Aus meines Herzens Grunde",
            "!!!OTL@EN: From the Depths of My Heart",
            "!!!SCT: BWV 269",
            "!!!YEM: Copyright 2000, CC BY-NC-SA",
            "!!!YEC: 2000 someone",
            "!! a global comment",
            "**kern",
            "! a local comment",
            "4c",
            "*-",
            "!!!ENC: Craig Sapp").Score.Metadata;
        Assert.Equal("Bach, Johann Sebastian", meta.Composer);
        Assert.Equal("Aus meines Herzens Grunde", meta.Title);
        Assert.Equal("BWV 269", meta.CatalogueNumber);
        Assert.Equal("Copyright 2000, CC BY-NC-SA", meta.Licence);
        Assert.Equal("test.krn", meta.SourceFile);
        Assert.Equal(["OTL@EN", "YEC", "ENC"], meta.References.Select(r => r.Key));
        Assert.Equal("Craig Sapp", meta.References[2].Value);
    }

    [Fact]
    public void Read_Latin1Text_IsDecodedAndReported()
    {
        byte[] bytes = [.. "!!!ASW: L"u8, 0xE9, .. "ritier\n**kern\n4c\n*-\n"u8];
        var result = new KernReader().ReadWithDiagnostics(bytes, "x.krn");
        Assert.Equal("Léritier", result.Score.Metadata.References.Single(r => r.Key == "ASW").Value);
        Assert.Contains(result.Diagnostics, d => d.Line == 1 && d.Message.Contains("Latin-1"));
    }

    [Fact]
    public void Read_CrLfAndBomAndBlankLines_AreAccepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "**kern\r\n\r\n4c\r\n4d\r\n*-\r\n"u8];
        Assert.Equal(2, new KernReader().Read(bytes, "x.krn").Parts[0].Notes.Length);
    }

    [Fact]
    public void Read_OverlappingEventInSpine_IsTolerated()
    {
        var result = Read("**kern\t**kern", "2C\t4c", "4D\t4d", "*-\t*-");
        Assert.Equal(2, result.Score.Parts[1].Notes.Length);
        Assert.Contains(result.Diagnostics, d => d.Line == 3 && d.Spine == 1 && d.Message.Contains("before the previous one"));
    }

    [Fact]
    public void Read_MissingFinalTerminator_IsAccepted() =>
        Assert.Equal(2, Read("**kern", "4c", "4d").Score.Parts[0].Notes.Length);

    [Fact]
    public void Read_RepeatedSplitsThenJoins_KeepEveryNoteInOnePart()
    {
        // Ten splits of every spine make 1,024 sub-spines; each line must then spell all of them out.
        var lines = new List<string> { "**kern\t**kern", "*I\"Low\t*I\"High" };
        int width = 1;
        for (int level = 0; level < 10; level++)
        {
            lines.Add("*\t" + string.Join("\t", Enumerable.Repeat("*^", width)));
            width *= 2;
        }
        lines.Add("1C\t" + string.Join("\t", Enumerable.Range(0, width).Select(i => i % 2 == 0 ? "4c" : "2e")));
        lines.Add(".\t" + string.Join("\t", Enumerable.Range(0, width).Select(i => i % 2 == 0 ? "4d" : ".")));
        lines.Add("*\t" + string.Join("\t", Enumerable.Repeat("*v", width)));
        lines.Add(".\t2f");
        lines.Add("*-\t*-");
        var result = Read([.. lines]);
        var high = result.Score.Parts[0];
        Assert.Equal("High", high.Name);
        Assert.Equal(width / 2 * 3 + 1, high.Notes.Length);
        Assert.Equal(new Rational(2, 1), high.Notes[^1].Onset);
        Assert.Single(result.Score.Parts[1].Notes);
    }
}
