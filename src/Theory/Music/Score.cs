using System.Collections.Immutable;

namespace EvoComposer.Theory.Music;

/// <summary>A value that takes effect at an onset (a meter change, a key signature change, a tempo change).</summary>
/// <typeparam name="T">The kind of value.</typeparam>
/// <param name="Onset">Where it takes effect, in quarter notes from the start.</param>
/// <param name="Value">The value.</param>
public readonly record struct Timed<T>(Rational Onset, T Value);

/// <summary>A measure: its number as printed (0 for a pickup), where it starts, and its written length.</summary>
/// <param name="Number">Measure number as in the source (0 for a pickup).</param>
/// <param name="Onset">Start in quarter notes.</param>
/// <param name="Duration">Actual length in quarter notes (a pickup or a final incomplete measure is short).</param>
public readonly record struct Measure(int Number, Rational Onset, Rational Duration);

/// <summary>
/// A whole piece: parts ordered highest first, the measures, meter and key signature changes, the declared key
/// (if the source declares one), tempo, and metadata. Immutable: every change returns a new score.
/// Equality compares all of it, metadata included.
/// </summary>
public sealed class Score : IEquatable<Score>
{
    /// <summary>Creates a score. Collections are copied; meter and key signature lists must not be empty.</summary>
    public Score(
        IEnumerable<Part> parts,
        IEnumerable<Timed<Meter>> meters,
        IEnumerable<Timed<KeySignature>> keySignatures,
        Key? key = null,
        IEnumerable<Measure>? measures = null,
        IEnumerable<Timed<double>>? tempos = null,
        ScoreMetadata? metadata = null)
    {
        Parts = parts.ToImmutableArray();
        Meters = meters.OrderBy(m => m.Onset).ToImmutableArray();
        KeySignatures = keySignatures.OrderBy(k => k.Onset).ToImmutableArray();
        if (Meters.IsEmpty) Meters = [new Timed<Meter>(Rational.Zero, Meter.CommonTime)];
        if (KeySignatures.IsEmpty) KeySignatures = [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))];
        Key = key;
        Measures = (measures ?? []).OrderBy(m => m.Onset).ToImmutableArray();
        Tempos = (tempos ?? []).OrderBy(t => t.Onset).ToImmutableArray();
        Metadata = metadata ?? ScoreMetadata.Empty;
    }

    /// <summary>Parts, highest first (soprano, alto, tenor, bass).</summary>
    public ImmutableArray<Part> Parts { get; }
    /// <summary>Meters in force, by onset; never empty.</summary>
    public ImmutableArray<Timed<Meter>> Meters { get; }
    /// <summary>Key signatures in force, by onset; never empty.</summary>
    public ImmutableArray<Timed<KeySignature>> KeySignatures { get; }
    /// <summary>The key the source declares (Humdrum <c>*G:</c>, a MIDI key signature's mode), if any.</summary>
    public Key? Key { get; }
    /// <summary>Measures in order (may be empty when the source has no barlines).</summary>
    public ImmutableArray<Measure> Measures { get; }
    /// <summary>Tempo changes in quarter notes per minute (may be empty: then 100 is assumed).</summary>
    public ImmutableArray<Timed<double>> Tempos { get; }
    /// <summary>Title, composer, source file and the like.</summary>
    public ScoreMetadata Metadata { get; }

    /// <summary>The first meter.</summary>
    public Meter Meter => Meters[0].Value;
    /// <summary>The first key signature.</summary>
    public KeySignature KeySignature => KeySignatures[0].Value;
    /// <summary>The end of the last note, in quarter notes.</summary>
    public Rational Length => Parts.SelectMany(p => p.Notes).Select(n => n.End).DefaultIfEmpty(Rational.Zero).Max();
    /// <summary>Number of notes in all parts.</summary>
    public int NoteCount => Parts.Sum(p => p.Notes.Length);

    /// <summary>The meter in force at an onset.</summary>
    public Meter MeterAt(Rational onset) => ValueAt(Meters, onset);
    /// <summary>The key signature in force at an onset.</summary>
    public KeySignature KeySignatureAt(Rational onset) => ValueAt(KeySignatures, onset);

    /// <summary>The measure that contains an onset, or null when there are no measures or the onset is before the first.</summary>
    public Measure? MeasureAt(Rational onset)
    {
        Measure? found = null;
        foreach (var m in Measures)
        {
            if (m.Onset > onset) break;
            found = m;
        }
        return found;
    }

    private static T ValueAt<T>(ImmutableArray<Timed<T>> values, Rational onset)
    {
        T current = values[0].Value;
        foreach (var v in values)
        {
            if (v.Onset > onset) break;
            current = v.Value;
        }
        return current;
    }

    /// <summary>A copy with other parts.</summary>
    public Score WithParts(IEnumerable<Part> parts) => new(parts, Meters, KeySignatures, Key, Measures, Tempos, Metadata);
    /// <summary>A copy with other metadata.</summary>
    public Score WithMetadata(ScoreMetadata metadata) => new(Parts, Meters, KeySignatures, Key, Measures, Tempos, metadata);
    /// <summary>A copy with another declared key.</summary>
    public Score WithKey(Key? key) => new(Parts, Meters, KeySignatures, key, Measures, Tempos, Metadata);

    /// <summary>
    /// The score transposed by a spelled interval: every note, the declared key and the key signatures
    /// (a signature that would pass seven sharps or flats is kept at the limit).
    /// </summary>
    public Score Transpose(Interval interval)
    {
        Key? key = Key is { } k ? TransposeKey(k, interval) : null;
        var signatures = KeySignatures.Select(ks =>
        {
            var major = TransposeKey(ks.Value.ToKey(Mode.Major), interval);
            return ks with { Value = new KeySignature(Math.Clamp(major.Fifths, -7, 7)) };
        });
        return new Score(Parts.Select(p => p.Transpose(interval)), Meters, signatures, key, Measures, Tempos, Metadata);
    }

    private static Key TransposeKey(Key key, Interval interval)
    {
        var tonic = key.TonicPitch(4).Transpose(interval);
        return Math.Abs(tonic.Alter) <= 2 ? new Key(tonic.Step, tonic.Alter, key.Mode) : key;
    }

    /// <inheritdoc/>
    public bool Equals(Score? other) =>
        other is not null &&
        Parts.SequenceEqual(other.Parts) &&
        Meters.SequenceEqual(other.Meters) &&
        KeySignatures.SequenceEqual(other.KeySignatures) &&
        Key == other.Key &&
        Measures.SequenceEqual(other.Measures) &&
        Tempos.SequenceEqual(other.Tempos) &&
        Metadata.Equals(other.Metadata);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Score);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Parts.Length, NoteCount, Meter, KeySignature, Key);
    /// <summary>"Title: 4 parts, 210 notes".</summary>
    public override string ToString() => $"{Metadata.Title ?? "Untitled"}: {Parts.Length} parts, {NoteCount} notes";
}
