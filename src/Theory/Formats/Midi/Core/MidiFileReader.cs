using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>
/// Reads Standard MIDI Files (formats 0, 1 and 2) into <see cref="MidiFile"/>s. Defects are handled as
/// <see cref="MidiReadingSettings"/> says; everything that goes wrong is a <see cref="MidiFormatException"/>
/// subclass carrying the byte offset and track index. Every declared length (chunk, meta event, SysEx) is
/// checked against the bytes left before anything is allocated, variable-length quantities are limited to
/// 4 bytes, and every step consumes at least one byte, so reading never allocates more than the input
/// justifies and never hangs. Running status is honoured; it is kept across meta and SysEx events (the
/// standard says they cancel it, but files that rely on it are common and the reading is unambiguous).
/// Thread-safe (stateless).
/// </summary>
public static class MidiFileReader
{
    /// <summary>Reads a file from bytes.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="settings">How to treat defects; null for <see cref="MidiReadingSettings.Default"/>.</param>
    /// <param name="sourceName">Names the input in exception messages.</param>
    /// <exception cref="MidiFormatException">A defect the settings say to abort on, or a structural one.</exception>
    public static MidiFile Read(ReadOnlySpan<byte> bytes, MidiReadingSettings? settings = null, string? sourceName = null) =>
        new Parser(bytes, settings ?? MidiReadingSettings.Default, sourceName).ReadFile();

    /// <summary>Reads a file from disk.</summary>
    /// <exception cref="MidiFormatException">As <see cref="Read(ReadOnlySpan{byte}, MidiReadingSettings?, string?)"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static MidiFile Read(string path, MidiReadingSettings? settings = null) =>
        Read(File.ReadAllBytes(path), settings, path);

    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly MidiReadingSettings _settings;
        private readonly string? _file;
        private int _pos;
        private int _end; // end of the current chunk (or of the file)
        private int? _track;

        public Parser(ReadOnlySpan<byte> bytes, MidiReadingSettings settings, string? file)
        {
            _bytes = bytes;
            _settings = settings;
            _file = file;
            _end = bytes.Length;
        }

        public MidiFile ReadFile()
        {
            var format = MidiFileFormat.MultiTrack;
            TimeDivision division = new TicksPerQuarterNoteTimeDivision(480);
            int declaredTracks = -1;
            if (_bytes.Length >= 4 && _bytes[..4].SequenceEqual("MThd"u8))
            {
                (format, declaredTracks, division) = ReadHeader();
            }
            else if (_settings.NoHeaderChunkPolicy == NoHeaderChunkPolicy.Abort)
            {
                throw new NoHeaderChunkException(_file);
            }

            var chunks = new List<MidiChunk>();
            int trackCount = 0;
            while (_pos < _bytes.Length)
            {
                int chunkStart = _pos;
                int left = _bytes.Length - _pos;
                if (left < 8)
                {
                    if (_settings.NotEnoughBytesPolicy == NotEnoughBytesPolicy.Ignore) break;
                    throw new UnexpectedEndOfFileException(_file, chunkStart, null, "chunk header", 8, left);
                }
                var idBytes = _bytes.Slice(_pos, 4);
                uint declared = BinaryPrimitives.ReadUInt32BigEndian(_bytes.Slice(_pos + 4, 4));
                _pos += 8;
                bool isTrack = idBytes.SequenceEqual("MTrk"u8);
                long available = _bytes.Length - _pos;
                int length;
                if (declared > available)
                {
                    if (_settings.InvalidChunkSizePolicy == InvalidChunkSizePolicy.Abort)
                        throw new InvalidChunkSizeException(_file, chunkStart, isTrack ? trackCount : null, Encoding.Latin1.GetString(idBytes), declared, available);
                    length = (int)available;
                }
                else
                {
                    length = (int)declared;
                }

                if (isTrack)
                {
                    _track = trackCount;
                    _end = _pos + length;
                    chunks.Add(ReadTrack());
                    _pos = _end;
                    _end = _bytes.Length;
                    _track = null;
                    trackCount++;
                    continue;
                }

                string id = Encoding.Latin1.GetString(idBytes);
                switch (_settings.UnknownChunkPolicy)
                {
                    case UnknownChunkPolicy.Abort:
                        throw new UnknownChunkException(_file, chunkStart, id);
                    case UnknownChunkPolicy.ReadAsUnknownChunk:
                        chunks.Add(new UnknownChunk(id, _bytes.Slice(_pos, length).ToImmutableArray()));
                        break;
                }
                _pos += length;
            }

            if (declaredTracks >= 0 && declaredTracks != trackCount &&
                _settings.UnexpectedTrackChunksCountPolicy == UnexpectedTrackChunksCountPolicy.Abort)
                throw new UnexpectedTrackChunksCountException(_file, 10, declaredTracks, trackCount);

            return new MidiFile(format, division, chunks);
        }

