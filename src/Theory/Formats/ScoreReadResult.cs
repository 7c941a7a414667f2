using System.Collections.Immutable;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats;

/// <summary>
/// What <see cref="IScoreReader.ReadWithDiagnostics"/> returns: the score and the defects the reader tolerated, in
/// input order (empty when there were none, or when the reader does not report them). Immutable.
/// </summary>
/// <param name="Score">The score.</param>
/// <param name="Diagnostics">Tolerated defects.</param>
public sealed record ScoreReadResult(Score Score, ImmutableArray<ReadDiagnostic> Diagnostics);
