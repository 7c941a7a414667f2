using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats;

/// <summary>
/// Reads a score from a file in any supported format, chosen by the file's extension. Every failure
/// (missing, empty, unreadable, malformed, too large) becomes a <see cref="ScoreFormatException"/>.
/// </summary>
public static class ScoreFiles
{
    /// <summary>Largest file read, in bytes (64 MiB): scores are small, and this bounds memory on hostile input.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly List<IScoreReader> Readers = [];

    static ScoreFiles()
    {
        // Each format adds its reader here, one line each.
        Register(new Kern.KernReader());
        Register(new Midi.MidiScoreReader());
        Register(new MusicXml.MusicXmlReader());
        Register(new Abc.AbcReader());
    }

    /// <summary>The registered readers.</summary>
    public static IReadOnlyList<IScoreReader> All
    {
        get { lock (Readers) return Readers.ToArray(); }
    }

    /// <summary>Adds or replaces a reader (the built-in formats are added by the static constructor).</summary>
    public static void Register(IScoreReader reader)
    {
        lock (Readers)
        {
            Readers.RemoveAll(r => r.FormatName == reader.FormatName);
            Readers.Add(reader);
        }
    }

    /// <summary>The reader for a path's extension, or null when no format claims it.</summary>
    public static IScoreReader? ReaderFor(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        lock (Readers) return Readers.FirstOrDefault(r => r.Extensions.Contains(ext));
    }

    /// <summary>
    /// Every file below <paramref name="folder"/> (recursively, skipping what may not be read) that some reader
    /// handles, as paths relative to the folder, in ordinal order so that runs are reproducible.
    /// </summary>
    public static string[] FindIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(IsSupported)
            .Select(f => Path.GetRelativePath(folder, f))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>True when some reader handles the path's extension.</summary>
    public static bool IsSupported(string path) => ReaderFor(path) is not null;

    /// <summary>Reads a score file.</summary>
    /// <exception cref="ScoreFormatException">Any reason the file cannot be read, with the file named.</exception>
    public static Score Read(string path) => ReadWithDiagnostics(path).Score;

    /// <summary>Reads a score file and reports the defects its reader tolerated (see <see cref="IScoreReader.ReadWithDiagnostics"/>).</summary>
    /// <exception cref="ScoreFormatException">Any reason the file cannot be read, with the file named.</exception>
    public static ScoreReadResult ReadWithDiagnostics(string path)
    {
        var reader = ReaderFor(path) ?? throw new ScoreFormatException(path, null,
            $"unknown file type '{Path.GetExtension(path)}' (supported: {string.Join(", ", All.SelectMany(r => r.Extensions))})");
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path)) throw new ScoreFormatException(path, null, "is a directory, not a file");
            if (!info.Exists) throw new ScoreFormatException(path, null, "file not found");
            if (info.Length > MaxFileBytes) throw new ScoreFormatException(path, null, $"file is {info.Length} bytes, more than the {MaxFileBytes} a score may have");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScoreFormatException(path, null, $"cannot be read: {e.Message}", e);
        }
        if (bytes.Length == 0) throw new ScoreFormatException(path, null, "file is empty");
        return reader.ReadWithDiagnostics(bytes, path);
    }
}
