namespace EvoComposer.Theory.Formats.Kern;

/// <summary>
/// A Humdrum <c>**kern</c> file could not be read. Besides the file and reason of
/// <see cref="ScoreFormatException"/> it carries the line (1-based) and, when the defect is in one token, the
/// spine (1-based, counted from the left in the spine layout of that line).
/// </summary>
public sealed class KernFormatException : ScoreFormatException
{
    /// <summary>Creates the exception.</summary>
    public KernFormatException(string? file, int line, int? spine, string reason, Exception? inner = null)
        : base(file, Describe(line, spine), reason, inner)
    {
        Line = line;
        Spine = spine;
    }

    /// <summary>The 1-based line of the defect (0 when it concerns the file as a whole).</summary>
    public int Line { get; }

    /// <summary>The 1-based spine of the defect, when it is in one token.</summary>
    public int? Spine { get; }

    private static string? Describe(int line, int? spine) =>
        line <= 0 ? null : spine is { } s ? $"line {line}, spine {s}" : $"line {line}";
}
