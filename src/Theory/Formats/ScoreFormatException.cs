namespace EvoComposer.Theory.Formats;

/// <summary>
/// A file could not be read as a score. Carries the file, the place in it (e.g. "line 12, spine 3" or
/// "byte 0x1A4, track 2") and the reason, so that the CLI can print one clear line:
/// <c>chor001.krn: line 12, spine 3: '4q#' is not a kern note</c>.
/// Format-specific exceptions derive from this one.
/// </summary>
public class ScoreFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScoreFormatException(string? file, string? location, string reason, Exception? inner = null)
        : base(Compose(file, location, reason), inner)
    {
        File = file;
        Location = location;
        Reason = reason;
    }

    /// <summary>The file (or a name standing for the input), when known.</summary>
    public string? File { get; }
    /// <summary>Where in the file, when known.</summary>
    public string? Location { get; }
    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Compose(string? file, string? location, string reason) =>
        string.Join(": ", new[] { file, location, reason }.Where(s => !string.IsNullOrEmpty(s)));
}
