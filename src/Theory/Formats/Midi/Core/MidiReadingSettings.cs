using System.Text;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>What to do when the file does not start with an <c>MThd</c> header chunk.</summary>
public enum NoHeaderChunkPolicy
{
    /// <summary>Throw <see cref="NoHeaderChunkException"/> (default).</summary>
    Abort,
    /// <summary>Read the chunks from byte 0 as if a header said format 1, 480 ticks per quarter note.</summary>
    Ignore,
}

/// <summary>What to do when a chunk declares more bytes than are left in the file (typically a truncated file).</summary>
public enum InvalidChunkSizePolicy
{
    /// <summary>Throw <see cref="InvalidChunkSizeException"/> with the declared and available byte counts (default).</summary>
    Abort,
    /// <summary>Read the bytes that are there as the chunk (a truncated last track then meets <see cref="NotEnoughBytesPolicy"/>).</summary>
    Ignore,
}

/// <summary>What to do with a chunk that is neither <c>MThd</c> nor <c>MTrk</c>.</summary>
public enum UnknownChunkPolicy
{
    /// <summary>Keep it as an <see cref="UnknownChunk"/>, so that writing the file back keeps it (default).</summary>
    ReadAsUnknownChunk,
    /// <summary>Skip its bytes.</summary>
    Skip,
    /// <summary>Throw <see cref="UnknownChunkException"/>.</summary>
    Abort,
}

/// <summary>What to do when a track chunk ends without an End of Track event.</summary>
public enum MissingEndOfTrackPolicy
{
    /// <summary>Accept the track as it is (default: many programs omit the event; the writer adds it back).</summary>
    Ignore,
    /// <summary>Throw <see cref="MissingEndOfTrackException"/>.</summary>
    Abort,
}

/// <summary>What to do when an event, a length or a chunk header is cut off by the end of its track chunk or of the file.</summary>
public enum NotEnoughBytesPolicy
{
    /// <summary>Throw <see cref="UnexpectedEndOfFileException"/> (default).</summary>
    Abort,
    /// <summary>Keep what was read completely before the cut and drop the partial item.</summary>
    Ignore,
}

/// <summary>What to do when the header's track count differs from the number of track chunks.</summary>
public enum UnexpectedTrackChunksCountPolicy
{
    /// <summary>Read the track chunks that are there (default).</summary>
    Ignore,
    /// <summary>Throw <see cref="UnexpectedTrackChunksCountException"/>.</summary>
    Abort,
}

/// <summary>What to do when a channel event's data byte is 0x80 or more.</summary>
public enum InvalidChannelEventParameterValuePolicy
{
    /// <summary>Throw <see cref="InvalidChannelEventParameterValueException"/> (default).</summary>
    Abort,
    /// <summary>Keep the low seven bits of the byte.</summary>
    ReadValid,
    /// <summary>Use 127, the largest valid value.</summary>
    SnapToLimits,
}

/// <summary>
/// What to do when a meta event's value is out of range (a key signature of 9 sharps or a mode other than 0/1,
/// a tempo of 0, a time signature with numerator 0 or a denominator above 2^7, SMPTE fields out of range, a
/// channel prefix above 15). A meta event whose <em>length</em> does not fit its type is not a value defect: it
/// is kept byte for byte as an <see cref="UnknownMetaEvent"/>.
/// </summary>
public enum InvalidMetaEventParameterValuePolicy
{
    /// <summary>Throw <see cref="InvalidMetaEventParameterValueException"/> (default).</summary>
    Abort,
    /// <summary>Clamp the value into its range (a mode other than 0 counts as minor).</summary>
    SnapToLimits,
}

/// <summary>What to do when the header's format is not 0, 1 or 2.</summary>
public enum UnknownFileFormatPolicy
{
    /// <summary>Throw <see cref="UnknownFileFormatException"/> (default).</summary>
    Abort,
    /// <summary>Read the file as format 1.</summary>
    Ignore,
}

