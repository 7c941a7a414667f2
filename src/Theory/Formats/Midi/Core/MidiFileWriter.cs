using System.Buffers.Binary;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>
/// Writes <see cref="MidiFile"/>s as Standard MIDI Files: the header, then every chunk in order (unknown
/// chunks byte for byte). Running status is used unless <see cref="MidiWritingSettings.UseRunningStatus"/> is
/// off; an End of Track event is added to a track that lacks one. Thread-safe (stateless).
/// </summary>
public static class MidiFileWriter
{
    /// <summary>Writes a file to bytes.</summary>
    /// <exception cref="ArgumentException">A format 0 file without exactly one track chunk.</exception>
    public static byte[] Write(MidiFile file, MidiWritingSettings? settings = null)
    {
        using var output = new MemoryStream();
        Write(file, output, settings);
        return output.ToArray();
    }

    /// <summary>Writes a file to a stream.</summary>
    /// <exception cref="ArgumentException">A format 0 file without exactly one track chunk.</exception>
    public static void Write(MidiFile file, Stream output, MidiWritingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        settings ??= MidiWritingSettings.Default;
        if (file.Format == MidiFileFormat.SingleTrack && file.TrackChunks.Length != 1)
            throw new ArgumentException($"A format 0 file has exactly one track chunk, not {file.TrackChunks.Length}.", nameof(file));
        if (file.TrackChunks.Length > 0xFFFF)
            throw new ArgumentException("A file holds at most 65535 track chunks.", nameof(file));

        Span<byte> header = stackalloc byte[14];
        "MThd"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 6);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], (ushort)file.Format);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)file.TrackChunks.Length);
        BinaryPrimitives.WriteUInt16BigEndian(header[12..], file.TimeDivision switch
        {
            TicksPerQuarterNoteTimeDivision t => (ushort)t.TicksPerQuarterNote,
            SmpteTimeDivision s => (ushort)(((byte)(sbyte)-s.FramesPerSecond << 8) | s.TicksPerFrame),
            _ => throw new ArgumentException("Unknown time division.", nameof(file)),
        });
        output.Write(header);

        using var body = new MemoryStream();
        Span<byte> chunkHeader = stackalloc byte[8];
        foreach (var chunk in file.Chunks)
        {
            body.SetLength(0);
            switch (chunk)
            {
                case MidiTrackChunk track:
                    WriteTrack(track, body, settings);
                    break;
                case UnknownChunk unknown:
                    body.Write(unknown.Data.AsSpan());
                    break;
                default:
                    throw new ArgumentException($"Unknown chunk type {chunk.GetType().Name}.", nameof(file));
            }
            for (int i = 0; i < 4; i++) chunkHeader[i] = (byte)chunk.ChunkId[i];
            BinaryPrimitives.WriteUInt32BigEndian(chunkHeader[4..], checked((uint)body.Length));
            output.Write(chunkHeader);
            body.Position = 0;
            body.CopyTo(output);
        }
    }

    private static void WriteTrack(MidiTrackChunk track, Stream output, MidiWritingSettings settings)
    {
        byte runningStatus = 0;
        foreach (var e in track.Events)
        {
            VariableLengthQuantity.Write(output, e.DeltaTime);
            switch (e)
            {
                case ChannelEvent c:
                    WriteChannelEvent(c, output, settings, ref runningStatus);
                    break;
                case MetaEvent m:
                    runningStatus = 0;
                    output.WriteByte(0xFF);
                    output.WriteByte(m.MetaType);
                    WriteMetaData(m, output, settings);
                    break;
                case SysExEvent x:
                    runningStatus = 0;
                    output.WriteByte(x is NormalSysExEvent ? (byte)0xF0 : (byte)0xF7);
                    WriteBlock(output, x.Data.AsSpan());
                    break;
                default:
                    throw new ArgumentException($"Unknown event type {e.GetType().Name}.", nameof(track));
            }
        }
        if (track.Events.IsEmpty || track.Events[^1] is not EndOfTrackEvent)
        {
            output.WriteByte(0);
            output.Write([0xFF, 0x2F, 0x00]);
        }
    }

    private static void WriteChannelEvent(ChannelEvent e, Stream output, MidiWritingSettings settings, ref byte runningStatus)
    {
        if (settings.NoteOffAsSilentNoteOn && e is NoteOffEvent off) e = new NoteOnEvent(off.Channel, off.NoteNumber, 0);
        byte status = (byte)(e.StatusKind | e.Channel);
        if (!settings.UseRunningStatus || status != runningStatus) output.WriteByte(status);
        runningStatus = status;
        switch (e)
        {
            case NoteOnEvent n: output.WriteByte((byte)n.NoteNumber); output.WriteByte((byte)n.Velocity); break;
            case NoteOffEvent n: output.WriteByte((byte)n.NoteNumber); output.WriteByte((byte)n.Velocity); break;
            case PolyphonicKeyPressureEvent p: output.WriteByte((byte)p.NoteNumber); output.WriteByte((byte)p.Pressure); break;
            case ControlChangeEvent c: output.WriteByte((byte)c.Controller); output.WriteByte((byte)c.Value); break;
            case ProgramChangeEvent p: output.WriteByte((byte)p.Program); break;
            case ChannelPressureEvent p: output.WriteByte((byte)p.Pressure); break;
            case PitchBendEvent b: output.WriteByte((byte)(b.Value & 0x7F)); output.WriteByte((byte)(b.Value >> 7)); break;
        }
    }

    private static void WriteMetaData(MetaEvent e, Stream output, MidiWritingSettings settings)
    {
        switch (e)
        {
            case TextMetaEvent t:
                WriteBlock(output, settings.TextEncoding.GetBytes(t.Text));
                break;
            case SequenceNumberEvent s:
                WriteBlock(output, [(byte)(s.Number >> 8), (byte)s.Number]);
                break;
            case ChannelPrefixEvent c:
                WriteBlock(output, [(byte)c.Channel]);
                break;
            case PortPrefixEvent p:
                WriteBlock(output, [(byte)p.Port]);
                break;
            case EndOfTrackEvent:
                output.WriteByte(0);
                break;
            case SetTempoEvent t:
                int us = t.MicrosecondsPerQuarterNote;
                WriteBlock(output, [(byte)(us >> 16), (byte)(us >> 8), (byte)us]);
                break;
            case SmpteOffsetEvent s:
                WriteBlock(output, [(byte)(s.FrameRate << 5 | s.Hours), (byte)s.Minutes, (byte)s.Seconds, (byte)s.Frames, (byte)s.SubFrames]);
                break;
            case TimeSignatureEvent t:
                WriteBlock(output, [(byte)t.Numerator, (byte)int.Log2(t.Denominator), (byte)t.ClocksPerClick, (byte)t.ThirtySecondNotesPerQuarterNote]);
                break;
            case KeySignatureEvent k:
                WriteBlock(output, [(byte)(sbyte)k.Fifths, k.IsMinor ? (byte)1 : (byte)0]);
                break;
            case SequencerSpecificEvent s:
                WriteBlock(output, s.Data.AsSpan());
                break;
            case UnknownMetaEvent u:
                WriteBlock(output, u.Data.AsSpan());
                break;
            default:
                throw new ArgumentException($"Unknown meta event type {e.GetType().Name}.", nameof(e));
        }
    }

    private static void WriteBlock(Stream output, ReadOnlySpan<byte> data)
    {
        VariableLengthQuantity.Write(output, data.Length);
        output.Write(data);
    }
}
