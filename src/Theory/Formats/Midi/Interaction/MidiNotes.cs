using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Formats.Midi.Interaction;

/// <summary>
/// Which Note Off ends which note when a key is struck again (same channel and note number) before it was
/// released, so that two notes of that key are open at once.
/// </summary>
public enum OverlappingNotesPolicy
{
    /// <summary>
    /// The first Note Off ends the earliest open note (default: this is what most synthesizers and DryWetMIDI do,
    /// and it keeps a note struck first from being the one that sounds longest).
    /// </summary>
    FirstInFirstOut,
    /// <summary>The first Note Off ends the latest open note (notes nest).</summary>
    LastInFirstOut,
    /// <summary>
    /// The second Note On ends the open note at its own start (a re-strike); a Note Off then ends the newest note,
    /// and a Note Off with no open note is ignored.
    /// </summary>
    EndPreviousAtNewStart,
}

/// <summary>
/// Builds <see cref="MidiNote"/>s from Note On / Note Off events. A Note On with velocity 0 is a Note Off. A Note
/// Off with no open note of its key is ignored. A note still open at the end of the track ends at the track's last
/// event (its End of Track). Notes are returned by start time, then in the order of their Note On events.
/// Thread-safe (stateless).
/// </summary>
public static class MidiNotes
{
    /// <summary>The notes of a track.</summary>
    public static IReadOnlyList<MidiNote> GetNotes(this MidiTrackChunk track, OverlappingNotesPolicy policy = OverlappingNotesPolicy.FirstInFirstOut)
    {
        ArgumentNullException.ThrowIfNull(track);
        return GetNotes(track.Events, policy);
    }

    internal static List<MidiNote> GetNotes(IReadOnlyList<MidiEvent> events, OverlappingNotesPolicy policy)
    {
        var notes = new List<MidiNote>();
        // For each (channel, key): indexes into 'notes' of the open notes, oldest first.
        var open = new Dictionary<int, List<int>>();
        long time = 0;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            time += e.DeltaTime;
            int channel, key, offVelocity;
            switch (e)
            {
                case NoteOnEvent on when on.Velocity > 0:
                {
                    int slot = on.Channel * 128 + on.NoteNumber;
                    if (!open.TryGetValue(slot, out var list)) open[slot] = list = [];
                    if (policy == OverlappingNotesPolicy.EndPreviousAtNewStart)
                    {
                        foreach (int index in list) notes[index] = notes[index] with { LengthTicks = time - notes[index].StartTick };
                        list.Clear();
                    }
                    list.Add(notes.Count);
                    notes.Add(new MidiNote(on.Channel, on.NoteNumber, on.Velocity, 0, time, -1));
                    continue;
                }
                case NoteOnEvent silent:
                    (channel, key, offVelocity) = (silent.Channel, silent.NoteNumber, 0);
                    break;
                case NoteOffEvent off:
                    (channel, key, offVelocity) = (off.Channel, off.NoteNumber, off.Velocity);
                    break;
                default:
                    continue;
            }
            if (!open.TryGetValue(channel * 128 + key, out var openNotes) || openNotes.Count == 0) continue;
            int at = policy == OverlappingNotesPolicy.FirstInFirstOut ? 0 : openNotes.Count - 1;
            int noteIndex = openNotes[at];
            openNotes.RemoveAt(at);
            notes[noteIndex] = notes[noteIndex] with { OffVelocity = offVelocity, LengthTicks = time - notes[noteIndex].StartTick };
        }
        for (int i = 0; i < notes.Count; i++)
            if (notes[i].LengthTicks < 0) notes[i] = notes[i] with { LengthTicks = time - notes[i].StartTick };
        return notes; // already ordered by start: Note Ons are met in time order
    }

    /// <summary>
    /// A track chunk playing the notes: Note On and Note Off events (velocity as given; Note Offs before Note Ons
    /// at the same tick, so that repeated notes stay apart), and End of Track at the last Note Off.
    /// </summary>
    public static MidiTrackChunk ToTrackChunk(IEnumerable<MidiNote> notes, IEnumerable<TimedEvent>? otherEvents = null)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var events = new List<(long Time, int Order, MidiEvent Event)>();
        int order = 0;
        foreach (var t in otherEvents ?? []) events.Add((t.Time, order++, t.Event));
        foreach (var n in notes)
        {
            if (n.StartTick < 0 || n.LengthTicks < 0) throw new ArgumentException($"Note {n} has a negative start or length.", nameof(notes));
            events.Add((n.StartTick, int.MaxValue / 2 + order++, new NoteOnEvent(n.Channel, n.NoteNumber, n.Velocity)));
            // A Note Off sorts before the Note Ons of its tick, except that of a zero-length note, which follows its own Note On.
            int offOrder = n.LengthTicks == 0 ? int.MaxValue / 2 + order++ : int.MaxValue / 4 + order++;
            events.Add((n.EndTick, offOrder, new NoteOffEvent(n.Channel, n.NoteNumber, n.OffVelocity)));
        }
        events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
        return TimedEvents.ToTrackChunk(events.Select(e => new TimedEvent(e.Time, e.Event)));
    }
}
