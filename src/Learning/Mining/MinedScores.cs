using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules.Chorale;

namespace EvoComposer.Learning.Mining;

/// <summary>Converts between scores and <see cref="MinedPiece"/>s.</summary>
public static class MinedScores
{
    private static readonly Rational Sixteenth = new(1, 4);

    /// <summary>The semitones (−6…5) that take a key's tonic to C.</summary>
    public static int SemitonesToC(Key key)
    {
        int s = (12 - key.TonicPitchClass) % 12;
        return s > 5 ? s - 12 : s;
    }

    /// <summary>The spelled interval that takes a key's tonic to C by <see cref="SemitonesToC"/> semitones.</summary>
    public static Interval IntervalToC(Key key)
    {
        var tonic = key.TonicPitch(4);
        int target = tonic.Midi + SemitonesToC(key);
        var c = new Pitch(Step.C, 0, target / 12 - 1);
        return Interval.Between(tonic, c);
    }

    /// <summary>
    /// Cuts a four-part score (parts highest first) into beats transposed to C. The key is the declared one, else
    /// estimated (<paramref name="key"/> overrides both).
    /// </summary>
    /// <exception cref="ArgumentException">The score does not have four parts, or has no notes.</exception>
    public static MinedPiece FromScore(Score score, string source, Key? key = null)
    {
        if (score.Parts.Length != 4) throw new ArgumentException($"{source}: has {score.Parts.Length} parts, not 4");
        var k = key ?? score.Key ?? KeyEstimator.Global(SliceGrid.FromScore(score), null, score.KeySignature.Fifths);
        int shift = SemitonesToC(k);
        var firstOnset = score.Parts.SelectMany(p => p.Notes).Select(n => n.Onset).DefaultIfEmpty(Rational.Zero).Min();
        long startBeat = firstOnset.Floor();
        int n = (int)(score.Length - startBeat + new Rational(3, 4)).Floor();
        if (n <= 0) throw new ArgumentException($"{source}: has no notes");
        var beats = new BeatGrouping[n];
        var measures = new int[n];
        var beatIn = new int[n];
        var perMeasure = new int[n];
        var ends = new bool[n];
        Span<byte> pitches = stackalloc byte[16];
        Span<bool> attacks = stackalloc bool[16];
        var cursor = new int[4];
        for (int b = 0; b < n; b++)
        {
            var beatOnset = new Rational(startBeat + b, 1);
            for (int v = 0; v < 4; v++)
            {
                var notes = score.Parts[v].Notes;
                for (int s = 0; s < 4; s++)
                {
                    var t = beatOnset + Sixteenth * s;
                    var tEnd = t + Sixteenth;
                    while (cursor[v] < notes.Length && notes[cursor[v]].End <= t) cursor[v]++;
                    int pitch = 0;
                    bool attack = false;
                    for (int i = cursor[v]; i < notes.Length && notes[i].Onset < tEnd; i++)
                    {
                        if (notes[i].End <= t) continue;
                        pitch = Math.Clamp(notes[i].Pitch.Midi + shift, 1, 127);
                        attack = notes[i].Onset >= t;
                        if (notes[i].Onset <= t) break; // the note sounding at the 16th wins over a later 32nd
                    }
                    pitches[v * 4 + s] = (byte)pitch;
                    attacks[v * 4 + s] = attack;
                }
            }
            beats[b] = BeatGrouping.Create(pitches, attacks);
            (measures[b], beatIn[b], perMeasure[b]) = MetricPosition(score, beatOnset);
        }
        foreach (var part in score.Parts)
            foreach (var note in part.Notes)
                if (note.Fermata && (note.End - Sixteenth).Floor() - startBeat is var last && last >= 0 && last < n) ends[last] = true;
        ends[n - 1] = true;
        return new MinedPiece(source, k, shift, beats, measures, beatIn, perMeasure, ends);
    }

    private static (int Measure, int Beat, int PerMeasure) MetricPosition(Score score, Rational onset)
    {
        var meter = score.MeterAt(onset);
        int perMeasure = Math.Max(1, (int)meter.MeasureLength.Floor());
        if (score.MeasureAt(onset) is not { } m)
            return ((int)(onset.Floor() / perMeasure) + 1, (int)(onset.Floor() % perMeasure), perMeasure);
        var into = onset - m.Onset;
        if (m.Duration < meter.MeasureLength && m == score.Measures[0]) into += meter.MeasureLength - m.Duration; // a pickup
        return (m.Number, Math.Clamp((int)into.Floor(), 0, perMeasure - 1), perMeasure);
    }

    // Comfortable ranges of soprano, alto, tenor and bass (MIDI), as in the usual part-writing rules.
    /// <summary>
    /// The usual range (MIDI, inclusive) of soprano, alto, tenor and bass: the defaults of the <c>voice-range</c>
    /// rule (<see cref="VoiceRangeRule"/>), so that what the samplers aim for is what <c>check</c> tests.
    /// </summary>
    internal static readonly (int Low, int High)[] VoiceRanges = DefaultVoiceRanges();

    private static (int Low, int High)[] DefaultVoiceRanges()
    {
        var defaults = new VoiceRangeRule().Parameters.ToDictionary(p => p.Name, p => (int)p.Default);
        return [.. new[] { "soprano", "alto", "tenor", "bass" }.Select(v => (defaults[v + "Low"], defaults[v + "High"]))];
    }

