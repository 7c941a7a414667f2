using EvoComposer.Theory.Formats.LilyPond;
using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Rendering;

/// <summary>The files <see cref="Renderer"/> can make from a score.</summary>
[Flags]
internal enum RenderKinds
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>A piano-roll SVG (<c>NAME.roll.svg</c>); needs nothing outside.</summary>
    Roll = 1,
    /// <summary>The LilyPond source (<c>NAME.ly</c>).</summary>
    LilyPond = 2,
    /// <summary>An engraved score as PNG (<c>NAME.png</c>, or <c>NAME-pageN.png</c> for several pages); needs lilypond.</summary>
    Png = 4,
    /// <summary>An engraved score as PDF; needs lilypond.</summary>
    Pdf = 8,
    /// <summary>An engraved score as SVG (<c>NAME.svg</c>); needs lilypond.</summary>
    Svg = 16,
    /// <summary>A Standard MIDI File (<c>NAME.mid</c>).</summary>
    Midi = 32,
    /// <summary>Audio (<c>NAME.wav</c>); needs fluidsynth and the General MIDI SoundFont.</summary>
    Wav = 64,
    /// <summary>Everything.</summary>
    All = Roll | LilyPond | Png | Pdf | Svg | Midi | Wav,
}

/// <summary>
/// Makes pictures and sound of a score in a folder: a piano roll, LilyPond source, engraved PNG/PDF/SVG through
/// <c>lilypond</c>, MIDI, and WAV through <c>fluidsynth</c>. A missing tool is said once on
/// <paramref name="warnings"/>, with its Debian package, and the other outputs are still made. Never replaces
/// an existing file unless asked to (<c>force</c>). Each file written is named on <paramref name="report"/>.
/// A caller that renders after a long computation can start LilyPond first (<see cref="StartEngraving"/>); dispose
/// the renderer so that an engraving started and never used is stopped.
/// </summary>
internal sealed class Renderer(Host host, TextWriter report, TextWriter warnings) : IDisposable
{
    private static readonly TimeSpan ToolTimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>LilyPond started ahead of its source, in its own work folder, for one name and PNG/PDF kinds.</summary>
    private sealed record EarlyEngraving(string Program, ExternalProcess Process, DirectoryInfo Work, string Name, RenderKinds Kinds);

    private EarlyEngraving? _early;
    private bool _earlyUsed;
    private System.Runtime.InteropServices.PosixSignalRegistration[] _onSignal = [];

