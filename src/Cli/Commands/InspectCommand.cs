using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Music;
using Spectre.Console;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer inspect FILE|DIR [--json] [--fail-on-error]</c>. A file: its metadata, meter, key and parts
/// (JSON as in ARCHITECTURE.md). A folder: every supported file below it is read (in parallel, reported in
/// sorted order) and summarised; one bad file never stops the run. Exit codes: 0; 2 when FILE or DIR cannot be
/// read at all; for a folder with unreadable files, 0, or 1 with <c>--fail-on-error</c>.
/// </summary>
internal static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "A score file (.krn, .mid, ...) or a folder to read every score file below." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the contract in ARCHITECTURE.md) instead of text." };
        var failOnError = new Option<bool>("--fail-on-error") { Description = "For a folder: exit with 1 when some file could not be read (default: 0, failures are listed)." };
        var command = new Command("inspect", "Show what a score file holds (metadata, meter, key, parts, notes), or summarise every score file in a folder.")
        {
            path, json, failOnError,
        };
        command.SetAction(parse =>
        {
            string target = parse.GetValue(path)!;
            if (Directory.Exists(target)) return InspectFolder(context, target, parse.GetValue(json), parse.GetValue(failOnError));
            if (!File.Exists(target)) throw new CliUsageException($"{target}: no such file or folder");
            InspectFile(context, target, parse.GetValue(json));
            return CliApp.Success;
        });
        return command;
    }

    private static void InspectFile(CliContext context, string file, bool json)
    {
        var (score, warnings) = ScoreFiles.ReadWithDiagnostics(file);
        string format = ScoreFiles.ReaderFor(file)!.FormatName;
        if (json)
        {
            context.WriteJson(w => WriteScore(w, score, format, warnings));
            return;
        }
        var o = context.Output;
        var m = score.Metadata;
        o.WriteLine(file);
        Field(o, "title", m.Title);
        Field(o, "composer", m.Composer);
        Field(o, "catalogue", m.CatalogueNumber);
        Field(o, "format", format);
        Field(o, "meter", string.Join(", ", score.Meters.Select(t => t.Value.ToString())));
        Field(o, "key signature", score.KeySignature.ToString());
        Field(o, "key", score.Key?.ToString() ?? "not declared");
        Field(o, "measures", score.Measures.IsEmpty ? "none marked"
            : score.Measures.Length.ToString(CultureInfo.InvariantCulture) + (score.Measures[0].Number == 0 ? " (with a pickup)" : ""));
        Field(o, "length", $"{score.Length.ToDecimalString()} quarter notes");
        Field(o, "parts", score.Parts.Length.ToString(CultureInfo.InvariantCulture));
        int nameWidth = score.Parts.Select(p => p.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var part in score.Parts)
        {
            string range = part.Range is var (low, high) ? $"{low}-{high}" : "-";
            o.WriteLine($"  {part.Name.PadRight(nameWidth)}  {part.Notes.Length,5} notes  {range}");
        }
        if (warnings.IsEmpty) return;
        // What the reader tolerated belongs to what the file holds, so it is part of the report, not of stderr.
        o.WriteLine($"  warnings:      {warnings.Length.ToString(CultureInfo.InvariantCulture)} {(warnings.Length == 1 ? "defect" : "defects")} tolerated");
        foreach (var d in warnings) o.WriteLine($"    {d}");
    }

    private static void Field(TextWriter o, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) o.WriteLine($"  {name + ":",-15}{value}");
    }

    /// <summary>
    /// Writes one score as the <c>inspect --json</c> object of ARCHITECTURE.md, plus title, composer, catalogue number,
    /// source, measures, length, and the defects the reader tolerated (<c>warnings</c>: <c>{location, message}</c>).
    /// </summary>
    internal static void WriteScore(Utf8JsonWriter w, Score score, string format, IReadOnlyList<ReadDiagnostic> warnings)
    {
        w.WriteStartObject();
        w.WriteString("format", format);
        w.WriteString("title", score.Metadata.Title);
        w.WriteString("composer", score.Metadata.Composer);
        w.WriteString("catalogueNumber", score.Metadata.CatalogueNumber);
        w.WriteString("source", score.Metadata.SourceFile);
        w.WriteString("meter", score.Meter.ToString());
        w.WriteNumber("keySignature", score.KeySignature.Fifths);
        if (score.Key is { } key)
        {
            w.WriteStartObject("key");
            w.WriteString("tonic", key.TonicName);
            w.WriteString("mode", key.Mode == Mode.Major ? "major" : "minor");
            w.WriteEndObject();
        }
        else w.WriteNull("key");
        w.WriteNumber("measures", score.Measures.Length);
        w.WritePropertyName("length");
        w.WriteRawValue(score.Length.ToDecimalString());
        w.WriteStartArray("parts");
        foreach (var part in score.Parts)
        {
            w.WriteStartObject();
            w.WriteString("name", part.Name);
            w.WriteStartArray("notes");
            foreach (var n in part.Notes)
            {
                w.WriteStartObject();
                w.WriteNumber("midi", n.Pitch.Midi);
                w.WriteString("pitch", n.Pitch.ToString());
                w.WritePropertyName("onset");
                w.WriteRawValue(n.Onset.ToDecimalString());
                w.WritePropertyName("duration");
                w.WriteRawValue(n.Duration.ToDecimalString());
                w.WriteNumber("measure", n.Measure);
                w.WriteBoolean("fermata", n.Fermata);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var d in warnings)
        {
            w.WriteStartObject();
            w.WriteString("location", d.Location);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One file of a folder: what was read from it, or why it could not be.</summary>
    private sealed record FileResult(string RelativePath, string Format, Score? Score, string? Failure);

    private static int InspectFolder(CliContext context, string folder, bool json, bool failOnError)
    {
        var files = ScoreFiles.FindIn(folder);
        if (files.Length == 0)
            throw new CliUsageException($"{folder}: no score files below it (supported: {string.Join(", ", ScoreFiles.All.SelectMany(r => r.Extensions))})");

        var results = new FileResult[files.Length];
        void ReadAll(Action? advance) => Parallel.For(0, files.Length, i =>
        {
            results[i] = ReadOne(folder, files[i]);
            advance?.Invoke();
        });
        if (context.ErrorIsTerminal)
            context.ErrorConsole().Progress().AutoClear(true).Start(progress =>
            {
                var task = progress.AddTask("reading", maxValue: files.Length);
                ReadAll(() => task.Increment(1));
            });
        else ReadAll(null);

        var failed = results.Where(r => r.Failure is not null).ToArray();
        if (json) context.WriteJson(w => WriteFolder(w, results));
        else
        {
            var table = new Table().AddColumns("format", "files", "read", "failed", "parts", "notes");
            for (int c = 1; c < table.Columns.Count; c++) table.Columns[c].RightAligned();
            var byFormat = results.GroupBy(r => r.Format).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var g in byFormat) table.AddRow([g.Key, .. Totals.Of(g).Cells()]);
            if (byFormat.Count > 1) table.AddRow(["all", .. Totals.Of(results).Cells()]);
            context.OutputConsole().Write(table);
            foreach (var f in failed) context.Output.WriteLine($"{f.RelativePath}: {f.Failure}");
        }
        return failOnError && failed.Length > 0 ? CliApp.ProblemsFound : CliApp.Success;
    }

    /// <summary>What a set of files holds in all.</summary>
    private sealed record Totals(int Files, int Read, int Failed, int Parts, int Notes)
    {
        public static Totals Of(IEnumerable<FileResult> results)
        {
            var list = results.ToList();
            var scores = list.Where(r => r.Score is not null).Select(r => r.Score!).ToList();
            return new(list.Count, scores.Count, list.Count - scores.Count, scores.Sum(s => s.Parts.Length), scores.Sum(s => s.NoteCount));
        }

        public string[] Cells() =>
            [.. new[] { Files, Read, Failed, Parts, Notes }.Select(n => n.ToString(CultureInfo.InvariantCulture))];
    }

    private static FileResult ReadOne(string folder, string relative)
    {
        string format = ScoreFiles.ReaderFor(relative)!.FormatName;
        try
        {
            return new FileResult(relative, format, ScoreFiles.Read(Path.Combine(folder, relative)), null);
        }
        catch (ScoreFormatException e)
        {
            return new FileResult(relative, format, null, string.IsNullOrEmpty(e.Location) ? e.Reason : $"{e.Location}: {e.Reason}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A reader bug: reported like any other failure so that the rest of the folder is still read.
            return new FileResult(relative, format, null, $"internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static void WriteFolder(Utf8JsonWriter w, FileResult[] results)
    {
        var totals = Totals.Of(results);
        w.WriteStartObject();
        w.WriteNumber("files", totals.Files);
        w.WriteNumber("read", totals.Read);
        w.WriteNumber("failed", totals.Failed);
        w.WriteNumber("parts", totals.Parts);
        w.WriteNumber("notes", totals.Notes);
        w.WriteStartArray("scores");
        foreach (var r in results.Where(r => r.Score is not null))
        {
            w.WriteStartObject();
            w.WriteString("file", r.RelativePath);
            w.WriteString("format", r.Format);
            w.WriteString("title", r.Score!.Metadata.Title);
            w.WriteNumber("parts", r.Score.Parts.Length);
            w.WriteNumber("notes", r.Score.NoteCount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("failures");
        foreach (var r in results.Where(r => r.Failure is not null))
        {
            w.WriteStartObject();
            w.WriteString("file", r.RelativePath);
            w.WriteString("reason", r.Failure);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
