using EvoComposer.Theory.Corpora;

namespace EvoComposer.Cli;

/// <summary>
/// What the machine offers a command: programs on PATH, files, the corpus. Commands ask this instead of the
/// machine, so that tests can stand in another machine (see <see cref="CliContext.Host"/>).
/// </summary>
internal sealed class Host
{
    /// <summary>The real machine.</summary>
    public static readonly Host Machine = new();

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public Func<string, string?> FindProgram { get; init; } = FindOnPath;

    /// <summary>True when a file exists.</summary>
    public Func<string, bool> FileExists { get; init; } = File.Exists;

    /// <summary>The corpus root (see <see cref="CorpusLocator"/>), or null.</summary>
    public Func<string?> FindCorpus { get; init; } = () => CorpusLocator.Find();

    /// <summary>Where a tool is (its program on PATH, or its file), or null when it is missing.</summary>
    public string? Locate(ExternalTool tool) =>
        Path.IsPathRooted(tool.Probe) ? (FileExists(tool.Probe) ? tool.Probe : null) : FindProgram(tool.Probe);

    private static string? FindOnPath(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                return candidate;
        }
        return null;
    }
}

/// <summary>An outside program or file that some outputs need, and the Debian package that provides it.</summary>
/// <param name="Name">Short name as shown by <c>doctor</c>.</param>
/// <param name="Probe">A program name looked up on PATH, or an absolute file path.</param>
/// <param name="DebianPackage">The package to install (the same names as scripts/setup-debian).</param>
/// <param name="Purpose">What it is used for.</param>
internal sealed record ExternalTool(string Name, string Probe, string DebianPackage, string Purpose)
{
    /// <summary>Engraves scores (PNG, PDF, SVG).</summary>
    public static readonly ExternalTool LilyPond = new("lilypond", "lilypond", "lilypond", "engraved scores: PNG, PDF, SVG");
    /// <summary>Synthesises MIDI to audio (WAV).</summary>
    public static readonly ExternalTool FluidSynth = new("fluidsynth", "fluidsynth", "fluidsynth", "audio: WAV, with the SoundFont");
    /// <summary>The General MIDI SoundFont FluidSynth plays with.</summary>
    public static readonly ExternalTool SoundFont = new("soundfont", "/usr/share/sounds/sf2/FluidR3_GM.sf2", "fluid-soundfont-gm", "the General MIDI instruments of audio");
    /// <summary>Prints MIDI files as text (for looking into MIDI files).</summary>
    public static readonly ExternalTool MidiCsv = new("midicsv", "midicsv", "midicsv", "MIDI files as text, for debugging");

    /// <summary>All of them, in the order doctor lists them.</summary>
    public static readonly IReadOnlyList<ExternalTool> All = [LilyPond, FluidSynth, SoundFont, MidiCsv];
}
