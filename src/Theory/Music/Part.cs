using System.Collections.Immutable;

namespace EvoComposer.Theory.Music;

/// <summary>
/// One voice or instrument of a score: a name and its notes in order (rests are the gaps between notes).
/// Equality compares the name, every note and every lyric syllable. Immutable and thread-safe.
/// </summary>
public sealed class Part : IEquatable<Part>
{
    /// <summary>Creates a part; the notes are sorted.</summary>
    public Part(string name, IEnumerable<Note> notes)
        : this(name, notes, [])
    {
    }

    /// <summary>Creates a part with lyrics; notes and lyrics are sorted by onset (lyrics stably, so verses keep their order).</summary>
    public Part(string name, IEnumerable<Note> notes, IEnumerable<Lyric> lyrics)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        var array = notes.ToImmutableArray();
        Notes = IsSorted(array) ? array : array.Sort();
        Lyrics = [.. lyrics.OrderBy(l => l.Onset).ThenBy(l => l.Verse)];
    }

    /// <summary>The part's name ("Soprano", "Bass", "Cantus").</summary>
    public string Name { get; }
    /// <summary>The notes, ordered by onset.</summary>
    public ImmutableArray<Note> Notes { get; }
    /// <summary>Lyric syllables by onset, then verse (empty when the source has none).</summary>
    public ImmutableArray<Lyric> Lyrics { get; }

    /// <summary>The lowest and highest pitch, or null for an empty part.</summary>
    public (Pitch Lowest, Pitch Highest)? Range => Notes.IsEmpty ? null : (Notes.Min(n => n.Pitch), Notes.Max(n => n.Pitch));

    /// <summary>The mean MIDI number of the notes (0 for an empty part); used to order parts highest first.</summary>
    public double MeanMidi => Notes.IsEmpty ? 0 : Notes.Average(n => n.Pitch.Midi);

    /// <summary>A copy with other notes.</summary>
    public Part WithNotes(IEnumerable<Note> notes) => new(Name, notes, Lyrics);

    /// <summary>A copy with another name.</summary>
    public Part WithName(string name) => new(name, Notes, Lyrics);

    /// <summary>A copy with other lyrics.</summary>
    public Part WithLyrics(IEnumerable<Lyric> lyrics) => new(Name, Notes, lyrics);

    /// <summary>A copy transposed by a spelled interval.</summary>
    public Part Transpose(Interval interval) => new(Name, Notes.Select(n => n.Transpose(interval)), Lyrics);

    private static bool IsSorted(ImmutableArray<Note> notes)
    {
        for (int i = 1; i < notes.Length; i++)
            if (notes[i - 1].CompareTo(notes[i]) > 0) return false;
        return true;
    }

    /// <summary>Equal when the names, the notes and the lyrics are.</summary>
    public bool Equals(Part? other) => other is not null && Name == other.Name && Notes.AsSpan().SequenceEqual(other.Notes.AsSpan()) &&
        Lyrics.AsSpan().SequenceEqual(other.Lyrics.AsSpan());
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Part);
    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Name);
        foreach (var n in Notes) h.Add(n);
        return h.ToHashCode();
    }
    /// <summary>"Soprano (42 notes)".</summary>
    public override string ToString() => $"{Name} ({Notes.Length} notes)";
}