        private (MidiFileFormat, int, TimeDivision) ReadHeader()
        {
            if (_bytes.Length < 8) // the header's length is cut off: nothing to read
                throw new UnexpectedEndOfFileException(_file, 4, null, "header chunk length", 8 - _bytes.Length + 4, _bytes.Length - 4);
            uint declared = BinaryPrimitives.ReadUInt32BigEndian(_bytes.Slice(4, 4));
            long available = _bytes.Length - 8;
            long length = declared;
            if (declared > available)
            {
                if (_settings.InvalidChunkSizePolicy == InvalidChunkSizePolicy.Abort)
                    throw new InvalidChunkSizeException(_file, 0, null, "MThd", declared, available);
                length = available;
            }
            if (length < 6) throw InvalidChunkSizeException.ShortHeader(_file, length);

            var h = _bytes.Slice(8, 6);
            int formatValue = BinaryPrimitives.ReadUInt16BigEndian(h);
            int tracks = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
            int division = BinaryPrimitives.ReadUInt16BigEndian(h[4..]);
            MidiFileFormat format;
            if (formatValue <= 2) format = (MidiFileFormat)formatValue;
            else if (_settings.UnknownFileFormatPolicy == UnknownFileFormatPolicy.Abort) throw new UnknownFileFormatException(_file, 8, formatValue);
            else format = MidiFileFormat.MultiTrack;

            TimeDivision timeDivision;
            if ((division & 0x8000) != 0)
            {
                int fps = -(sbyte)(division >> 8);
                int ticksPerFrame = division & 0xFF;
                if (fps is not (24 or 25 or 29 or 30) || ticksPerFrame == 0) throw new InvalidTimeDivisionException(_file, 12, division);
                timeDivision = new SmpteTimeDivision(fps, ticksPerFrame);
            }
            else
            {
                if (division == 0) throw new InvalidTimeDivisionException(_file, 12, division);
                timeDivision = new TicksPerQuarterNoteTimeDivision(division);
            }
            _pos = 8 + (int)length;
            return (format, tracks, timeDivision);
        }

        private MidiTrackChunk ReadTrack()
        {
            var events = new List<MidiEvent>(Math.Min((_end - _pos) / 3 + 1, 1 << 16));
            byte runningStatus = 0;
            bool endOfTrack = false;
            try
            {
                while (_pos < _end)
                {
                    long delta = ReadVlq();
                    if (_pos >= _end) throw Cut("event", 1);
                    int eventStart = _pos;
                    byte status = _bytes[_pos];
                    if (status >= 0x80) _pos++;
                    else if (runningStatus != 0) status = runningStatus;
                    else throw new InvalidRunningStatusException(_file, eventStart, _track!.Value, status);

                    MidiEvent e;
                    if (status < 0xF0)
                    {
                        runningStatus = status;
                        e = ReadChannelEvent(status);
                    }
                    else if (status == 0xFF)
                    {
                        e = ReadMetaEvent(eventStart);
                    }
                    else if (status is 0xF0 or 0xF7)
                    {
                        int length = ReadLength("SysEx data");
                        var data = _bytes.Slice(_pos, length).ToImmutableArray();
                        _pos += length;
                        e = status == 0xF0 ? new NormalSysExEvent(data) : new EscapeSysExEvent(data);
                    }
                    else
                    {
                        throw new InvalidStatusByteException(_file, eventStart, _track!.Value, status);
                    }
                    events.Add(delta == 0 ? e : e with { DeltaTime = delta });
                    if (e is EndOfTrackEvent)
                    {
                        endOfTrack = true;
                        break; // bytes after End of Track inside the chunk are ignored
                    }
                }
            }
            catch (UnexpectedEndOfFileException) when (_settings.NotEnoughBytesPolicy == NotEnoughBytesPolicy.Ignore)
            {
                // Keep the events read completely before the cut.
            }
            if (!endOfTrack && _settings.MissingEndOfTrackPolicy == MissingEndOfTrackPolicy.Abort)
                throw new MissingEndOfTrackException(_file, _end, _track!.Value);
            return new MidiTrackChunk(events);
        }

        private readonly UnexpectedEndOfFileException Cut(string what, long needed) =>
            new(_file, _pos, _track, what, needed, _end - _pos);

        private long ReadVlq()
        {
            int start = _pos;
            long value = 0;
            for (int i = 0; i < 4; i++)
            {
                if (_pos >= _end) throw Cut("variable-length quantity", 1);
                byte b = _bytes[_pos++];
                value = (value << 7) | (uint)(b & 0x7F);
                if (b < 0x80) return value;
            }
            throw new InvalidVariableLengthQuantityException(_file, start, _track);
        }

        private int ReadLength(string what)
        {
            long length = ReadVlq();
            if (length > _end - _pos) throw Cut(what, length);
            return (int)length;
        }

