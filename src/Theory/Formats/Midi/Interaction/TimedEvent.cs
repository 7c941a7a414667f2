using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Formats.Midi.Interaction;

/// <summary>An event with its absolute time in ticks from the start of its track. Immutable.</summary>
/// <param name="Time">Ticks from the start of the track (the sum of the delta times up to and including this event's).</param>
/// <param name="Event">The event (its own delta time is that of the file and is ignored here).</param>
public readonly record struct TimedEvent(long Time, MidiEvent Event);

/// <summary>Turns delta times into absolute times.</summary>
public static class TimedEvents
{
    /// <summary>The track's events with absolute times, in order.</summary>
    public static TimedEvent[] GetTimedEvents(this MidiTrackChunk track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var result = new TimedEvent[track.Events.Length];
        long time = 0;
        for (int i = 0; i < result.Length; i++)
        {
            var e = track.Events[i];
            time += e.DeltaTime;
            result[i] = new TimedEvent(time, e);
        }
        return result;
    }

    /// <summary>The time of the track's last event (its End of Track, normally): its length in ticks.</summary>
    public static long GetDuration(this MidiTrackChunk track)
    {
        ArgumentNullException.ThrowIfNull(track);
        long time = 0;
        foreach (var e in track.Events) time += e.DeltaTime;
        return time;
    }

    /// <summary>
    /// Events with absolute times back into a track chunk: stably sorted by time, delta times computed.
    /// An <see cref="EndOfTrackEvent"/> among them is moved to the end (at the latest time).
    /// </summary>
    public static MidiTrackChunk ToTrackChunk(IEnumerable<TimedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.ToList();
        if (all.Any(e => e.Time < 0 || e.Event is null)) throw new ArgumentException("Event times cannot be negative and events cannot be null.", nameof(events));
        var list = all.Where(e => e.Event is not EndOfTrackEvent).OrderBy(e => e.Time).ToList();
        long end = all.Select(e => e.Time).DefaultIfEmpty(0).Max();
        var result = new List<MidiEvent>(list.Count + 1);
        long previous = 0;
        foreach (var (time, e) in list)
        {
            result.Add(e with { DeltaTime = time - previous });
            previous = time;
        }
        result.Add(new EndOfTrackEvent { DeltaTime = end - previous });
        return new MidiTrackChunk(result);
    }
}
