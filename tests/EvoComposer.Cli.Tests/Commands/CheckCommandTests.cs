using EvoComposer.Tests.Shared;
using System.Text.Json;

namespace EvoComposer.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private const string Exercise = StudentExercises.Kern;

    private const string Clean = """
        **kern	**kern	**kern	**kern
        *Ibass	*Itenor	*Ialto	*Isoprn
        *k[]	*k[]	*k[]	*k[]
        *C:	*C:	*C:	*C:
        *M4/4	*M4/4	*M4/4	*M4/4
        =1	=1	=1	=1
        4C	4G	4e	4cc
        4G	4G	4d	4b
        2C	2G	2e	2cc;
        ==	==	==	==
        *-	*-	*-	*-
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Check_FileJson_FollowsTheContract()
    {
        string file = _temp.Write("exercise.krn", Exercise);
        var result = CliRunner.Run("check", file, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        var violations = root.GetProperty("violations");
        Assert.True(violations.GetArrayLength() > 0);
        var fifths = violations.EnumerateArray().First(v => v.GetProperty("rule").GetString() == "parallel-fifths");
        Assert.Equal("error", fifths.GetProperty("severity").GetString());
        Assert.Equal(1, fifths.GetProperty("measure").GetInt32());
        Assert.Equal(JsonValueKind.Number, fifths.GetProperty("beat").ValueKind);
        Assert.Equal(JsonValueKind.Number, fifths.GetProperty("onset").ValueKind);
        Assert.Equal(2, fifths.GetProperty("voices").GetArrayLength());
        Assert.Contains("parallel perfect fifths", fifths.GetProperty("message").GetString());
        int counted = root.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt32());
        Assert.Equal(violations.GetArrayLength(), counted);
        Assert.Equal("C", root.GetProperty("key").GetProperty("tonic").GetString());
    }

    [Fact]
    public void Check_FileText_GroupsByMeasureAndEndsWithCounts()
    {
        string file = _temp.Write("exercise.krn", Exercise);
        var result = CliRunner.Run("check", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("measure 1", result.Output);
        Assert.Contains("parallel-fifths", result.Output);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Matches(@"^\s+[a-z-]+\s+\d+\s+(error|warning|info)$", lines[^1]);
    }

    [Fact]
    public void Check_FailOnError_ExitsWithOne_CleanFileWithZero()
    {
        Assert.Equal(1, CliRunner.Run("check", _temp.Write("exercise.krn", Exercise), "--fail-on", "error").ExitCode);
        var clean = CliRunner.Run("check", _temp.Write("clean.krn", Clean), "--fail-on", "warning");
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("No violations", clean.Output);
    }

    [Fact]
    public void Check_BadFailOnOrRuleSet_IsOneLineAndExitTwo()
    {
        string file = _temp.Write("exercise.krn", Exercise);
        var bad = CliRunner.Run("check", file, "--fail-on", "fatal");
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.ErrorLines);

        string rules = _temp.Write("mine.json", """{ "extends": "strict", "rules": { "spacing": { "severity": "fatal" } } }""");
        var result = CliRunner.Run("check", file, "--rules", rules);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("mine.json", line);
        Assert.Contains("$.rules.spacing.severity", line);
        Assert.Contains("'fatal'", line);

        var missing = CliRunner.Run("check", file, "--rules", "lenient");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("not a preset", Assert.Single(missing.ErrorLines));
    }

    [Fact]
    public void Check_RuleSetFile_ChangesSeverityAndDisablesRules()
    {
        string file = _temp.Write("exercise.krn", Exercise);
        string rules = _temp.Write("mine.json", """{ "extends": "strict", "rules": { "parallel-fifths": { "severity": "info" }, "voice-crossing": false } }""");
        var result = CliRunner.Run("check", file, "--rules", rules, "--json");
        using var doc = JsonDocument.Parse(result.Output);
        var violations = doc.RootElement.GetProperty("violations").EnumerateArray().ToList();
        Assert.All(violations.Where(v => v.GetProperty("rule").GetString() == "parallel-fifths"), v => Assert.Equal("info", v.GetProperty("severity").GetString()));
        Assert.DoesNotContain(violations, v => v.GetProperty("rule").GetString() == "voice-crossing");
    }

    [Fact]
    public void Check_Folder_SummarisesPerRule_AndSkipsABadFile()
    {
        _temp.Write("a/exercise.krn", Exercise);
        _temp.Write("b/clean.krn", Clean);
        _temp.Write("b/broken.krn", "**kern\n4q#\n*-\n");
        var result = CliRunner.Run("check", _temp.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("per 1,000 notes", result.Output);
        Assert.Contains("parallel-fifths", result.Output);
        Assert.Contains("broken.krn: skipped:", result.Output);

        var json = CliRunner.Run("check", _temp.Path, "--json");
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(3, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("checked").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("failed").GetArrayLength());
    }

    [Fact]
    public void Check_MissingPath_IsExitTwo()
    {
        var result = CliRunner.Run("check", _temp.Path + "/nothing.krn");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Check_All370Chorales_ReportsBachsParallels()
    {
        var result = CliRunner.Run("check", TestCorpus.Path("bach-370-chorales", "kern"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal(370, doc.RootElement.GetProperty("checked").GetInt32());
        var summary = doc.RootElement.GetProperty("summary").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("per1000Notes").GetDouble());
        Assert.InRange(summary["parallel-fifths"] + summary["parallel-octaves"] + summary["contrary-fifths-octaves"], 0.5, 5);
    }

    // A four-part MusicXML exercise as a notation program exports it: C major to D minor in parallel
    // (soprano and tenor, and soprano and bass, move in fifths; tenor and bass in octaves).
    private const string MusicXmlExercise = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">
        <score-partwise version="4.0">
          <part-list><score-part id="P1"><part-name>Soprano</part-name></score-part><score-part id="P2"><part-name>Alto</part-name></score-part><score-part id="P3"><part-name>Tenor</part-name></score-part><score-part id="P4"><part-name>Bass</part-name></score-part></part-list>
          <part id="P1"><measure number="1"><attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>G</sign><line>2</line></clef></attributes><note><pitch><step>G</step><octave>4</octave></pitch><duration>2</duration><type>half</type></note><note><pitch><step>A</step><octave>4</octave></pitch><duration>2</duration><type>half</type></note><barline location="right"><bar-style>light-heavy</bar-style></barline></measure></part>
          <part id="P2"><measure number="1"><attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>G</sign><line>2</line></clef></attributes><note><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration><type>half</type></note><note><pitch><step>F</step><octave>4</octave></pitch><duration>2</duration><type>half</type></note><barline location="right"><bar-style>light-heavy</bar-style></barline></measure></part>
          <part id="P3"><measure number="1"><attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>F</sign><line>4</line></clef></attributes><note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><type>half</type></note><note><pitch><step>D</step><octave>4</octave></pitch><duration>2</duration><type>half</type></note><barline location="right"><bar-style>light-heavy</bar-style></barline></measure></part>
          <part id="P4"><measure number="1"><attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>F</sign><line>4</line></clef></attributes><note><pitch><step>C</step><octave>3</octave></pitch><duration>2</duration><type>half</type></note><note><pitch><step>D</step><octave>3</octave></pitch><duration>2</duration><type>half</type></note><barline location="right"><bar-style>light-heavy</bar-style></barline></measure></part>
        </score-partwise>
        """;

    [Fact]
    public void Check_MusicXmlFile_FindsTheParallelsBetweenTheNamedVoices()
    {
        string file = _temp.Write("exercise.musicxml", MusicXmlExercise);
        var result = CliRunner.Run("check", file, "--json", "--fail-on", "error");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var violations = doc.RootElement.GetProperty("violations").EnumerateArray().ToList();
        string[][] fifths = [.. violations.Where(v => v.GetProperty("rule").GetString() == "parallel-fifths")
            .Select(v => v.GetProperty("voices").EnumerateArray().Select(x => x.GetString()!).ToArray())];
        Assert.Equal([["soprano", "tenor"], ["soprano", "bass"]], fifths.OrderByDescending(v => v[1], StringComparer.Ordinal));
        var octaves = Assert.Single(violations, v => v.GetProperty("rule").GetString() == "parallel-octaves");
        Assert.Equal(["tenor", "bass"], octaves.GetProperty("voices").EnumerateArray().Select(v => v.GetString()));
    }
}