    /// <summary>
    /// Starts LilyPond now for a later <see cref="Render"/> of <paramref name="name"/> with the PNG/PDF of
    /// <paramref name="kinds"/>: LilyPond spends most of its time (about 1.5 of 2.3 s for a chorale) starting up
    /// before it reads its source, so <c>compose</c> starts it before the composition and the start-up overlaps it.
    /// The source is given on standard input when <see cref="Render"/> comes; the output is the same as from a file.
    /// Does nothing when LilyPond is missing or no PNG/PDF is asked (Render then says so as usual).
    /// </summary>
    public void StartEngraving(string name, RenderKinds kinds)
    {
        var pngPdf = kinds & (RenderKinds.Png | RenderKinds.Pdf);
        if (_early is not null || pngPdf == RenderKinds.None || host.Locate(ExternalTool.LilyPond) is not { } lilypond) return;
        var work = Directory.CreateTempSubdirectory("evocomposer-engrave-");
        try
        {
            _early = new EarlyEngraving(lilypond, ExternalProcess.Start(lilypond, LilyPondArguments(name, pngPdf, "-"), work.FullName), work, name, pngPdf);
            // Interrupted (Ctrl+C, or terminated) before the piece came: LilyPond is stopped and its work folder removed
            // before the program ends as it would without the handlers.
            _onSignal = [.. new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM }
                .Select(signal => System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, _ => Dispose()))];
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Not startable now: Render runs it the usual way and reports what goes wrong then.
            work.Delete(recursive: true);
        }
    }

    /// <summary>Stops an engraving started and never used, and removes its work folder (once, whether the program ends or is interrupted).</summary>
    public void Dispose()
    {
        lock (_disposeGate)
        {
            foreach (var registration in _onSignal) registration.Dispose();
            _onSignal = [];
            if (_early is null) return;
            _early.Process.Dispose();
            _early.Work.Delete(recursive: true);
            _early = null;
        }
    }

    private readonly Lock _disposeGate = new();

    /// <summary>The file name a kind is written to.</summary>
    public static string FileName(string name, RenderKinds kind) => kind switch
    {
        RenderKinds.Roll => name + ".roll.svg",
        RenderKinds.LilyPond => name + ".ly",
        RenderKinds.Png => name + ".png",
        RenderKinds.Pdf => name + ".pdf",
        RenderKinds.Svg => name + ".svg",
        RenderKinds.Midi => name + ".mid",
        RenderKinds.Wav => name + ".wav",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Writes the requested kinds of <paramref name="score"/> into <paramref name="folder"/> as <c>NAME.*</c>.
    /// Returns false when an outside tool ran and failed (the reason is on the warnings writer).
    /// </summary>
    /// <exception cref="CliUsageException">An output exists and <paramref name="force"/> is false (checked before anything is written).</exception>
    public bool Render(Score score, string folder, string name, RenderKinds kinds, bool force, LilyPondWriter.Layout layout = LilyPondWriter.Layout.StaffPerPart)
    {
        foreach (var kind in Enum.GetValues<RenderKinds>().Where(k => k is not (RenderKinds.None or RenderKinds.All) && kinds.HasFlag(k)))
        {
            string target = Path.Combine(folder, FileName(name, kind));
            if (!force && File.Exists(target)) throw new CliUsageException($"{target} exists; add --force to replace it");
        }
        Directory.CreateDirectory(folder);
        var work = Directory.CreateTempSubdirectory("evocomposer-render-");
        try
        {
            bool ok = true;
            if (kinds.HasFlag(RenderKinds.Roll)) Write(folder, FileName(name, RenderKinds.Roll), PianoRoll.Write(score), force);
            bool engrave = (kinds & (RenderKinds.LilyPond | RenderKinds.Png | RenderKinds.Pdf | RenderKinds.Svg)) != 0;
            bool sound = (kinds & (RenderKinds.Midi | RenderKinds.Wav)) != 0;
            if (engrave && sound && kinds.HasFlag(RenderKinds.Wav))
                return ok & EngraveAndSoundConcurrently(score, layout, folder, name, kinds, force, work.FullName);
            if (engrave) ok &= Engrave(score, layout, folder, name, kinds, force, work.FullName);
            if (sound) ok &= Sound(score, folder, name, kinds, force, work.FullName);
            return ok;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs LilyPond and FluidSynth at the same time (two independent outside processes; their files differ in
    /// the work folder). The sound side writes its report and warning lines into buffers that are copied out
    /// after the engraving's, so the lines come in the same order as when the two run one after the other.
    /// </summary>
    private bool EngraveAndSoundConcurrently(Score score, LilyPondWriter.Layout layout, string folder, string name, RenderKinds kinds, bool force, string work)
    {
        var soundReport = new StringWriter();
        var soundWarnings = new StringWriter();
        var soundRenderer = new Renderer(host, soundReport, soundWarnings);
        var sound = Task.Run(() => soundRenderer.Sound(score, folder, name, kinds, force, work));
        bool engraved;
        try
        {
            engraved = Engrave(score, layout, folder, name, kinds, force, work);
        }
        finally
        {
            // The work folder is deleted by the caller: the sound side must be done with it first, whatever happened here.
            ((IAsyncResult)sound).AsyncWaitHandle.WaitOne();
        }
        bool sounded;
        try
        {
            sounded = sound.GetAwaiter().GetResult();
        }
        finally
        {
            report.Write(soundReport.ToString());
            warnings.Write(soundWarnings.ToString());
        }
        return engraved & sounded;
    }

    private bool Engrave(Score score, LilyPondWriter.Layout layout, string folder, string name, RenderKinds kinds, bool force, string work)
    {
        string ly = LilyPondWriter.Write(score, layout);
        if (kinds.HasFlag(RenderKinds.LilyPond)) Write(folder, FileName(name, RenderKinds.LilyPond), ly, force);
        var engraved = kinds & (RenderKinds.Png | RenderKinds.Pdf | RenderKinds.Svg);
        if (engraved == RenderKinds.None) return true;
        if (host.Locate(ExternalTool.LilyPond) is not { } lilypond)
        {
            Missing($"no engraved {string.Join("/", EngravedExtensions(engraved))}", ExternalTool.LilyPond);
            return true;
        }
        File.WriteAllText(Path.Combine(work, name + ".ly"), ly);
        bool ok = true;
        // PNG and PDF come from one run (a LilyPond started early, if it was started for them); SVG needs LilyPond's other back end.
        var pngPdf = engraved & (RenderKinds.Png | RenderKinds.Pdf);
        string pngPdfWork = work;
        if (pngPdf != RenderKinds.None)
        {
            if (_early is { } early && !_earlyUsed && early.Name == name && early.Kinds == pngPdf)
            {
                _earlyUsed = true;
                pngPdfWork = early.Work.FullName;
                ok &= Outcome(early.Program, name + ".ly", () => early.Process.Finish(ly, ToolTimeLimit));
            }
            else
            {
                ok &= RunTool(lilypond, LilyPondArguments(name, pngPdf, name + ".ly"), work, name + ".ly");
            }
            if (pngPdf.HasFlag(RenderKinds.Png)) UseCroppedPng(pngPdfWork, name);
        }
        if (engraved.HasFlag(RenderKinds.Svg))
            ok &= RunTool(lilypond, ["-dno-point-and-click", "-dbackend=svg", "-o", name, name + ".ly"], work, name + ".ly");
        foreach (string ext in EngravedExtensions(engraved)) Collect(ext == "svg" ? work : pngPdfWork, folder, name, "." + ext, force);
        return ok;
    }

    /// <summary>
    /// LilyPond's arguments for a PNG and/or PDF of <paramref name="input"/> (a file, or "-" for standard input) named
    /// <paramref name="name"/>. A PNG is for the screen: -dcrop trims it to the music instead of a white A4 page; the PDF stays a page.
    /// </summary>
    private static string[] LilyPondArguments(string name, RenderKinds pngPdf, string input) =>
        ["-dno-point-and-click", "-dresolution=150", .. (pngPdf.HasFlag(RenderKinds.Png) ? new[] { "-dcrop" } : []),
         .. EngravedExtensions(pngPdf).Select(k => "--" + k), "-o", name, input];

    private bool Sound(Score score, string folder, string name, RenderKinds kinds, bool force, string work)
    {
        byte[] midi;
        try
        {
            midi = MidiScoreWriter.Write(score);
        }
        catch (ArgumentException e)
        {
            warnings.WriteLine($"evocomposer: no MIDI or WAV: {e.Message}");
            return true;
        }
        if (kinds.HasFlag(RenderKinds.Midi)) Write(folder, FileName(name, RenderKinds.Midi), midi, force);
        if (!kinds.HasFlag(RenderKinds.Wav)) return true;
        var fluidsynth = host.Locate(ExternalTool.FluidSynth);
        var soundFont = host.Locate(ExternalTool.SoundFont);
        if (fluidsynth is null || soundFont is null)
        {
            Missing("no WAV", [.. new[] { ExternalTool.FluidSynth, ExternalTool.SoundFont }.Where(t => host.Locate(t) is null)]);
            return true;
        }
        string midiFile = Path.Combine(work, name + ".mid"), wav = FileName(name, RenderKinds.Wav);
        File.WriteAllBytes(midiFile, midi);
        bool ok = RunTool(fluidsynth, ["-ni", "-q", "-F", wav, "-r", "44100", soundFont, midiFile], work, name + ".mid");
        if (ok) Collect(work, folder, name, ".wav", force);
        return ok;
    }

    private static IEnumerable<string> EngravedExtensions(RenderKinds kinds) =>
        new[] { RenderKinds.Png, RenderKinds.Pdf, RenderKinds.Svg }.Where(k => kinds.HasFlag(k)).Select(k => k.ToString().ToLowerInvariant());

    private void Missing(string what, params ExternalTool[] tools) =>
        warnings.WriteLine($"evocomposer: {what}: not installed: {string.Join(", ", tools.Select(t => t.Name))} " +
                           $"(Debian: apt-get install {string.Join(" ", tools.Select(t => t.DebianPackage))})");

    private bool RunTool(string program, string[] args, string work, string input) =>
        Outcome(program, input, () => ExternalProcess.Run(program, args, work, ToolTimeLimit));

    /// <summary>True when the tool succeeded; else one warning line naming the tool, the input and why.</summary>
    private bool Outcome(string program, string input, Func<ExternalProcess.Result> run)
    {
        ExternalProcess.Result result;
        try
        {
            result = run();
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception)
        {
            warnings.WriteLine($"evocomposer: {Path.GetFileName(program)} on {input}: {e.Message}");
            return false;
        }
        if (result.ExitCode == 0) return true;
        warnings.WriteLine($"evocomposer: {Path.GetFileName(program)} failed on {input} (exit {result.ExitCode}): {result.Tail()}");
        return false;
    }

    /// <summary>Moves what a tool made in the work folder (NAME.ext, or NAME-page1.ext, ... for several pages) into the output folder.</summary>
    /// <summary>Replaces the page-sized PNG(s) LilyPond made by the cropped one, when it made one, and drops the cropped PDF.</summary>
    private static void UseCroppedPng(string work, string name)
    {
        string cropped = Path.Combine(work, name + ".cropped.png");
        File.Delete(Path.Combine(work, name + ".cropped.pdf"));
        if (!File.Exists(cropped)) return;
        foreach (string page in Directory.GetFiles(work, name + "*.png").Where(f => f != cropped)) File.Delete(page);
        File.Move(cropped, Path.Combine(work, name + ".png"));
    }

    private void Collect(string work, string folder, string name, string extension, bool force)
    {
        var made = Directory.GetFiles(work, name + "*" + extension)
            .Where(f => Path.GetFileName(f) == name + extension || Path.GetFileName(f).StartsWith(name + "-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (string file in made)
        {
            string target = Path.Combine(folder, Path.GetFileName(file));
            if (!force && File.Exists(target)) throw new CliUsageException($"{target} exists; add --force to replace it");
            File.Move(file, target, overwrite: true);
            report.WriteLine($"wrote {target}");
        }
    }

    private void Write(string folder, string fileName, string text, bool force) =>
        Write(folder, fileName, System.Text.Encoding.UTF8.GetBytes(text), force);

    private void Write(string folder, string fileName, byte[] bytes, bool force)
    {
        string target = Path.Combine(folder, fileName);
        using (var stream = new FileStream(target, force ? FileMode.Create : FileMode.CreateNew))
            stream.Write(bytes);
        report.WriteLine($"wrote {target}");
    }
}
