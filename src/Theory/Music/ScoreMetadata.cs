using System.Collections.Immutable;

namespace EvoComposer.Theory.Music;

/// <summary>
/// Descriptive data about a score: title, composer, catalogue number (e.g. "BWV 269"), the file it was read
/// from, its licence, and any other reference records of the source (Humdrum <c>!!!</c> records) by key.
/// Immutable and thread-safe.
/// </summary>
public sealed record ScoreMetadata
{
    /// <summary>No metadata at all.</summary>
    public static readonly ScoreMetadata Empty = new();

    /// <summary>Title of the piece.</summary>
    public string? Title { get; init; }
    /// <summary>Composer.</summary>
    public string? Composer { get; init; }
    /// <summary>Catalogue number, e.g. "BWV 269".</summary>
    public string? CatalogueNumber { get; init; }
    /// <summary>The file the score was read from.</summary>
    public string? SourceFile { get; init; }
    /// <summary>Licence of the source.</summary>
    public string? Licence { get; init; }
    /// <summary>Other reference records, by key (e.g. "SCA", "ONM"), in source order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> References { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(ScoreMetadata? other) =>
        other is not null && Title == other.Title && Composer == other.Composer && CatalogueNumber == other.CatalogueNumber &&
        SourceFile == other.SourceFile && Licence == other.Licence && References.SequenceEqual(other.References);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Title, Composer, CatalogueNumber, SourceFile, Licence, References.Length);
}
