using System.Globalization;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>
/// A Standard MIDI File could not be read. Carries the byte offset of the defect and the index of the track
/// chunk (0-based, counting track chunks only; null in the header or in other chunks). Every defect the MIDI
/// reader reports is this type or a subclass, so catching it (or <see cref="ScoreFormatException"/>) is enough.
/// </summary>
public class MidiFormatException : ScoreFormatException
{
    /// <summary>Creates the exception.</summary>
    public MidiFormatException(string? file, long byteOffset, int? trackIndex, string reason, Exception? inner = null)
        : base(file, Where(byteOffset, trackIndex), reason, inner)
    {
        ByteOffset = byteOffset;
        TrackIndex = trackIndex;
    }

    /// <summary>Offset of the defect from the start of the file, in bytes.</summary>
    public long ByteOffset { get; }
    /// <summary>Index of the track chunk (0-based), or null outside track chunks.</summary>
    public int? TrackIndex { get; }

    private static string Where(long offset, int? track) =>
        string.Create(CultureInfo.InvariantCulture, $"byte 0x{offset:X}") +
        (track is { } t ? string.Create(CultureInfo.InvariantCulture, $", track {t}") : "");
}

/// <summary>
/// A chunk declares more bytes than are left in the file (see <see cref="InvalidChunkSizePolicy"/>), or a header
/// declares fewer than the 6 bytes it needs.
/// </summary>
public sealed class InvalidChunkSizeException : MidiFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file, when known.</param>
    /// <param name="byteOffset">Where the chunk starts.</param>
    /// <param name="trackIndex">The track chunk's index, for a track chunk.</param>
    /// <param name="chunkId">The chunk's type.</param>
    /// <param name="expectedBytes">The bytes the chunk declares (for a short header: the 6 it needs).</param>
    /// <param name="availableBytes">The bytes available (for a short header: the number it declares).</param>
    public InvalidChunkSizeException(string? file, long byteOffset, int? trackIndex, string chunkId, long expectedBytes, long availableBytes)
        : this(file, byteOffset, trackIndex, chunkId, expectedBytes, availableBytes,
            string.Create(CultureInfo.InvariantCulture, $"chunk '{chunkId}' declares {expectedBytes} bytes but {availableBytes} are available"))
    {
    }

    private InvalidChunkSizeException(string? file, long byteOffset, int? trackIndex, string chunkId, long expectedBytes, long availableBytes, string reason)
        : base(file, byteOffset, trackIndex, reason)
    {
        ChunkId = chunkId;
        ExpectedBytes = expectedBytes;
        AvailableBytes = availableBytes;
    }

    /// <summary>A header chunk that declares fewer than the 6 bytes it needs.</summary>
    internal static InvalidChunkSizeException ShortHeader(string? file, long declaredBytes) =>
        new(file, 0, null, "MThd", 6, declaredBytes,
            string.Create(CultureInfo.InvariantCulture, $"header chunk declares {declaredBytes} bytes but needs 6"));

    /// <summary>The chunk's type.</summary>
    public string ChunkId { get; }
    /// <summary>The length the chunk declares (for a short header: the 6 bytes it needs).</summary>
    public long ExpectedBytes { get; }
    /// <summary>The bytes actually available (for a short header: the length it declares).</summary>
    public long AvailableBytes { get; }
}

/// <summary>The file or a track chunk ends in the middle of something (see <see cref="NotEnoughBytesPolicy"/>).</summary>
public sealed class UnexpectedEndOfFileException(string? file, long byteOffset, int? trackIndex, string what, long neededBytes, long availableBytes)
    : MidiFormatException(file, byteOffset, trackIndex,
        string.Create(CultureInfo.InvariantCulture, $"{what} needs {neededBytes} more bytes but {availableBytes} are left"))
{
    /// <summary>Bytes needed to finish the item.</summary>
    public long NeededBytes { get; } = neededBytes;
    /// <summary>Bytes left.</summary>
    public long AvailableBytes { get; } = availableBytes;
}

/// <summary>A variable-length quantity runs over 4 bytes (the standard's limit), so the data is not MIDI.</summary>
public sealed class InvalidVariableLengthQuantityException(string? file, long byteOffset, int? trackIndex)
    : MidiFormatException(file, byteOffset, trackIndex, "variable-length quantity longer than 4 bytes");

