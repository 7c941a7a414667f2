using System.Collections.Immutable;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>A meta event (<c>FF type length bytes</c>): data for the sequencer, not sent to instruments.</summary>
public abstract record MetaEvent : MidiEvent
{
    /// <summary>The type byte after <c>FF</c>.</summary>
    public abstract byte MetaType { get; }
}

/// <summary>Sequence Number (<c>FF 00 02 ssss</c>).</summary>
public sealed record SequenceNumberEvent : MetaEvent
{
    /// <summary>Creates the event; the number is 0–65535.</summary>
    public SequenceNumberEvent(int number) => Number = MidiValues.Check(number, 0xFFFF, nameof(number));
    /// <summary>The sequence number.</summary>
    public int Number { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x00;
}

/// <summary>The meta events that carry text (types 0x01–0x09), decoded with <see cref="MidiReadingSettings.TextEncoding"/>.</summary>
public abstract record TextMetaEvent : MetaEvent
{
    /// <summary>Creates the event.</summary>
    protected TextMetaEvent(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));
    /// <summary>The text.</summary>
    public string Text { get; }
}

/// <summary>Text (<c>FF 01</c>): any text.</summary>
public sealed record TextEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x01;
}

/// <summary>Copyright Notice (<c>FF 02</c>).</summary>
public sealed record CopyrightNoticeEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x02;
}

/// <summary>Sequence or Track Name (<c>FF 03</c>): in track 0 of a format 1 file, the title of the piece.</summary>
public sealed record SequenceTrackNameEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x03;
}

/// <summary>Instrument Name (<c>FF 04</c>).</summary>
public sealed record InstrumentNameEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x04;
}

/// <summary>Lyric (<c>FF 05</c>): usually one syllable.</summary>
public sealed record LyricEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x05;
}

/// <summary>Marker (<c>FF 06</c>): a rehearsal letter or section name.</summary>
public sealed record MarkerEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x06;
}

/// <summary>Cue Point (<c>FF 07</c>).</summary>
public sealed record CuePointEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x07;
}

/// <summary>Program Name (<c>FF 08</c>).</summary>
public sealed record ProgramNameEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x08;
}

/// <summary>Device (Port) Name (<c>FF 09</c>).</summary>
public sealed record DeviceNameEvent(string Text) : TextMetaEvent(Text)
{
    /// <inheritdoc/>
    public override byte MetaType => 0x09;
}

/// <summary>MIDI Channel Prefix (<c>FF 20 01 cc</c>).</summary>
public sealed record ChannelPrefixEvent : MetaEvent
{
    /// <summary>Creates the event; the channel is 0–15.</summary>
    public ChannelPrefixEvent(int channel) => Channel = MidiValues.Check(channel, 15, nameof(channel));
    /// <summary>The channel the following meta events refer to.</summary>
    public int Channel { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x20;
}

/// <summary>MIDI Port (<c>FF 21 01 pp</c>).</summary>
public sealed record PortPrefixEvent : MetaEvent
{
    /// <summary>Creates the event; the port is 0–127.</summary>
    public PortPrefixEvent(int port) => Port = MidiValues.Check(port, 127, nameof(port));
    /// <summary>The output port.</summary>
    public int Port { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x21;
}

/// <summary>End of Track (<c>FF 2F 00</c>): required as the last event of each track.</summary>
public sealed record EndOfTrackEvent : MetaEvent
{
    /// <inheritdoc/>
    public override byte MetaType => 0x2F;
}

/// <summary>Set Tempo (<c>FF 51 03 tttttt</c>): microseconds per quarter note.</summary>
public sealed record SetTempoEvent : MetaEvent
{
    /// <summary>The tempo when none is set: 500,000 µs per quarter note (120 quarter notes per minute).</summary>
    public const int DefaultMicrosecondsPerQuarterNote = 500_000;

    /// <summary>Creates the event; the tempo is 1–16,777,215 µs per quarter note.</summary>
    public SetTempoEvent(int microsecondsPerQuarterNote) =>
        MicrosecondsPerQuarterNote = MidiValues.CheckRange(microsecondsPerQuarterNote, 1, 0xFFFFFF, nameof(microsecondsPerQuarterNote));

    /// <summary>Microseconds per quarter note.</summary>
    public int MicrosecondsPerQuarterNote { get; }
    /// <summary>Quarter notes per minute (60,000,000 / µs per quarter note).</summary>
    public double QuarterNotesPerMinute => 60_000_000.0 / MicrosecondsPerQuarterNote;
    /// <inheritdoc/>
    public override byte MetaType => 0x51;
}

/// <summary>SMPTE Offset (<c>FF 54 05 hr mn se fr ff</c>): when the track starts, in SMPTE time.</summary>
public sealed record SmpteOffsetEvent : MetaEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="frameRate">Frame-rate code 0–3 (24, 25, 29.97 drop-frame, 30 frames per second), the top bits of the hour byte.</param>
    /// <param name="hours">0–23.</param>
    /// <param name="minutes">0–59.</param>
    /// <param name="seconds">0–59.</param>
    /// <param name="frames">0–29.</param>
    /// <param name="subFrames">Hundredths of a frame, 0–99.</param>
    public SmpteOffsetEvent(int frameRate, int hours, int minutes, int seconds, int frames, int subFrames)
    {
        FrameRate = MidiValues.Check(frameRate, 3, nameof(frameRate));
        Hours = MidiValues.Check(hours, 23, nameof(hours));
        Minutes = MidiValues.Check(minutes, 59, nameof(minutes));
        Seconds = MidiValues.Check(seconds, 59, nameof(seconds));
        Frames = MidiValues.Check(frames, 29, nameof(frames));
        SubFrames = MidiValues.Check(subFrames, 99, nameof(subFrames));
    }

