using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>
/// What a user can filter and condition on for one piece: provenance labels from the manifest or the file
/// (composer, epoch, genre), the key and meter, size, and computed descriptors. Immutable.
/// </summary>
public sealed record PieceLabels
{
    /// <summary>Composer (the file's, else the set's default).</summary>
    public required string Composer { get; init; }
    /// <summary>Epoch, e.g. "Baroque".</summary>
    public required string Epoch { get; init; }
    /// <summary>Genre, e.g. "chorale".</summary>
    public required string Genre { get; init; }
    /// <summary>The key: declared by the file, else estimated (see <see cref="KeyDeclared"/>).</summary>
    public required Key Key { get; init; }
    /// <summary>True when the file declares the key; false when it was estimated from the pitches.</summary>
    public required bool KeyDeclared { get; init; }
    /// <summary>The first meter.</summary>
    public required Meter Meter { get; init; }
    /// <summary>Number of parts.</summary>
    public required int Voices { get; init; }
    /// <summary>Length in quarter notes.</summary>
    public required double LengthQuarters { get; init; }
    /// <summary>Number of measures (0 when the source has none).</summary>
    public required int Measures { get; init; }
    /// <summary>Notes per quarter note, all voices together.</summary>
    public required double NoteDensity { get; init; }
    /// <summary>Tempo in quarter notes per minute (100 when the source gives none).</summary>
    public required double Tempo { get; init; }
    /// <summary>Mean MIDI pitch of all notes.</summary>
    public required double MeanPitch { get; init; }
    /// <summary>Lowest MIDI pitch.</summary>
    public required int LowestPitch { get; init; }
    /// <summary>Highest MIDI pitch.</summary>
    public required int HighestPitch { get; init; }
    /// <summary>Rhythmic activity: distinct note onsets (any voice) per quarter note.</summary>
    public required double RhythmicActivity { get; init; }
    /// <summary>
    /// Share of minor among the major and minor triads heard on the beats (a rough reading: the pitch classes
    /// sounding at each beat, tested for a major or minor triad).
    /// </summary>
    public required double MinorChordShare { get; init; }

    /// <summary>The mode of <see cref="Key"/>.</summary>
    public Mode Mode => Key.Mode;
}
