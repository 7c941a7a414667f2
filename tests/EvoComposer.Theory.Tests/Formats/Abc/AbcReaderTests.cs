using System.Text;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Abc;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace EvoComposer.Theory.Tests.Formats.Abc;

public sealed class AbcReaderTests(ITestOutputHelper output)
{
    private static readonly AbcReader Reader = new();

    private static Score Read(string abc) => Reader.Read(Encoding.UTF8.GetBytes(abc), "test.abc");

    private static string Tune(string body, string key = "C", string meter = "4/4", string unit = "1/4") =>
        $"X:1\nT:Test\nM:{meter}\nL:{unit}\nK:{key}\n{body}\n";

    private static List<(string Pitch, Rational Onset, Rational Duration)> Notes(Score s) =>
        s.Parts.Single().Notes.Select(n => (n.Pitch.ToString(), n.Onset, n.Duration)).ToList();

    [Fact]
    public void Read_OctavesAndLengths_GiveSpelledPitchesAndExactDurations()
    {
        var notes = Notes(Read(Tune("C, C c c' | A2 A/2 A3/2 A/ A// z A|", unit: "1/8")));
        Assert.Equal(["C3", "C4", "C5", "C6", "A4", "A4", "A4", "A4", "A4", "A4"], notes.Select(n => n.Pitch));
        Rational[] durations = [new(1, 2), new(1, 2), new(1, 2), new(1, 2), 1, new(1, 4), new(3, 4), new(1, 4), new(1, 8), new(1, 2)];
        Assert.Equal(durations, notes.Select(n => n.Duration));
        Assert.Equal(new Rational(39, 8), notes[^1].Onset); // 35/8 and a rest of 1/2
    }

    [Fact]
    public void Read_AccidentalsCarryToTheEndOfTheBarForTheSameNote()
    {
        var notes = Notes(Read(Tune("^F F f =F | F _B B ^^c", key: "G")));
        Assert.Equal(["F#4", "F#4", "F#5", "F4", "F#4", "Bb4", "Bb4", "C##5"], notes.Select(n => n.Pitch));
    }

    [Theory]
    [InlineData("G", 1, Mode.Major)]
    [InlineData("Dm", -1, Mode.Minor)]
    [InlineData("F# minor", 3, Mode.Minor)]
    [InlineData("Bb", -2, Mode.Major)]
    [InlineData("Es", -3, Mode.Major)]
    [InlineData("H", 5, Mode.Major)]
    [InlineData("Ador", 1, null)]
    [InlineData("G mixolydian", 0, null)]
    [InlineData("D Dorian", 0, null)]
    [InlineData("E phr", 0, null)]
    [InlineData("F lyd", 0, null)]
    public void Read_KeysAndModes_GiveSignatureAndKey(string k, int fifths, Mode? mode)
    {
        var score = Read(Tune("C", key: k));
        Assert.Equal(fifths, score.KeySignature.Fifths);
        Assert.Equal(mode, score.Key?.Mode);
    }

    [Fact]
    public void Read_TiesAcrossBarline_MergeAndKeepTheAccidental()
    {
        var score = Read(Tune("z3 ^c- | c2 d2 |"));
        var tied = score.Parts[0].Notes[0];
        Assert.Equal(new Note(Pitch.Parse("C#5"), 3, 3, 1, TieMerged: true), tied);
        Assert.Equal(2, score.Parts[0].Notes.Length);
    }

    [Fact]
    public void Read_BrokenRhythmTripletsAndChords_LayOutExactly()
    {
        var notes = Notes(Read(Tune("A>B c<d | (3efg [CEG]2 | A>>B", unit: "1/8")));
        Rational[] onsets = [0, new(3, 4), 1, new(5, 4), 2, new(7, 3), new(8, 3), 3, 3, 3, 4, new(39, 8)];
        Assert.Equal(onsets, notes.Select(n => n.Onset));
        Assert.Equal(new Rational(1, 3), notes[4].Duration);
        Assert.Equal(["C4", "E4", "G4"], notes.Skip(7).Take(3).Select(n => n.Pitch));
        Assert.Equal(new Rational(7, 8), notes[10].Duration);
    }

    [Fact]
    public void Read_IgnoredMarkup_DoesNotChangeTheNotes()
    {
        var plain = Notes(Read(Tune("G A B c | d4 |]")));
        var marked = Notes(Read(Tune("\"G\"G !trill!A {/c}B .c % comment\n|: ~d4 :|")));
        Assert.Equal(plain, marked);
    }

    [Fact]
    public void Read_ShortFirstBar_IsPickupMeasureZero()
    {
        var score = Read(Tune("G | c2 c2 | d4 |"));
        Assert.Equal([new Measure(0, 0, 1), new Measure(1, 1, 4), new Measure(2, 5, 4)], score.Measures.ToArray());
        Assert.Equal([0, 1, 1, 2], score.Parts[0].Notes.Select(n => n.Measure));
    }

    [Fact]
    public void Read_LineEndingWithAFullMeasure_CountsAsBarLine()
    {
        // As in the Essen collection: "d4d4" ends a full 4/2 measure at the line end, without a bar line.
        var score = Read(Tune("G2 | _B2B2c2c2 | d4d4\nz2B4d2 | c8 |", key: "G", meter: "4/2"));
        Assert.Equal([0, 1, 2, 3, 4], score.Measures.Select(m => m.Number));
        Assert.All(score.Measures.Skip(1), m => Assert.Equal((Rational)8, m.Duration));
        Assert.Equal("B4", score.Parts[0].Notes[^3].Pitch.ToString()); // the flat ended with the implicit bar
        // A line end inside a measure is not a bar line.
        Assert.Equal(2, Read(Tune("c2\nc2 | d4 |")).Measures.Length);
    }

