namespace EvoComposer.Learning.Mining;

/// <summary>A note (or rest, pitch 0) of one voice in a sequence of beats, in 16ths from the first beat.</summary>
/// <param name="Start">First 16th.</param>
/// <param name="Length">Length in 16ths.</param>
/// <param name="Pitch">MIDI pitch relative to C, or 0 for a rest.</param>
public readonly record struct NoteEvent(int Start, int Length, int Pitch);

/// <summary>Reads the notes of one voice out of a sequence of beat groupings.</summary>
public static class NoteEvents
{
    /// <summary>
    /// The notes and rests of <paramref name="voice"/>: a note starts at an attack or where the pitch changes, and
    /// lasts until the next one starts.
    /// </summary>
    public static List<NoteEvent> Extract(IReadOnlyList<BeatGrouping> beats, int voice)
    {
        // An array (what MinedPiece holds) is read directly, without an interface call per 16th.
        ReadOnlySpan<BeatGrouping> span = beats as BeatGrouping[] ?? [.. beats];
        var events = new List<NoteEvent>(span.Length);
        int total = span.Length * BeatGrouping.Slots, t = 0;
        while (t < total)
        {
            int pitch = span[t / 4].Pitch(voice, t % 4), start = t++;
            while (t < total && span[t / 4].Pitch(voice, t % 4) == pitch && !span[t / 4].Attack(voice, t % 4)) t++;
            events.Add(new NoteEvent(start, t - start, pitch));
        }
        return events;
    }
}
