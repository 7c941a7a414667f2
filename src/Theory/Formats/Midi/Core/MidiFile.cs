using System.Collections.Immutable;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>The format in a Standard MIDI File's header.</summary>
public enum MidiFileFormat
{
    /// <summary>Format 0: one track holding every channel.</summary>
    SingleTrack = 0,
    /// <summary>Format 1: simultaneous tracks (track 0 by convention the conductor track with tempo and meter).</summary>
    MultiTrack = 1,
    /// <summary>Format 2: independent single-track sequences.</summary>
    MultiSequence = 2,
}

/// <summary>
/// A Standard MIDI File at the byte level: format, time division and chunks (track chunks with events and
/// delta times, and any other chunks kept). Read with <see cref="MidiFileReader"/>, written with
/// <see cref="MidiFileWriter"/>; the absolute-time view (notes, tempo map) is in the <c>Interaction</c> namespace.
/// Immutable; equality compares format, division and chunks.
/// </summary>
public sealed record MidiFile
{
    /// <summary>Creates a file.</summary>
    public MidiFile(MidiFileFormat format, TimeDivision timeDivision, IEnumerable<MidiChunk> chunks)
    {
        if (!Enum.IsDefined(format)) throw new ArgumentOutOfRangeException(nameof(format), format, "Formats are 0, 1 and 2.");
        Format = format;
        TimeDivision = timeDivision ?? throw new ArgumentNullException(nameof(timeDivision));
        Chunks = chunks.ToImmutableArray();
        TrackChunks = Chunks.OfType<MidiTrackChunk>().ToImmutableArray();
    }

    /// <summary>The header's format.</summary>
    public MidiFileFormat Format { get; }
    /// <summary>What a tick means.</summary>
    public TimeDivision TimeDivision { get; }
    /// <summary>All chunks after the header, in file order.</summary>
    public ImmutableArray<MidiChunk> Chunks { get; }
    /// <summary>The track chunks, in file order.</summary>
    public ImmutableArray<MidiTrackChunk> TrackChunks { get; }

    /// <summary>Compares format, division and chunks.</summary>
    public bool Equals(MidiFile? other) =>
        other is not null && Format == other.Format && TimeDivision.Equals(other.TimeDivision) && Chunks.SequenceEqual(other.Chunks);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Format, TimeDivision, Chunks.Length);
}
