using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>A piece of a corpus set: the file it came from, its score and its labels. Immutable.</summary>
/// <param name="Source">The file (relative to the set's folder); for ABC "file.abc#X Title" (the tune's X: number and title), for JSB "split/index".</param>
/// <param name="Score">The score.</param>
/// <param name="Labels">Its labels.</param>
public sealed record CorpusPiece(string Source, Score Score, PieceLabels Labels);

/// <summary>A file (or one tune of an ABC file) a loader could not use, and why.</summary>
/// <param name="Source">The file, or the tune's id as in <see cref="CorpusPiece.Source"/>.</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record CorpusProblem(string Source, string Reason);

/// <summary>What loading a set gave: the pieces, in file order, and the files that could not be used.</summary>
/// <param name="Set">The set.</param>
/// <param name="Folder">The folder it was read from.</param>
/// <param name="Pieces">Pieces read, sorted by source.</param>
/// <param name="Problems">Files skipped, with reasons.</param>
public sealed record CorpusLoadResult(CorpusSet Set, string Folder, IReadOnlyList<CorpusPiece> Pieces, IReadOnlyList<CorpusProblem> Problems);
