using System.CommandLine;
using System.Runtime.InteropServices;
using EvoComposer.Theory.Corpora;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer doctor [--json]</c>: the .NET runtime, the outside tools (and the Debian package for each
/// missing one), where the corpus was found and which of its sets are there, and which outputs can be made.
/// Only reports: exit 0 whatever it finds.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>A corpus set: its folder below the corpus root, the extension of its scores, and how many the mirror has.</summary>
    private sealed record CorpusSet(string Folder, string Extension, int Expected);

    // As listed in the corpus README (../shared/corpora/README.md).
    private static readonly CorpusSet[] Sets =
    [
        new("bach-370-chorales/kern", ".krn", 370),
        new("bach-370-chorales/midi", ".mid", 370),
        new("bach-musicxml", ".mxl", 408),
        new("bach-roman", ".rntxt", 20),
        new("palestrina", ".krn", 1318),
        new("monteverdi", ".mxl", 49),
        new("essen-folksongs", ".abc", 27),
        new("jsb-split", ".json", 1),
    ];

    /// <summary>An output format and the tools it needs beyond EvoComposer itself.</summary>
    private sealed record Output(string Name, ExternalTool[] Needs);

    private static readonly Output[] Outputs =
    [
        new("MIDI", []),
        new("piano-roll SVG", []),
        new("engraved PNG, PDF, SVG", [ExternalTool.LilyPond]),
        new("audio WAV", [ExternalTool.FluidSynth, ExternalTool.SoundFont]),
    ];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("doctor", "Show what is installed, where the corpus is, and which outputs can be made.") { json };
        command.SetAction(parse =>
        {
            var report = Examine(context.Host);
            if (parse.GetValue(json)) WriteJson(context, report);
            else WriteText(context.Output, report);
            return CliApp.Success;
        });
        return command;
    }

    private sealed record Report(
        string Runtime,
        (ExternalTool Tool, string? Path)[] Tools,
        string? Corpus,
        (CorpusSet Set, int? Files)[] CorpusSets,
        (Output Output, ExternalTool[] Missing)[] Outputs)
    {
        public string[] MissingPackages => Tools.Where(t => t.Path is null).Select(t => t.Tool.DebianPackage).ToArray();
    }

    private static Report Examine(Host host)
    {
        var tools = ExternalTool.All.Select(t => (t, host.Locate(t))).ToArray();
        string? corpus = host.FindCorpus();
        var sets = Sets.Select(s => (s, corpus is null ? null : CountFiles(Path.Combine(corpus, s.Folder), s.Extension))).ToArray();
        var outputs = Outputs.Select(o => (o, o.Needs.Where(n => tools.Single(t => t.t == n).Item2 is null).ToArray())).ToArray();
        return new Report(RuntimeInformation.FrameworkDescription, tools, corpus, sets, outputs);
    }

    private static int? CountFiles(string folder, string extension) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + extension, SearchOption.AllDirectories).Count()
            : null;

    private static void WriteText(TextWriter o, Report r)
    {
        o.WriteLine($"runtime   {r.Runtime}");
        o.WriteLine("tools");
        foreach (var (tool, path) in r.Tools)
            o.WriteLine($"  {tool.Name,-12}{path ?? $"missing: Debian package {tool.DebianPackage}, for {tool.Purpose}"}");
        if (r.Corpus is null)
            o.WriteLine($"corpus    not found: set {CorpusLocator.EnvironmentVariable} or place the shared corpora at ../shared/corpora beside the repository");
        else
        {
            o.WriteLine($"corpus    {r.Corpus}");
            foreach (var (set, files) in r.CorpusSets)
                o.WriteLine($"  {set.Folder,-24}" + (files is { } n
                    ? $"{n,5} {set.Extension}" + (n == set.Expected ? "" : $" (the mirror has {set.Expected})")
                    : "missing"));
        }
        o.WriteLine("outputs");
        foreach (var (output, missing) in r.Outputs)
            o.WriteLine($"  {output.Name,-24}" + (missing.Length == 0 ? "yes" : $"no: needs {string.Join(", ", missing.Select(m => m.Name))}"));
        if (r.MissingPackages.Length > 0)
            o.WriteLine($"to install what is missing: scripts/setup-debian, or: sudo apt-get install {string.Join(" ", r.MissingPackages)}");
    }

    private static void WriteJson(CliContext context, Report r) => context.WriteJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("runtime", r.Runtime);
        w.WriteStartArray("tools");
        foreach (var (tool, path) in r.Tools)
        {
            w.WriteStartObject();
            w.WriteString("name", tool.Name);
            w.WriteString("path", path);
            w.WriteString("debianPackage", tool.DebianPackage);
            w.WriteString("purpose", tool.Purpose);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("corpus");
        w.WriteString("path", r.Corpus);
        w.WriteStartArray("sets");
        foreach (var (set, files) in r.CorpusSets)
        {
            w.WriteStartObject();
            w.WriteString("folder", set.Folder);
            w.WriteString("extension", set.Extension);
            if (files is { } n) w.WriteNumber("files", n);
            else w.WriteNull("files");
            w.WriteNumber("expected", set.Expected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("outputs");
        foreach (var (output, missing) in r.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name", output.Name);
            w.WriteBoolean("available", missing.Length == 0);
            w.WriteStartArray("missing");
            foreach (var m in missing) w.WriteStringValue(m.Name);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