/// <summary>The file does not start with an <c>MThd</c> header chunk (see <see cref="NoHeaderChunkPolicy"/>).</summary>
public sealed class NoHeaderChunkException(string? file)
    : MidiFormatException(file, 0, null, "not a Standard MIDI File (no 'MThd' header chunk)");

/// <summary>A data byte appears where a status byte is needed and no running status is in effect.</summary>
public sealed class InvalidRunningStatusException(string? file, long byteOffset, int trackIndex, byte dataByte)
    : MidiFormatException(file, byteOffset, trackIndex,
        string.Create(CultureInfo.InvariantCulture, $"data byte 0x{dataByte:X2} with no running status in effect"));

/// <summary>A status byte that cannot appear in a file (0xF1–0xF6, 0xF8–0xFE).</summary>
public sealed class InvalidStatusByteException(string? file, long byteOffset, int trackIndex, byte statusByte)
    : MidiFormatException(file, byteOffset, trackIndex,
        string.Create(CultureInfo.InvariantCulture, $"status byte 0x{statusByte:X2} is not allowed in a MIDI file"))
{
    /// <summary>The byte found.</summary>
    public byte StatusByte { get; } = statusByte;
}

/// <summary>A channel event's data byte is 0x80 or more (see <see cref="InvalidChannelEventParameterValuePolicy"/>).</summary>
public sealed class InvalidChannelEventParameterValueException(string? file, long byteOffset, int trackIndex, byte statusByte, byte value)
    : MidiFormatException(file, byteOffset, trackIndex,
        string.Create(CultureInfo.InvariantCulture, $"channel event 0x{statusByte:X2} has data byte 0x{value:X2} (must be below 0x80)"))
{
    /// <summary>The byte found.</summary>
    public byte Value { get; } = value;
}

/// <summary>A meta event's value is out of its range (see <see cref="InvalidMetaEventParameterValuePolicy"/>).</summary>
public sealed class InvalidMetaEventParameterValueException(string? file, long byteOffset, int trackIndex, string eventName, string parameter, int value)
    : MidiFormatException(file, byteOffset, trackIndex,
        string.Create(CultureInfo.InvariantCulture, $"{eventName} has {parameter} {value}, out of range"))
{
    /// <summary>The parameter's name.</summary>
    public string Parameter { get; } = parameter;
    /// <summary>The value found.</summary>
    public int Value { get; } = value;
}

/// <summary>A track chunk ends without an End of Track event (see <see cref="MissingEndOfTrackPolicy"/>).</summary>
public sealed class MissingEndOfTrackException(string? file, long byteOffset, int trackIndex)
    : MidiFormatException(file, byteOffset, trackIndex, "track chunk ends without an End of Track event");

/// <summary>A chunk of an unknown type (see <see cref="UnknownChunkPolicy"/>).</summary>
public sealed class UnknownChunkException(string? file, long byteOffset, string chunkId)
    : MidiFormatException(file, byteOffset, null, $"unknown chunk type '{chunkId}'")
{
    /// <summary>The chunk's type.</summary>
    public string ChunkId { get; } = chunkId;
}

/// <summary>The header announces a number of track chunks other than the number found (see <see cref="UnexpectedTrackChunksCountPolicy"/>).</summary>
public sealed class UnexpectedTrackChunksCountException(string? file, long byteOffset, int expected, int actual)
    : MidiFormatException(file, byteOffset, null,
        string.Create(CultureInfo.InvariantCulture, $"header announces {expected} track chunks but the file has {actual}"))
{
    /// <summary>The number in the header.</summary>
    public int Expected { get; } = expected;
    /// <summary>The number found.</summary>
    public int Actual { get; } = actual;
}

/// <summary>The header's format is not 0, 1 or 2 (see <see cref="UnknownFileFormatPolicy"/>).</summary>
public sealed class UnknownFileFormatException(string? file, long byteOffset, int format)
    : MidiFormatException(file, byteOffset, null, string.Create(CultureInfo.InvariantCulture, $"unknown file format {format} (expected 0, 1 or 2)"))
{
    /// <summary>The format found.</summary>
    public int Format { get; } = format;
}

/// <summary>The header's time division is invalid (0 ticks per quarter note, an unknown SMPTE frame rate, 0 ticks per frame).</summary>
public sealed class InvalidTimeDivisionException(string? file, long byteOffset, int value)
    : MidiFormatException(file, byteOffset, null, string.Create(CultureInfo.InvariantCulture, $"invalid time division 0x{value:X4}"))
{
    /// <summary>The 16-bit value found.</summary>
    public int Value { get; } = value;
}
