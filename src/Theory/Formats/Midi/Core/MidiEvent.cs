namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>
/// One event of a track chunk as stored in a Standard MIDI File: the event's data and its delta time, the
/// number of ticks since the previous event of the same track. Ticks are not musical durations: see
/// <see cref="TicksPerQuarterNoteTimeDivision.ToQuarterNotes"/>. Events are immutable (change one with a
/// <c>with</c> expression) and compare by value, delta time included.
/// </summary>
public abstract record MidiEvent
{
    private readonly long _deltaTime;

    /// <summary>Ticks since the previous event of the track (0 or more; at most 0x0FFFFFFF, the largest 4-byte quantity).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or too large for a variable-length quantity.</exception>
    public long DeltaTime
    {
        get => _deltaTime;
        init => _deltaTime = value is >= 0 and <= VariableLengthQuantity.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DeltaTime), value, "A delta time is 0–0x0FFFFFFF ticks.");
    }
}

/// <summary>Range checks shared by the event constructors.</summary>
internal static class MidiValues
{
    public static int Check(int value, int max, string name) =>
        value >= 0 && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"Must be 0–{max}.");

    public static int CheckRange(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"Must be {min}–{max}.");
}
