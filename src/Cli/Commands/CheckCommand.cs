using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;
using Spectre.Console;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer check FILE|DIR [--rules PRESET|FILE] [--json] [--fail-on error|warning|info]</c>: checks part
/// writing against a rule set. A file: violations grouped by measure with explanations, then a count per rule
/// (JSON as in ARCHITECTURE.md, with notes, key and cadences added). A folder: every score below it, a summary per
/// rule (total, per 1,000 notes, files affected); a file that cannot be read is reported and skipped. Without
/// <c>--rules</c>, two-voice pieces get <c>species</c> and all others <c>strict</c>. Exit 1 when <c>--fail-on</c>
/// is given and a violation at least that severe is found; 2 for bad usage, an unreadable file or rule set.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A score file (.krn, .mid, ...) or a folder of them." };
        var rules = new Option<string?>("--rules") { Description = "A preset (strict, bach, species) or a rule-set JSON file (see 'evocomposer rules --export strict'). Default: species for two voices, else strict." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with 1 when a violation of this severity or worse is found: error, warning or info." };
        var command = new Command("check", "Check part writing (voice leading, harmony, counterpoint) and explain every broken rule.") { path, rules, json, failOn };
        command.SetAction(parse =>
        {
            string target = parse.GetValue(path)!;
            Severity? threshold = null;
            if (parse.GetValue(failOn) is { } f)
                threshold = RuleSet.ParseSeverity(f) ?? throw new CliUsageException($"--fail-on: '{f}' is not one of error, warning, info");
            RuleSet? set = parse.GetValue(rules) is { } spec ? LoadRules(spec) : null;
            Severity? worst;
            if (Directory.Exists(target)) worst = CheckFolder(context, target, set, parse.GetValue(json));
            else if (File.Exists(target)) worst = CheckFile(context, target, set, parse.GetValue(json));
            else throw new CliUsageException($"{target}: no such file or folder");
            return threshold is { } t && worst is { } w && w >= t ? CliApp.ProblemsFound : CliApp.Success;
        });
        return command;
    }

    /// <summary>A preset or rule-set file; a bad one becomes a usage error naming the file and JSON path.</summary>
    internal static RuleSet LoadRules(string spec)
    {
        try
        {
            return RuleSet.Resolve(spec);
        }
        catch (RuleSetException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static RuleSet RulesFor(Score score, RuleSet? chosen) =>
        chosen ?? RuleSet.Preset(score.Parts.Length == 2 ? "species" : "strict");

    private static Severity? CheckFile(CliContext context, string file, RuleSet? chosen, bool json)
    {
        var score = ScoreFiles.Read(file);
        var set = RulesFor(score, chosen);
        var result = RuleChecker.Check(score, set);
        if (json) context.WriteJson(w => WriteResult(w, file, set, result));
        else WriteText(context.Output, file, set, result);
        return result.WorstSeverity;
    }

    private static void WriteResult(Utf8JsonWriter w, string file, RuleSet set, CheckResult result)
    {
        var analysis = result.Context.Analysis;
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("rules", set.Name);
        w.WriteStartObject("key");
        w.WriteString("tonic", analysis.Key.TonicName);
        w.WriteString("mode", analysis.Key.Mode == Mode.Major ? "major" : "minor");
        w.WriteEndObject();
        w.WriteNumber("notes", result.NoteCount);
        w.WriteStartArray("violations");
        foreach (var v in result.Violations)
        {
            w.WriteStartObject();
            w.WriteString("rule", v.RuleId);
            w.WriteString("severity", RuleSet.SeverityName(v.Severity));
            w.WriteNumber("measure", v.Measure);
            w.WritePropertyName("beat");
            w.WriteRawValue(v.Beat.ToDecimalString());
            w.WritePropertyName("onset");
            w.WriteRawValue(v.Onset.ToDecimalString());
            w.WriteStartArray("voices");
            foreach (var voice in v.Voices) w.WriteStringValue(voice);
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in v.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            if (v.Key is { } k) w.WriteString("key", k.ToString());
            w.WriteString("message", v.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("counts");
        foreach (var kv in result.Counts) w.WriteNumber(kv.Key, kv.Value);
        w.WriteEndObject();
        w.WriteStartArray("cadences");
        foreach (var c in analysis.Cadences)
        {
            w.WriteStartObject();
            w.WriteNumber("measure", result.Context.Grid.Measures[c.Slice]);
            w.WritePropertyName("onset");
            w.WriteRawValue(result.Context.Grid.Onsets[c.Slice].ToDecimalString());
            w.WriteString("kind", c.Kind.ToString());
            w.WriteString("key", c.Key.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("penalty", result.Penalty);
        w.WriteEndObject();
    }

    private static void WriteText(TextWriter o, string file, RuleSet set, CheckResult result)
    {
        var analysis = result.Context.Analysis;
        o.WriteLine($"{file}: {analysis.Key}, {result.Context.Grid.VoiceCount} voices, {result.NoteCount} notes; rules: {set.Name}");
        if (result.Violations.IsEmpty)
        {
            o.WriteLine("No violations.");
            return;
        }
        foreach (var group in result.Violations.GroupBy(v => v.Measure))
        {
            o.WriteLine();
            o.WriteLine($"measure {group.Key.ToString(CultureInfo.InvariantCulture)}");
            foreach (var v in group)
                o.WriteLine($"  beat {v.Beat.ToDecimalString(),-5} {RuleSet.SeverityName(v.Severity),-7} {v.RuleId}: {v.Message}");
        }
        o.WriteLine();
        int errors = result.Violations.Count(v => v.Severity == Severity.Error), warnings = result.Violations.Count(v => v.Severity == Severity.Warning);
        o.WriteLine($"{result.Violations.Length} violations ({errors} errors, {warnings} warnings, {result.Violations.Length - errors - warnings} info):");
        int width = result.Counts.Keys.Max(k => k.Length);
        foreach (var kv in result.Counts)
            o.WriteLine($"  {kv.Key.PadRight(width)}  {kv.Value,4}  {RuleSet.SeverityName(set[kv.Key].Severity)}");
    }

    private sealed record FileCheck(string RelativePath, CheckResult? Result, string? Failure);

    private static Severity? CheckFolder(CliContext context, string folder, RuleSet? chosen, bool json)
    {
        var files = ScoreFiles.FindIn(folder);
        if (files.Length == 0)
            throw new CliUsageException($"{folder}: no score files below it (supported: {string.Join(", ", ScoreFiles.All.SelectMany(r => r.Extensions))})");
        var results = new FileCheck[files.Length];
        Parallel.For(0, files.Length, i => results[i] = CheckOne(folder, files[i], chosen));

        var checkedFiles = results.Where(r => r.Result is not null).ToList();
        long notes = checkedFiles.Sum(r => (long)r.Result!.NoteCount);
        // Severities as the chosen set (or strict, the default for four voices) gives them.
        var severities = chosen ?? RuleSet.Preset("strict");
        var rows = RuleCatalogue.All
            .Select(rule => (rule,
                total: checkedFiles.Sum(r => r.Result!.Counts.GetValueOrDefault(rule.Id)),
                files: checkedFiles.Count(r => r.Result!.Counts.ContainsKey(rule.Id)),
                severity: severities[rule.Id].Severity))
            .Where(x => x.total > 0)
            .ToList();
        double Per1000(int total) => notes == 0 ? 0 : Math.Round(1000.0 * total / notes, 3);
        var failed = results.Where(r => r.Failure is not null).ToList();
        if (json)
        {
            context.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("folder", folder);
                w.WriteString("rules", chosen?.Name ?? "auto");
                w.WriteNumber("files", files.Length);
                w.WriteNumber("checked", checkedFiles.Count);
                w.WriteNumber("notes", notes);
                w.WriteStartArray("summary");
                foreach (var (rule, total, fileCount, severity) in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rule.Id);
                    w.WriteString("severity", RuleSet.SeverityName(severity));
                    w.WriteNumber("total", total);
                    w.WriteNumber("per1000Notes", Per1000(total));
                    w.WriteNumber("files", fileCount);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("counts");
                foreach (var row in rows) w.WriteNumber(row.rule.Id, row.total);
                w.WriteEndObject();
                w.WriteStartArray("perFile");
                foreach (var r in checkedFiles)
                {
                    w.WriteStartObject();
                    w.WriteString("file", r.RelativePath);
                    w.WriteNumber("notes", r.Result!.NoteCount);
                    w.WriteStartObject("counts");
                    foreach (var kv in r.Result.Counts) w.WriteNumber(kv.Key, kv.Value);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("failed");
                foreach (var r in failed)
                {
                    w.WriteStartObject();
                    w.WriteString("file", r.RelativePath);
                    w.WriteString("error", r.Failure);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            context.Output.WriteLine($"{folder}: {checkedFiles.Count} of {files.Length} files checked, {notes} notes; rules: {chosen?.Name ?? "strict (species for two voices)"}");
            var table = new Table().AddColumns("rule", "severity", "total", "per 1,000 notes", "files");
            for (int c = 2; c < 5; c++) table.Columns[c].RightAligned();
            foreach (var (rule, total, fileCount, severity) in rows)
                table.AddRow(rule.Id, RuleSet.SeverityName(severity), total.ToString(CultureInfo.InvariantCulture),
                    Per1000(total).ToString("0.00", CultureInfo.InvariantCulture), fileCount.ToString(CultureInfo.InvariantCulture));
            table.AddRow("all", "", rows.Sum(r => r.total).ToString(CultureInfo.InvariantCulture),
                Per1000(rows.Sum(r => r.total)).ToString("0.00", CultureInfo.InvariantCulture), checkedFiles.Count(r => !r.Result!.Violations.IsEmpty).ToString(CultureInfo.InvariantCulture));
            context.OutputConsole().Write(table);
            foreach (var r in failed) context.Output.WriteLine($"{r.RelativePath}: skipped: {r.Failure}");
        }
        return checkedFiles.Select(r => r.Result!.WorstSeverity).Max();
    }

    private static FileCheck CheckOne(string folder, string relative, RuleSet? chosen)
    {
        try
        {
            var score = ScoreFiles.Read(Path.Combine(folder, relative));
            return new FileCheck(relative, RuleChecker.Check(score, RulesFor(score, chosen)), null);
        }
        catch (ScoreFormatException e)
        {
            return new FileCheck(relative, null, string.IsNullOrEmpty(e.Location) ? e.Reason : $"{e.Location}: {e.Reason}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new FileCheck(relative, null, $"internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
