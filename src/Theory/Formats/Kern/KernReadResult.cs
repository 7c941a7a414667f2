using System.Collections.Immutable;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Kern;

/// <summary>
/// What <see cref="KernReader.ReadWithDiagnostics"/> returns: the score, the defects that were tolerated, and
/// the number of grace notes, which carry no duration and so are left out of <see cref="Part.Notes"/>.
/// Immutable.
/// </summary>
/// <param name="Score">The score.</param>
/// <param name="Diagnostics">Tolerated defects, in file order.</param>
/// <param name="GraceNoteCount">Grace notes (<c>q</c>, <c>Q</c>) read and left out of the parts.</param>
public sealed record KernReadResult(Score Score, ImmutableArray<KernDiagnostic> Diagnostics, int GraceNoteCount);
