namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>A channel voice message (status bytes 0x80–0xEF): an event addressed to one of the 16 channels.</summary>
public abstract record ChannelEvent : MidiEvent
{
    /// <summary>Creates the event.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel is not 0–15.</exception>
    protected ChannelEvent(int channel) => Channel = MidiValues.Check(channel, 15, nameof(channel));

    /// <summary>The channel, 0–15 (shown to people as 1–16).</summary>
    public int Channel { get; }

    /// <summary>The high nibble of the status byte (0x80 for Note Off … 0xE0 for Pitch Bend).</summary>
    internal abstract byte StatusKind { get; }
}

/// <summary>Note On (0x9n): a key pressed. A Note On with velocity 0 means Note Off (see <see cref="IsNoteOff"/>).</summary>
public sealed record NoteOnEvent : ChannelEvent
{
    /// <summary>Creates the event; note number and velocity are 0–127.</summary>
    public NoteOnEvent(int channel, int noteNumber, int velocity) : base(channel)
    {
        NoteNumber = MidiValues.Check(noteNumber, 127, nameof(noteNumber));
        Velocity = MidiValues.Check(velocity, 127, nameof(velocity));
    }

    /// <summary>MIDI note number (60 = C4).</summary>
    public int NoteNumber { get; }
    /// <summary>Velocity; 0 makes the event a Note Off.</summary>
    public int Velocity { get; }
    /// <summary>True when the velocity is 0, which the standard defines as a Note Off.</summary>
    public bool IsNoteOff => Velocity == 0;
    internal override byte StatusKind => 0x90;
}

/// <summary>Note Off (0x8n): a key released.</summary>
public sealed record NoteOffEvent : ChannelEvent
{
    /// <summary>Creates the event; note number and release velocity are 0–127.</summary>
    public NoteOffEvent(int channel, int noteNumber, int velocity) : base(channel)
    {
        NoteNumber = MidiValues.Check(noteNumber, 127, nameof(noteNumber));
        Velocity = MidiValues.Check(velocity, 127, nameof(velocity));
    }

    /// <summary>MIDI note number.</summary>
    public int NoteNumber { get; }
    /// <summary>Release velocity.</summary>
    public int Velocity { get; }
    internal override byte StatusKind => 0x80;
}

/// <summary>Polyphonic key pressure, or aftertouch (0xAn).</summary>
public sealed record PolyphonicKeyPressureEvent : ChannelEvent
{
    /// <summary>Creates the event; note number and pressure are 0–127.</summary>
    public PolyphonicKeyPressureEvent(int channel, int noteNumber, int pressure) : base(channel)
    {
        NoteNumber = MidiValues.Check(noteNumber, 127, nameof(noteNumber));
        Pressure = MidiValues.Check(pressure, 127, nameof(pressure));
    }

    /// <summary>MIDI note number.</summary>
    public int NoteNumber { get; }
    /// <summary>Pressure.</summary>
    public int Pressure { get; }
    internal override byte StatusKind => 0xA0;
}

/// <summary>Control Change (0xBn), including the channel mode messages (controllers 120–127).</summary>
public sealed record ControlChangeEvent : ChannelEvent
{
    /// <summary>Creates the event; controller and value are 0–127.</summary>
    public ControlChangeEvent(int channel, int controller, int value) : base(channel)
    {
        Controller = MidiValues.Check(controller, 127, nameof(controller));
        Value = MidiValues.Check(value, 127, nameof(value));
    }

    /// <summary>Controller number (7 = volume, 64 = sustain pedal, …).</summary>
    public int Controller { get; }
    /// <summary>Value.</summary>
    public int Value { get; }
    internal override byte StatusKind => 0xB0;
}

/// <summary>Program Change (0xCn): selects an instrument.</summary>
public sealed record ProgramChangeEvent : ChannelEvent
{
    /// <summary>Creates the event; the program is 0–127.</summary>
    public ProgramChangeEvent(int channel, int program) : base(channel) =>
        Program = MidiValues.Check(program, 127, nameof(program));

    /// <summary>Program number, 0–127 (General MIDI 0 = acoustic grand piano).</summary>
    public int Program { get; }
    internal override byte StatusKind => 0xC0;
}

/// <summary>Channel pressure, or channel aftertouch (0xDn).</summary>
public sealed record ChannelPressureEvent : ChannelEvent
{
    /// <summary>Creates the event; the pressure is 0–127.</summary>
    public ChannelPressureEvent(int channel, int pressure) : base(channel) =>
        Pressure = MidiValues.Check(pressure, 127, nameof(pressure));

    /// <summary>Pressure.</summary>
    public int Pressure { get; }
    internal override byte StatusKind => 0xD0;
}

/// <summary>Pitch Bend (0xEn): a 14-bit value, 8192 = no bend.</summary>
public sealed record PitchBendEvent : ChannelEvent
{
    /// <summary>The value meaning "no bend".</summary>
    public const int Center = 8192;

    /// <summary>Creates the event; the value is 0–16383.</summary>
    public PitchBendEvent(int channel, int value) : base(channel) =>
        Value = MidiValues.Check(value, 16383, nameof(value));

    /// <summary>Bend, 0–16383 (8192 = none); stored least significant 7 bits first.</summary>
    public int Value { get; }
    internal override byte StatusKind => 0xE0;
}
