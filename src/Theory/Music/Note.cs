namespace EvoComposer.Theory.Music;

/// <summary>
/// A sounding note: spelled pitch, onset and duration in quarter notes from the start of the piece, the
/// measure it starts in, whether it was merged from tied notes, and whether it carries a fermata.
/// Ordered by onset, then pitch, then duration. Immutable and thread-safe.
/// </summary>
/// <param name="Pitch">The spelled pitch.</param>
/// <param name="Onset">Start, in quarter notes from the start of the piece (a pickup starts at 0).</param>
/// <param name="Duration">Length in quarter notes; positive.</param>
/// <param name="Measure">Number of the measure the note starts in (0 for a pickup), as printed in the source.</param>
/// <param name="Fermata">True when a fermata stands over the note (in chorales: a phrase end).</param>
/// <param name="TieMerged">True when the note was written as several tied notes and merged into one.</param>
public readonly record struct Note(Pitch Pitch, Rational Onset, Rational Duration, int Measure = 0, bool Fermata = false, bool TieMerged = false)
    : IComparable<Note>
{
    /// <summary>When the note stops sounding.</summary>
    public Rational End => Onset + Duration;

    /// <summary>The note transposed by a spelled interval.</summary>
    public Note Transpose(Interval interval) => this with { Pitch = Pitch.Transpose(interval) };

    /// <inheritdoc/>
    public int CompareTo(Note other)
    {
        int c = Onset.CompareTo(other.Onset);
        if (c != 0) return c;
        c = Pitch.CompareTo(other.Pitch);
        if (c != 0) return c;
        c = Duration.CompareTo(other.Duration);
        if (c != 0) return c;
        c = Measure.CompareTo(other.Measure);
        if (c != 0) return c;
        c = Fermata.CompareTo(other.Fermata);
        return c != 0 ? c : TieMerged.CompareTo(other.TieMerged);
    }

    /// <inheritdoc/>
    public static bool operator <(Note a, Note b) => a.CompareTo(b) < 0;
    /// <inheritdoc/>
    public static bool operator >(Note a, Note b) => a.CompareTo(b) > 0;
    /// <inheritdoc/>
    public static bool operator <=(Note a, Note b) => a.CompareTo(b) <= 0;
    /// <inheritdoc/>
    public static bool operator >=(Note a, Note b) => a.CompareTo(b) >= 0;
}
