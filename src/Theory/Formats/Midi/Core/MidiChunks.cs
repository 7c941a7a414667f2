using System.Collections.Immutable;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>A chunk after the header: a track chunk (<c>MTrk</c>) or a chunk of another type.</summary>
public abstract record MidiChunk
{
    /// <summary>The four-character chunk type ("MTrk").</summary>
    public abstract string ChunkId { get; }
}

/// <summary>
/// A track chunk: events with delta times, in order. The last event is normally <see cref="EndOfTrackEvent"/>
/// (the writer adds one when missing). Equality compares the events.
/// </summary>
public sealed record MidiTrackChunk : MidiChunk
{
    /// <summary>The chunk type of track chunks.</summary>
    public const string Id = "MTrk";

    /// <summary>Creates a track chunk.</summary>
    public MidiTrackChunk(IEnumerable<MidiEvent> events) => Events = events.ToImmutableArray();

    /// <summary>The events in order.</summary>
    public ImmutableArray<MidiEvent> Events { get; }
    /// <inheritdoc/>
    public override string ChunkId => Id;

    /// <summary>Compares the events.</summary>
    public bool Equals(MidiTrackChunk? other) => other is not null && Events.SequenceEqual(other.Events);
    /// <inheritdoc/>
    public override int GetHashCode() => Events.Length;
}

/// <summary>A chunk of a type this library does not know, kept byte for byte (see <see cref="UnknownChunkPolicy"/>).</summary>
public sealed record UnknownChunk : MidiChunk
{
    private readonly string _id;

    /// <summary>Creates the chunk.</summary>
    /// <param name="chunkId">Four characters (each 0–255, as read with Latin-1).</param>
    /// <param name="data">The chunk's bytes after its length.</param>
    public UnknownChunk(string chunkId, ImmutableArray<byte> data)
    {
        if (chunkId is null || chunkId.Length != 4 || chunkId.Any(c => c > 0xFF))
            throw new ArgumentException("A chunk id is four 8-bit characters.", nameof(chunkId));
        _id = chunkId;
        Data = data.IsDefault ? [] : data;
    }

    /// <inheritdoc/>
    public override string ChunkId => _id;
    /// <summary>The bytes after the length.</summary>
    public ImmutableArray<byte> Data { get; }

    /// <summary>Compares the id and the bytes.</summary>
    public bool Equals(UnknownChunk? other) => other is not null && _id == other._id && Data.AsSpan().SequenceEqual(other.Data.AsSpan());
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_id, Data.Length);
}
