using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>The header's time division: what one tick means.</summary>
public abstract record TimeDivision;

/// <summary>
/// Metrical time: a quarter note lasts <see cref="TicksPerQuarterNote"/> ticks. Ticks are not musical
/// durations; convert them with <see cref="ToQuarterNotes"/> and <see cref="ToTicks"/>.
/// </summary>
public sealed record TicksPerQuarterNoteTimeDivision : TimeDivision
{
    /// <summary>The largest value the header can hold (15 bits).</summary>
    public const int MaxTicksPerQuarterNote = 0x7FFF;

    /// <summary>Creates the division.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1–32767.</exception>
    public TicksPerQuarterNoteTimeDivision(int ticksPerQuarterNote) =>
        TicksPerQuarterNote = MidiValues.CheckRange(ticksPerQuarterNote, 1, MaxTicksPerQuarterNote, nameof(ticksPerQuarterNote));

    /// <summary>Ticks per quarter note.</summary>
    public int TicksPerQuarterNote { get; }

    /// <summary>A tick count as exact quarter notes: ticks / ticks per quarter.</summary>
    public Rational ToQuarterNotes(long ticks) => new(ticks, TicksPerQuarterNote);

    /// <summary>Quarter notes as ticks.</summary>
    /// <exception cref="ArgumentException">The value is not a whole number of ticks.</exception>
    public long ToTicks(Rational quarterNotes)
    {
        var ticks = quarterNotes * TicksPerQuarterNote;
        return ticks.IsInteger ? ticks.Numerator
            : throw new ArgumentException($"{quarterNotes} quarter notes is not a whole number of ticks at {TicksPerQuarterNote} per quarter note.", nameof(quarterNotes));
    }
}

/// <summary>
/// SMPTE time: each second has <see cref="FramesPerSecond"/> frames of <see cref="TicksPerFrame"/> ticks.
/// Read and reported; scores cannot be built from it (ticks then carry no musical meaning).
/// </summary>
public sealed record SmpteTimeDivision : TimeDivision
{
    /// <summary>Creates the division.</summary>
    /// <param name="framesPerSecond">24, 25, 29 (29.97 drop-frame) or 30.</param>
    /// <param name="ticksPerFrame">1–255.</param>
    public SmpteTimeDivision(int framesPerSecond, int ticksPerFrame)
    {
        if (framesPerSecond is not (24 or 25 or 29 or 30))
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "Must be 24, 25, 29 or 30.");
        FramesPerSecond = framesPerSecond;
        TicksPerFrame = MidiValues.CheckRange(ticksPerFrame, 1, 255, nameof(ticksPerFrame));
    }

    /// <summary>24, 25, 29 (meaning 29.97, drop-frame) or 30.</summary>
    public int FramesPerSecond { get; }
    /// <summary>Ticks per frame.</summary>
    public int TicksPerFrame { get; }
    /// <summary>Ticks per second (29 counts as 29.97).</summary>
    public double TicksPerSecond => (FramesPerSecond == 29 ? 29.97 : FramesPerSecond) * TicksPerFrame;
}
