using System.CommandLine;
using EvoComposer.Cli.Rendering;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.LilyPond;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer render FILE [--roll] [--ly] [--png] [--pdf] [--svg] [--midi] [--wav] [--out DIR] [--force] [--satb]</c>:
/// pictures and sound of a score (see <see cref="Renderer"/>). Without any output option, makes all it can.
/// Exit codes: 0 (also when a missing tool left some outputs out: that is said on stderr); 2 for an unreadable
/// file or an output that exists without <c>--force</c>; 3 when an outside tool failed.
/// </summary>
internal static class RenderCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The score to render (.krn, .mid, ...)." };
        var options = new (Option<bool> Option, RenderKinds Kind)[]
        {
            (new("--roll") { Description = "A piano-roll SVG (NAME.roll.svg); needs nothing else." }, RenderKinds.Roll),
            (new("--ly") { Description = "The LilyPond source (NAME.ly)." }, RenderKinds.LilyPond),
            (new("--png") { Description = "An engraved score as PNG (needs lilypond)." }, RenderKinds.Png),
            (new("--pdf") { Description = "An engraved score as PDF (needs lilypond)." }, RenderKinds.Pdf),
            (new("--svg") { Description = "An engraved score as SVG (needs lilypond)." }, RenderKinds.Svg),
            (new("--midi") { Description = "A Standard MIDI File (NAME.mid)." }, RenderKinds.Midi),
            (new("--wav") { Description = "Audio (needs fluidsynth and the fluid-soundfont-gm SoundFont)." }, RenderKinds.Wav),
        };
        var outDir = new Option<string>("--out") { Description = "Folder for the outputs (default: the current folder).", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Replace outputs that exist." };
        var satb = new Option<bool>("--satb") { Description = "Engrave four parts on two staves (soprano and alto above, tenor and bass below), as chorales are printed." };
        var command = new Command("render", "Make pictures and sound of a score: piano roll, engraved PNG/PDF/SVG, MIDI, WAV. Without output options, all that can be made.")
        {
            file, outDir, force, satb,
        };
        foreach (var (option, _) in options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliUsageException($"{path}: no such file");
            var kinds = options.Where(o => parse.GetValue(o.Option)).Aggregate(RenderKinds.None, (all, o) => all | o.Kind);
            var score = ScoreFiles.Read(path);
            using var renderer = new Renderer(context.Host, context.Output, context.Error);
            bool ok = renderer.Render(score, parse.GetValue(outDir)!, Path.GetFileNameWithoutExtension(path),
                kinds == RenderKinds.None ? RenderKinds.All : kinds, parse.GetValue(force),
                parse.GetValue(satb) ? LilyPondWriter.Layout.TwoStaves : LilyPondWriter.Layout.StaffPerPart);
            return ok ? CliApp.Success : CliApp.InternalError;
        });
        return command;
    }
}
