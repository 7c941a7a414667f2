using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Kern;

/// <summary>
/// Reads Humdrum <c>**kern</c> files (<c>.krn</c>). Spines are read left to right, the leftmost being the lowest
/// voice, and the parts are returned highest first. Spine splits, joins, exchanges, additions and ends
/// (<c>*^ *v *x *+ *-</c>) are followed: the notes of sub-spines belong to the part of their parent spine.
/// Non-kern spines (<c>**dynam</c>, <c>**text</c>, …) are skipped. Tied notes are merged into one
/// <see cref="Note"/> with <see cref="Note.TieMerged"/> set, which carries a fermata when any of its pieces does.
/// Chords give one note per member. Grace notes (<c>q</c>, <c>Q</c>) have no duration and are left out of the
/// parts (<see cref="KernReadResult.GraceNoteCount"/> counts them), as a MIDI rendering has none either.
/// Durations are exact: dots, tuplets (<c>3</c>, <c>6</c>, <c>12</c>), rational durations (<c>3%2</c>) and
/// breves (<c>0</c>, <c>00</c>); each data line starts when the earliest event sounding before it ends, and a
/// line of grace notes takes no time. Measures start at numbered barlines (<c>=12</c>); unnumbered ones (repeat
/// signs in mid-measure, <c>==</c>) start none. What comes before the first numbered barline gets one less than
/// its number: measure 0, a pickup, before <c>=1</c>. Reference records become <see cref="ScoreMetadata"/>:
/// <c>COM</c> composer, <c>OTL</c> title, <c>SCT</c> catalogue number, <c>YEM</c> (else <c>YEC</c>) licence,
/// the others <see cref="ScoreMetadata.References"/>. <c>*G:</c>-style key interpretations give
/// <see cref="Score.Key"/> (the first one declared; church modes are read as major or minor by their third);
/// <c>*k[…]</c>, <c>*M3/4</c> and <c>*MM100</c> give key signatures, meters and tempos.
/// <para>
/// Tolerated, reported in <see cref="KernReadResult.Diagnostics"/>: unknown or unreadable tandem
/// interpretations (ignored), a non-standard key signature (its count of sharps or flats is used), a tie end or
/// continuation without a start (a new note), a tie never closed (the written length), an event that starts
/// before the previous one in its spine ends, joining spines of two parts, text that is not valid UTF-8 (read
/// as Latin-1, the encoding of older Humdrum files). Tolerated silently: blank lines,
/// local comments, beams, slurs, articulations, ornaments and editorial marks, a missing final <c>*-</c>.
/// </para>
/// <para>
/// Fatal, as a <see cref="KernFormatException"/> with line and spine: no exclusive interpretation before the
/// data (not Humdrum), no <c>**kern</c> spine, NUL bytes (a binary file), a line whose token count differs from
/// the active spines (also after a split or join), an empty token or one of spaces only, a line mixing record kinds, a token that is
/// not a kern note (no pitch or rest, two pitch letters, no duration, two durations, a zero or huge duration,
/// more than three accidentals, an unused control or non-ASCII byte), a malformed <c>*k[…]</c>, a lone
/// <c>*v</c>, a line with <c>*x</c> in other than two spines, data after all spines ended, and onsets too fine to add exactly.
/// </para>
/// Thread-safe: the reader holds no state.
/// </summary>
public sealed class KernReader : IScoreReader
{
    /// <inheritdoc/>
    public string FormatName => "kern";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".krn"];

    /// <inheritdoc/>
    /// <exception cref="KernFormatException">The bytes are not a readable kern file.</exception>
    public Score Read(ReadOnlyMemory<byte> bytes, string sourceName) => ReadWithDiagnostics(bytes, sourceName).Score;

    /// <summary>Reads a score and reports what was tolerated and how many grace notes were left out.</summary>
    /// <exception cref="KernFormatException">The bytes are not a readable kern file.</exception>
    public KernReadResult ReadWithDiagnostics(ReadOnlyMemory<byte> bytes, string sourceName) =>
        KernParser.Parse(bytes.Span, sourceName);
}