        private int ReadDataByte(byte status)
        {
            if (_pos >= _end) throw Cut("channel event", 1);
            int offset = _pos;
            byte b = _bytes[_pos++];
            if (b < 0x80) return b;
            return _settings.InvalidChannelEventParameterValuePolicy switch
            {
                InvalidChannelEventParameterValuePolicy.ReadValid => b & 0x7F,
                InvalidChannelEventParameterValuePolicy.SnapToLimits => 0x7F,
                _ => throw new InvalidChannelEventParameterValueException(_file, offset, _track!.Value, status, b),
            };
        }

        private MidiEvent ReadChannelEvent(byte status)
        {
            int channel = status & 0x0F;
            int d1 = ReadDataByte(status);
            switch (status & 0xF0)
            {
                case 0xC0: return new ProgramChangeEvent(channel, d1);
                case 0xD0: return new ChannelPressureEvent(channel, d1);
            }
            int d2 = ReadDataByte(status);
            return (status & 0xF0) switch
            {
                0x80 => new NoteOffEvent(channel, d1, d2),
                0x90 => new NoteOnEvent(channel, d1, d2),
                0xA0 => new PolyphonicKeyPressureEvent(channel, d1, d2),
                0xB0 => new ControlChangeEvent(channel, d1, d2),
                _ => new PitchBendEvent(channel, d1 | (d2 << 7)),
            };
        }

        private MidiEvent ReadMetaEvent(int eventStart)
        {
            if (_pos >= _end) throw Cut("meta event type", 1);
            byte type = _bytes[_pos++];
            int length = ReadLength("meta event data");
            var data = _bytes.Slice(_pos, length);
            _pos += length;
            switch (type)
            {
                case >= 0x01 and <= 0x09:
                    string text = _settings.TextEncoding.GetString(data);
                    return type switch
                    {
                        0x01 => new TextEvent(text),
                        0x02 => new CopyrightNoticeEvent(text),
                        0x03 => new SequenceTrackNameEvent(text),
                        0x04 => new InstrumentNameEvent(text),
                        0x05 => new LyricEvent(text),
                        0x06 => new MarkerEvent(text),
                        0x07 => new CuePointEvent(text),
                        0x08 => new ProgramNameEvent(text),
                        _ => new DeviceNameEvent(text),
                    };
                case 0x00 when length == 2:
                    return new SequenceNumberEvent(BinaryPrimitives.ReadUInt16BigEndian(data));
                case 0x20 when length == 1:
                    return new ChannelPrefixEvent(Meta(eventStart, "Channel Prefix", "channel", data[0], 0, 15));
                case 0x21 when length == 1:
                    return new PortPrefixEvent(Meta(eventStart, "Port Prefix", "port", data[0], 0, 127));
                case 0x2F when length == 0:
                    return new EndOfTrackEvent();
                case 0x51 when length == 3:
                    return new SetTempoEvent(Meta(eventStart, "Set Tempo", "microseconds per quarter note", (data[0] << 16) | (data[1] << 8) | data[2], 1, 0xFFFFFF));
                case 0x54 when length == 5:
                    return new SmpteOffsetEvent(
                        data[0] >> 5 & 0x03,
                        Meta(eventStart, "SMPTE Offset", "hours", data[0] & 0x1F, 0, 23),
                        Meta(eventStart, "SMPTE Offset", "minutes", data[1], 0, 59),
                        Meta(eventStart, "SMPTE Offset", "seconds", data[2], 0, 59),
                        Meta(eventStart, "SMPTE Offset", "frames", data[3], 0, 29),
                        Meta(eventStart, "SMPTE Offset", "subframes", data[4], 0, 99));
                case 0x58 when length == 4:
                    return new TimeSignatureEvent(
                        Meta(eventStart, "Time Signature", "numerator", data[0], 1, 255),
                        1 << Meta(eventStart, "Time Signature", "denominator exponent", data[1], 0, 7),
                        Meta(eventStart, "Time Signature", "clocks per click", data[2], 1, 255),
                        Meta(eventStart, "Time Signature", "32nd notes per quarter note", data[3], 1, 255));
                case 0x59 when length == 2:
                    return new KeySignatureEvent(
                        Meta(eventStart, "Key Signature", "sharps or flats", (sbyte)data[0], -7, 7),
                        Meta(eventStart, "Key Signature", "mode", data[1], 0, 1) != 0);
                case 0x7F:
                    return new SequencerSpecificEvent(data.ToImmutableArray());
                default:
                    return new UnknownMetaEvent(type, data.ToImmutableArray());
            }
        }

        private readonly int Meta(int eventStart, string eventName, string parameter, int value, int min, int max)
        {
            if (value >= min && value <= max) return value;
            if (_settings.InvalidMetaEventParameterValuePolicy == InvalidMetaEventParameterValuePolicy.SnapToLimits)
                return Math.Clamp(value, min, max);
            throw new InvalidMetaEventParameterValueException(_file, eventStart, _track!.Value, eventName, parameter, value);
        }
    }
}
