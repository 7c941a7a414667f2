namespace EvoComposer.Theory.Music;

/// <summary>Where a lyric syllable stands in its word (MusicXML <c>syllabic</c>).</summary>
public enum Syllabic
{
    /// <summary>A whole word.</summary>
    Single,
    /// <summary>The first syllable of a word.</summary>
    Begin,
    /// <summary>A syllable inside a word.</summary>
    Middle,
    /// <summary>The last syllable of a word.</summary>
    End,
}

/// <summary>
/// A lyric syllable sung at an onset, in one verse. Kept beside a part's notes (see <see cref="Part.Lyrics"/>),
/// not on them, so that notes stay small and their equality is about sound only. Immutable and thread-safe.
/// </summary>
/// <param name="Onset">The onset of the note the syllable is sung on, in quarter notes.</param>
/// <param name="Verse">Verse (stanza) number, from 1.</param>
/// <param name="Text">The syllable.</param>
/// <param name="Syllabic">Where the syllable stands in its word.</param>
public readonly record struct Lyric(Rational Onset, int Verse, string Text, Syllabic Syllabic = Syllabic.Single);