    /// <summary>
    /// How many of a grouping's sounding 16ths leave their voice's usual range, narrowed by <paramref name="margin"/>
    /// semitones at each end, once shifted by <paramref name="shift"/> semitones.
    /// </summary>
    internal static int OutsideRange(BeatGrouping grouping, int shift, int margin = 0)
    {
        int outside = 0;
        for (int v = 0; v < 4; v++)
            for (int s = 0; s < 4; s++)
            {
                int p = grouping.Pitch(v, s);
                if (p == 0) continue;
                p += shift;
                if (p < VoiceRanges[v].Low + margin || p > VoiceRanges[v].High - margin) outside++;
            }
        return outside;
    }

    /// <summary>
    /// The octave (−1, 0 or +1) to add to a transposition by <paramref name="shift"/> semitones so that the fewest
    /// notes leave the voices' usual ranges (ties: no octave).
    /// </summary>
    internal static int RegisterOctaves(IReadOnlyList<BeatGrouping> beats, int shift)
    {
        int best = 0, bestOut = int.MaxValue;
        foreach (int octaves in new[] { 0, -1, 1 })
        {
            int outside = 0;
            foreach (var g in beats) outside += OutsideRange(g, shift + 12 * octaves);
            if (outside < bestOut) { best = octaves; bestOut = outside; }
        }
        return best;
    }

    // Steps (0 = C … 6 = B) of the twelve pitch classes relative to the tonic C, as chorales spell them: in major
    // C♯ (V/ii), D♯ (V/iii), F♯ (V/V), G♯ (V/vi), B♭ (V/IV); in minor D♭ (Neapolitan), E♮ (V/iv), F♯ (V/V), A♮ and B♮
    // (the raised sixth and seventh) beside the diatonic E♭, A♭ and B♭.
    private static readonly byte[] MajorSteps = [0, 0, 1, 1, 2, 3, 3, 4, 4, 5, 6, 6];
    private static readonly byte[] MinorSteps = [0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6];

    /// <summary>
    /// Spells a MIDI number of a passage in C (major or minor) the way the chorales spell chromatic notes in that
    /// mode, e.g. B♭ not A♯ in major (the lowered seventh leading to IV), F♯ not G♭ in both modes.
    /// </summary>
    internal static Pitch SpellInC(int midi, Mode mode)
    {
        int pc = midi % 12;
        var step = (Step)(mode == Mode.Major ? MajorSteps : MinorSteps)[pc];
        return new Pitch(step, pc - step.NaturalSemitones(), midi / 12 - 1);
    }

    /// <summary>
    /// A score from beats (pitches relative to C), transposed to <paramref name="key"/> (nearest octave, or the
    /// octave above or below when fewer notes then leave the voices' usual ranges),
    /// with a fermata on the last note of every voice at each phrase end. Parts: Soprano, Alto, Tenor, Bass.
    /// </summary>
    public static Score ToScore(IReadOnlyList<BeatGrouping> beats, IReadOnlyList<bool> phraseEnds, Key key, Meter meter, int pickupBeats = 0, ScoreMetadata? metadata = null)
    {
        int octaves = RegisterOctaves(beats, -SemitonesToC(key));
        int shift = -SemitonesToC(key) + 12 * octaves;
        var toKey = IntervalToC(key).Inverse + new Interval(7 * octaves, 12 * octaves);
        string[] names = ["Soprano", "Alto", "Tenor", "Bass"];
        int perMeasure = Math.Max(1, (int)meter.MeasureLength.Floor());
        var parts = new List<Part>();
        for (int v = 0; v < 4; v++)
        {
            var notes = new List<Note>();
            foreach (var e in NoteEvents.Extract(beats, v))
            {
                if (e.Pitch == 0) continue;
                int end = e.Start + e.Length;
                bool fermata = phraseEnds[(end - 1) / 4] && end % 4 == 0;
                int measure = (e.Start / 4 + (pickupBeats > 0 ? perMeasure - pickupBeats : 0)) / perMeasure + (pickupBeats > 0 ? 0 : 1);
                var spelled = SpellInC(e.Pitch, key.Mode).Transpose(toKey);
                if (spelled.Midi != e.Pitch + shift) spelled = Pitch.FromMidi(Math.Clamp(e.Pitch + shift, 0, 127), key.Fifths);
                notes.Add(new Note(spelled, Sixteenth * e.Start, Sixteenth * e.Length, measure, fermata));
            }
            parts.Add(new Part(names[v], notes));
        }
        var length = new Rational(beats.Count, 1);
        var measures = new List<Measure>();
        var at = Rational.Zero;
        int number = pickupBeats > 0 ? 0 : 1;
        if (pickupBeats > 0) { measures.Add(new Measure(0, at, pickupBeats)); at += pickupBeats; number = 1; }
        for (; at < length; at += meter.MeasureLength, number++) measures.Add(new Measure(number, at, Rational.Min(meter.MeasureLength, length - at)));
        return new Score(parts, [new Timed<Meter>(Rational.Zero, meter)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(Math.Clamp(key.Fifths, -7, 7)))],
            key, measures, [new Timed<double>(Rational.Zero, 80)], metadata);
    }
}
