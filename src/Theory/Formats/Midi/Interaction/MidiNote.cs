namespace EvoComposer.Theory.Formats.Midi.Interaction;

/// <summary>
/// A note as a MIDI file plays it: channel, key, velocities, and its start and length in ticks (not in quarter
/// notes: convert with <see cref="Core.TicksPerQuarterNoteTimeDivision.ToQuarterNotes"/>). Immutable.
/// </summary>
/// <param name="Channel">0–15.</param>
/// <param name="NoteNumber">MIDI note number 0–127 (60 = C4).</param>
/// <param name="Velocity">The Note On's velocity, 1–127.</param>
/// <param name="OffVelocity">The Note Off's release velocity (0 for a Note On with velocity 0 or a note ended by the track's end).</param>
/// <param name="StartTick">Start in ticks from the start of the track.</param>
/// <param name="LengthTicks">Length in ticks (0 or more).</param>
public readonly record struct MidiNote(int Channel, int NoteNumber, int Velocity, int OffVelocity, long StartTick, long LengthTicks)
{
    /// <summary>Where the note ends, in ticks.</summary>
    public long EndTick => StartTick + LengthTicks;
}
