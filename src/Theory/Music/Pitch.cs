using System.Globalization;

namespace EvoComposer.Theory.Music;

/// <summary>
/// A spelled pitch: diatonic step, chromatic alteration (−3…+3, sharps positive) and octave (scientific
/// pitch notation, C4 = middle C). The MIDI number is derived. C♯4 and D♭4 are different pitches with the
/// same MIDI number. Ordering is by MIDI number, then by diatonic position, so it is total and consistent
/// with equality. The default value is C-1 (MIDI 0). Immutable and thread-safe.
/// </summary>
public readonly struct Pitch : IEquatable<Pitch>, IComparable<Pitch>, IComparable
{
    /// <summary>Largest alteration in either direction (triple sharp or flat).</summary>
    public const int MaxAlter = 3;

    private readonly sbyte _alter;
    private readonly sbyte _octavePlusOne; // so that default(Pitch) is C-1, MIDI 0, as documented
    private readonly byte _step;

    /// <summary>Creates a pitch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Alteration beyond ±3 or octave outside −1…10.</exception>
    public Pitch(Step step, int alter, int octave)
    {
        if ((uint)step > 6) throw new ArgumentOutOfRangeException(nameof(step));
        if (Math.Abs(alter) > MaxAlter) throw new ArgumentOutOfRangeException(nameof(alter), alter, "Alteration must be within ±3.");
        if (octave < -1 || octave > 10) throw new ArgumentOutOfRangeException(nameof(octave), octave, "Octave must be within -1…10.");
        _step = (byte)step;
        _alter = (sbyte)alter;
        _octavePlusOne = (sbyte)(octave + 1);
    }

    /// <summary>The note letter.</summary>
    public Step Step => (Step)_step;
    /// <summary>Sharps positive, flats negative.</summary>
    public int Alter => _alter;
    /// <summary>Octave in scientific pitch notation (C4 is middle C; B♯3 sounds as C4).</summary>
    public int Octave => _octavePlusOne - 1;
    /// <summary>MIDI note number (60 = C4).</summary>
    public int Midi => _octavePlusOne * 12 + Step.NaturalSemitones() + _alter;
    /// <summary>Pitch class 0–11 (C = 0).</summary>
    public int PitchClass => ((Midi % 12) + 12) % 12;
    /// <summary>Diatonic index: octave × 7 + step. Distances between these give generic intervals.</summary>
    public int DiatonicIndex => Octave * 7 + _step;

    /// <summary>Builds a pitch from its diatonic index and alteration.</summary>
    public static Pitch FromDiatonicIndex(int diatonicIndex, int alter)
    {
        int octave = (int)Math.Floor(diatonicIndex / 7.0);
        return new Pitch((Step)(diatonicIndex - octave * 7), alter, octave);
    }

    /// <summary>
    /// Spells a MIDI number: with sharps when <paramref name="fifths"/> ≥ 0, with flats otherwise
    /// (the usual spelling in a key signature with that many sharps or flats).
    /// </summary>
    public static Pitch FromMidi(int midi, int fifths = 0)
    {
        if (midi < 0 || midi > 127) throw new ArgumentOutOfRangeException(nameof(midi), midi, "MIDI note numbers are 0–127.");
        int pc = midi % 12, octave = midi / 12 - 1;
        // Sharp and flat spellings of each pitch class.
        ReadOnlySpan<byte> sharpStep = [0, 0, 1, 1, 2, 3, 3, 4, 4, 5, 5, 6];
        ReadOnlySpan<byte> flatStep = [0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6];
        var step = (Step)(fifths >= 0 ? sharpStep[pc] : flatStep[pc]);
        int alter = pc - step.NaturalSemitones();
        return new Pitch(step, alter, octave);
    }

    /// <summary>Transposes by a spelled interval, keeping the spelling exact (C4 + M3 = E4; C♯4 + m3 = E4).</summary>
    public Pitch Transpose(Interval interval)
    {
        int target = DiatonicIndex + interval.DiatonicSteps;
        var natural = FromDiatonicIndex(target, 0);
        int alter = Midi + interval.Semitones - natural.Midi;
        return FromDiatonicIndex(target, alter);
    }

    /// <summary>Text such as "C4", "F#3", "Bb2", "E##5".</summary>
    public override string ToString() => $"{Step}{Steps.AlterText(Alter)}{Octave.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses the text of <see cref="ToString"/>.</summary>
    public static Pitch Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a pitch such as C4, F#3 or Bb2.");

    /// <summary>Parses the text of <see cref="ToString"/>; false when it is not a pitch.</summary>
    public static bool TryParse(string text, out Pitch pitch)
    {
        pitch = default;
        if (string.IsNullOrEmpty(text) || !Steps.TryParse(text[0], out var step)) return false;
        int i = 1, alter = 0;
        while (i < text.Length && (text[i] == '#' || text[i] == 'b'))
        {
            alter += text[i] == '#' ? 1 : -1;
            i++;
        }
        if (Math.Abs(alter) > MaxAlter) return false;
        if (!int.TryParse(text.AsSpan(i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int octave)) return false;
        if (octave < -1 || octave > 10) return false;
        pitch = new Pitch(step, alter, octave);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Pitch other) => _step == other._step && _alter == other._alter && _octavePlusOne == other._octavePlusOne;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Pitch p && Equals(p);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_step, _alter, _octavePlusOne);
    /// <inheritdoc/>
    public int CompareTo(Pitch other)
    {
        int c = Midi.CompareTo(other.Midi);
        return c != 0 ? c : DiatonicIndex.CompareTo(other.DiatonicIndex);
    }
    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj is Pitch p ? CompareTo(p) : throw new ArgumentException("Not a Pitch.", nameof(obj));
    /// <inheritdoc/>
    public static bool operator ==(Pitch a, Pitch b) => a.Equals(b);
    /// <inheritdoc/>
    public static bool operator !=(Pitch a, Pitch b) => !a.Equals(b);
    /// <inheritdoc/>
    public static bool operator <(Pitch a, Pitch b) => a.CompareTo(b) < 0;
    /// <inheritdoc/>
    public static bool operator >(Pitch a, Pitch b) => a.CompareTo(b) > 0;
    /// <inheritdoc/>
    public static bool operator <=(Pitch a, Pitch b) => a.CompareTo(b) <= 0;
    /// <inheritdoc/>
    public static bool operator >=(Pitch a, Pitch b) => a.CompareTo(b) >= 0;
}