/// <summary>
/// How <see cref="MidiFileReader"/> treats each kind of defect, in the manner of DryWetMIDI's <c>ReadingSettings</c>:
/// one policy per kind, each either Abort (throw a <see cref="MidiFormatException"/> subclass) or a named
/// tolerant action. Structural defects that leave nothing sensible to read (a variable-length quantity over
/// 4 bytes, a data byte with no running status, a status byte 0xF1–0xF6 or 0xF8–0xFE, an invalid time
/// division, a header chunk cut before or declaring fewer than its 6 bytes) always abort. The defaults (<see cref="Default"/>) abort on damaged data and tolerate the
/// harmless deviations common in real files (missing End of Track, a wrong track count, unknown chunks).
/// Immutable and thread-safe.
/// </summary>
public sealed record MidiReadingSettings
{
    /// <summary>The default settings (each policy's first member except where documented).</summary>
    public static readonly MidiReadingSettings Default = new();

    /// <summary>Settings that read whatever can be read: every policy tolerant.</summary>
    public static readonly MidiReadingSettings Lenient = new()
    {
        NoHeaderChunkPolicy = NoHeaderChunkPolicy.Ignore,
        InvalidChunkSizePolicy = InvalidChunkSizePolicy.Ignore,
        UnknownChunkPolicy = UnknownChunkPolicy.Skip,
        MissingEndOfTrackPolicy = MissingEndOfTrackPolicy.Ignore,
        NotEnoughBytesPolicy = NotEnoughBytesPolicy.Ignore,
        UnexpectedTrackChunksCountPolicy = UnexpectedTrackChunksCountPolicy.Ignore,
        InvalidChannelEventParameterValuePolicy = InvalidChannelEventParameterValuePolicy.ReadValid,
        InvalidMetaEventParameterValuePolicy = InvalidMetaEventParameterValuePolicy.SnapToLimits,
        UnknownFileFormatPolicy = UnknownFileFormatPolicy.Ignore,
    };

    /// <summary>No <c>MThd</c> at the start. Default: <see cref="NoHeaderChunkPolicy.Abort"/>.</summary>
    public NoHeaderChunkPolicy NoHeaderChunkPolicy { get; init; }
    /// <summary>A chunk longer than the file. Default: <see cref="InvalidChunkSizePolicy.Abort"/>.</summary>
    public InvalidChunkSizePolicy InvalidChunkSizePolicy { get; init; }
    /// <summary>A chunk of unknown type. Default: <see cref="UnknownChunkPolicy.ReadAsUnknownChunk"/>.</summary>
    public UnknownChunkPolicy UnknownChunkPolicy { get; init; }
    /// <summary>A track without End of Track. Default: <see cref="MissingEndOfTrackPolicy.Ignore"/>.</summary>
    public MissingEndOfTrackPolicy MissingEndOfTrackPolicy { get; init; }
    /// <summary>An item cut off by the end of its chunk or file. Default: <see cref="NotEnoughBytesPolicy.Abort"/>.</summary>
    public NotEnoughBytesPolicy NotEnoughBytesPolicy { get; init; }
    /// <summary>A track count other than the header's. Default: <see cref="UnexpectedTrackChunksCountPolicy.Ignore"/>.</summary>
    public UnexpectedTrackChunksCountPolicy UnexpectedTrackChunksCountPolicy { get; init; }
    /// <summary>A channel data byte ≥ 0x80. Default: <see cref="InvalidChannelEventParameterValuePolicy.Abort"/>.</summary>
    public InvalidChannelEventParameterValuePolicy InvalidChannelEventParameterValuePolicy { get; init; }
    /// <summary>A meta event value out of range. Default: <see cref="InvalidMetaEventParameterValuePolicy.Abort"/>.</summary>
    public InvalidMetaEventParameterValuePolicy InvalidMetaEventParameterValuePolicy { get; init; }
    /// <summary>A format other than 0, 1, 2. Default: <see cref="UnknownFileFormatPolicy.Abort"/>.</summary>
    public UnknownFileFormatPolicy UnknownFileFormatPolicy { get; init; }

    /// <summary>
    /// The encoding of text meta events. Default: Latin-1 (ISO-8859-1), which maps every byte to one character,
    /// so any text reads and writes back byte for byte; the standard itself only promises ASCII.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Encoding TextEncoding
    {
        get => _textEncoding;
        init => _textEncoding = value ?? throw new ArgumentNullException(nameof(TextEncoding));
    }

    private readonly Encoding _textEncoding = Encoding.Latin1;
}
