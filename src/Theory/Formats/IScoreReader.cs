using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats;

/// <summary>Reads one file format into a <see cref="Score"/>.</summary>
public interface IScoreReader
{
    /// <summary>The format's short name, as in the <c>inspect</c> JSON ("kern", "midi", "musicxml", "abc").</summary>
    string FormatName { get; }

    /// <summary>File extensions this reader handles, lower case with the dot (".krn").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Reads a score from bytes. <paramref name="sourceName"/> names the input in error messages and in
    /// <see cref="ScoreMetadata.SourceFile"/>.
    /// </summary>
    /// <exception cref="ScoreFormatException">The bytes are not a readable score of this format.</exception>
    Score Read(ReadOnlyMemory<byte> bytes, string sourceName);

    /// <summary>
    /// Reads a score from bytes, as <see cref="Read"/> does, and reports the defects that were tolerated. By
    /// default none are: readers that tolerate defects and can say which override this.
    /// </summary>
    /// <exception cref="ScoreFormatException">The bytes are not a readable score of this format.</exception>
    ScoreReadResult ReadWithDiagnostics(ReadOnlyMemory<byte> bytes, string sourceName) => new(Read(bytes, sourceName), []);
}