    [Fact]
    public void Read_MeterAndKeyChangeInsideTheTune_AreTimed()
    {
        var score = Read(Tune("c4 |\nM:3/4\nK:D\nf3 | [K:F] B3 |"));
        Assert.Equal([new Timed<Meter>(0, new Meter(4, 4)), new Timed<Meter>(4, new Meter(3, 4))], score.Meters.ToArray());
        Assert.Equal([0, 2, -1], score.KeySignatures.Select(k => k.Value.Fifths));
        Assert.Equal(["C5", "F#5", "Bb4"], Notes(score).Select(n => n.Pitch));
    }

    [Fact]
    public void Read_HeaderFields_GoToMetadata()
    {
        var score = Read("X:7\nT:First\nT:Second\nC:Trad.\nO:Europa, Deutschland\nM:2/4\nL:1/8\nK:G\nGA|\n");
        Assert.Equal("First", score.Metadata.Title);
        Assert.Equal("Trad.", score.Metadata.Composer);
        Assert.Contains(new KeyValuePair<string, string>("O", "Europa, Deutschland"), score.Metadata.References);
        Assert.Equal("Melody", score.Parts.Single().Name);
    }

    [Fact]
    public void ReadAll_SeveralTunes_ReportsEachWithNumberTitleAndFailures()
    {
        string text = "%abc-2.1\n\nX:1\nT:One\nK:C\nCDE|\n\nX:2\nT:Two\nK:C\nC 4D|\n\nX:3\nT:Three\nK:G\nF|\n";
        var tunes = AbcReader.ReadAll(Encoding.UTF8.GetBytes(text), "book.abc");
        Assert.Equal([1, 2, 3], tunes.Select(t => t.Number));
        Assert.Equal(["One", "Two", "Three"], tunes.Select(t => t.Title));
        Assert.NotNull(tunes[0].Score);
        Assert.Null(tunes[1].Score);
        Assert.Contains("tune X:2, line 11", tunes[1].Error!.Location);
        Assert.Contains("'4'", tunes[1].Error!.Reason);
        Assert.Equal("F#4", tunes[2].Score!.Parts[0].Notes[0].Pitch.ToString());
        Assert.Equal("One", Reader.Read(Encoding.UTF8.GetBytes(text), "book.abc").Metadata.Title);
    }

    [Theory]
    [InlineData("X:1\nT:t\nK:Q\nC|", "K:")]
    [InlineData("X:1\nT:t\nM:3/5\nK:C\nC|", "M:")]
    [InlineData("X:1\nT:t\nK:C\nC [CE|", "chord")]
    [InlineData("X:1\nT:t\nK:C\nz4|", "no notes")]
    [InlineData("X:1\nT:t\nC D|", "K:")]
    [InlineData("X:1\nT:t\nK:C\nV:1\nC D|\nV:2\nE F|", "voices")]
    [InlineData("X:1\nT:t\nK:C\nA C/0 D|", "divided by 0")] // found by the random-text property (replay seed 15985150730038386785,14473640278048657077,27)
    public void Read_BadTunes_ThrowWithTuneAndReason(string abc, string reason)
    {
        var e = Assert.Throws<ScoreFormatException>(() => Read(abc));
        Assert.Contains("tune X:1", e.Location);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void ReadAll_EssenCollection_ReadsAlmostEveryTuneAndReportsTheRest()
    {
        var files = Directory.GetFiles(TestCorpus.Path("essen-folksongs"), "*.abc").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(27, files.Count);
        int read = 0, failed = 0, declared = 0;
        foreach (string file in files)
        {
            declared += File.ReadLines(file).Count(l => l.StartsWith("X:", StringComparison.Ordinal));
            foreach (var tune in AbcReader.ReadAll(file))
            {
                if (tune.Score is { } s)
                {
                    read++;
                    Assert.True(s.NoteCount > 0);
                }
                else
                {
                    failed++;
                    output.WriteLine(tune.Error!.Message);
                    Assert.Contains($"tune X:{tune.Number}", tune.Error.Location);
                }
            }
        }
        output.WriteLine($"{read} tunes read, {failed} failed, of {declared} X: fields");
        Assert.Equal(declared, read + failed);
        Assert.True(declared > 6700);
        Assert.True(failed <= 10, $"{failed} tunes failed");
        var first = AbcReader.ReadAll(TestCorpus.Path("essen-folksongs", "ballad10.abc"))[0].Score!;
        Assert.Equal("Das juengere Hildebrandslied", first.Metadata.Title);
        Assert.Equal(["G4", "Bb4", "Bb4", "C5"], first.Parts[0].Notes.Take(4).Select(n => n.Pitch.ToString()));
    }

    [Fact]
    public void Read_RandomText_OnlyEverGivesTunesOrScoreFormatException()
    {
        // Bodies from the characters ABC uses, after a valid header: every tune reads or fails with a reason.
        var chars = Gen.Elements("ABCDEFGabcdefgzxZ^_=,'/0123456789|:[]()<>-{}\"!+.~HTuv %\nK:M:L:3 ".ToCharArray());
        var property = Prop.ForAll(Gen.ArrayOf(chars).Select(c => new string(c)).ToArbitrary(), body =>
        {
            string text = "X:1\nT:t\nM:6/8\nL:1/8\nK:D\n" + body + "\n\nX:2\nK:C\n" + body;
            try { Reader.Read(Encoding.UTF8.GetBytes(text), "random.abc"); }
            catch (ScoreFormatException) { }
            Assert.Equal(2, AbcReader.ReadAll(Encoding.UTF8.GetBytes(text), "random.abc").Count);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void ScoreFiles_AbcExtension_IsRegistered() => Assert.Equal("abc", ScoreFiles.ReaderFor("song.abc")?.FormatName);
}