    /// <summary>Frame-rate code 0–3.</summary>
    public int FrameRate { get; }
    /// <summary>Hours.</summary>
    public int Hours { get; }
    /// <summary>Minutes.</summary>
    public int Minutes { get; }
    /// <summary>Seconds.</summary>
    public int Seconds { get; }
    /// <summary>Frames.</summary>
    public int Frames { get; }
    /// <summary>Hundredths of a frame.</summary>
    public int SubFrames { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x54;
}

/// <summary>Time Signature (<c>FF 58 04 nn dd cc bb</c>).</summary>
public sealed record TimeSignatureEvent : MetaEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="numerator">1–255.</param>
    /// <param name="denominator">A power of two, 1–128 (stored as its exponent).</param>
    /// <param name="clocksPerClick">MIDI clocks (24 per quarter note) per metronome click, 1–255.</param>
    /// <param name="thirtySecondNotesPerQuarterNote">Notated 32nd notes per MIDI quarter note, 1–255 (normally 8).</param>
    public TimeSignatureEvent(int numerator, int denominator, int clocksPerClick = 24, int thirtySecondNotesPerQuarterNote = 8)
    {
        Numerator = MidiValues.CheckRange(numerator, 1, 255, nameof(numerator));
        if (denominator < 1 || denominator > 128 || (denominator & (denominator - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "Must be a power of two, 1–128.");
        Denominator = denominator;
        ClocksPerClick = MidiValues.CheckRange(clocksPerClick, 1, 255, nameof(clocksPerClick));
        ThirtySecondNotesPerQuarterNote = MidiValues.CheckRange(thirtySecondNotesPerQuarterNote, 1, 255, nameof(thirtySecondNotesPerQuarterNote));
    }

    /// <summary>Numerator.</summary>
    public int Numerator { get; }
    /// <summary>Denominator (4 = quarter).</summary>
    public int Denominator { get; }
    /// <summary>MIDI clocks per metronome click.</summary>
    public int ClocksPerClick { get; }
    /// <summary>Notated 32nd notes per MIDI quarter note.</summary>
    public int ThirtySecondNotesPerQuarterNote { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x58;
}

/// <summary>Key Signature (<c>FF 59 02 sf mi</c>).</summary>
public sealed record KeySignatureEvent : MetaEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="fifths">Sharps (positive) or flats (negative), −7…7.</param>
    /// <param name="isMinor">True for a minor key.</param>
    public KeySignatureEvent(int fifths, bool isMinor)
    {
        Fifths = MidiValues.CheckRange(fifths, -7, 7, nameof(fifths));
        IsMinor = isMinor;
    }

    /// <summary>Sharps (positive) or flats (negative).</summary>
    public int Fifths { get; }
    /// <summary>True for minor, false for major.</summary>
    public bool IsMinor { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x59;
}

/// <summary>Sequencer-Specific Meta Event (<c>FF 7F len data</c>).</summary>
public sealed record SequencerSpecificEvent : MetaEvent
{
    /// <summary>Creates the event.</summary>
    public SequencerSpecificEvent(ImmutableArray<byte> data) => Data = data.IsDefault ? [] : data;
    /// <summary>The bytes (starting with the manufacturer's id).</summary>
    public ImmutableArray<byte> Data { get; }
    /// <inheritdoc/>
    public override byte MetaType => 0x7F;

    /// <summary>Compares the delta time and the bytes.</summary>
    public bool Equals(SequencerSpecificEvent? other) =>
        other is not null && DeltaTime == other.DeltaTime && Data.AsSpan().SequenceEqual(other.Data.AsSpan());
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(DeltaTime, Data.Length);
}

/// <summary>
/// A meta event kept byte for byte: a type this library does not know, or a known type whose length does not
/// fit it (e.g. a Set Tempo of 2 bytes). Written back unchanged.
/// </summary>
public sealed record UnknownMetaEvent : MetaEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="metaType">The type byte, 0–255.</param>
    /// <param name="data">The bytes after the length.</param>
    public UnknownMetaEvent(int metaType, ImmutableArray<byte> data)
    {
        _type = (byte)MidiValues.Check(metaType, 255, nameof(metaType));
        Data = data.IsDefault ? [] : data;
    }

    private readonly byte _type;
    /// <summary>The bytes after the length.</summary>
    public ImmutableArray<byte> Data { get; }
    /// <inheritdoc/>
    public override byte MetaType => _type;

    /// <summary>Compares the delta time, the type and the bytes.</summary>
    public bool Equals(UnknownMetaEvent? other) =>
        other is not null && DeltaTime == other.DeltaTime && _type == other._type && Data.AsSpan().SequenceEqual(other.Data.AsSpan());
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(DeltaTime, _type, Data.Length);
}
