using EvoComposer.Cli.Rendering;
using EvoComposer.Theory.Formats.LilyPond;
using EvoComposer.Theory.Formats.MusicXml;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// The notation and sound that <c>compose</c> and <c>harmonize</c> write beside <c>piece.mid</c> and the reports:
/// <c>piece.musicxml</c> always, and unless <c>--no-render</c>, the engraved <c>piece.png</c> (SATB on two staves,
/// through LilyPond) and <c>piece.wav</c> (through FluidSynth), made by <see cref="Renderer"/>, which names a
/// missing tool once with its Debian package and lets the command carry on.
/// </summary>
internal static class CompositionOutputs
{
    /// <summary>The files written here (for the no-overwrite check made before any work).</summary>
    public static readonly string[] FileNames = ["piece.musicxml", "piece.png", "piece.wav"];

    /// <summary>
    /// Writes <c>DIR/piece.musicxml</c> and, with a <paramref name="renderer"/> (<see cref="StartRenderer"/>), the engraved picture and the audio.
    /// Files that exist are replaced: the caller checked them before the composition ran.
    /// Returns the file name of the picture made (relative to <paramref name="dir"/>), or null.
    /// </summary>
    public static string? Write(CliContext context, Score score, string dir, Renderer? renderer)
    {
        MusicXmlWriter.WriteFile(score, Path.Combine(dir, "piece.musicxml"));
        if (renderer is null) return null;
        renderer.Render(score, dir, "piece", Rendered, force: true, LilyPondWriter.Layout.TwoStaves);
        return new[] { "piece.png", "piece-page1.png" }.FirstOrDefault(name => File.Exists(Path.Combine(dir, name)));
    }

    /// <summary>What is rendered unless <c>--no-render</c>: the engraved picture and the audio.</summary>
    private const RenderKinds Rendered = RenderKinds.Png | RenderKinds.Wav;

    /// <summary>
    /// The renderer for <see cref="Write"/>, made before the composition (null for <c>--no-render</c>): it starts
    /// LilyPond at once, so its start-up (most of its time) overlaps the composition instead of following it.
    /// Dispose it when done (it stops LilyPond if the piece never comes).
    /// </summary>
    public static Renderer? StartRenderer(CliContext context, bool render)
    {
        if (!render) return null;
        var renderer = new Renderer(context.Host, TextWriter.Null, context.Error);
        renderer.StartEngraving("piece", Rendered);
        return renderer;
    }

    /// <summary>The report with the engraved picture (and the audio, when made) shown under its title.</summary>
    public static string WithPicture(string markdown, string dir, string? picture)
    {
        if (picture is null) return markdown;
        string links = $"![the engraved score]({picture})\n\n" +
                       (File.Exists(Path.Combine(dir, "piece.wav")) ? "Listen: [piece.wav](piece.wav) · " : "") +
                       "Open in a notation program: [piece.musicxml](piece.musicxml)\n\n";
        int body = markdown.IndexOf("\n## ", StringComparison.Ordinal);
        return body < 0 ? markdown + "\n" + links : markdown[..(body + 1)] + links + markdown[(body + 1)..];
    }
}
