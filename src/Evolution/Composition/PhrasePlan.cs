using System.Collections.Immutable;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>One phrase of a plan: its length in beats and the cadence wanted at its end.</summary>
/// <param name="Beats">Beats in the phrase, including the held final chord.</param>
/// <param name="Cadence">The cadence wanted on its last chord.</param>
/// <param name="FinalChordBeats">How many beats the cadence chord lasts (held under a fermata); 1 or more.</param>
public readonly record struct PlannedPhrase(int Beats, CadenceKind Cadence, int FinalChordBeats = 2);

/// <summary>
/// What a chorale is to be: key, meter and phrases (length, cadence), plus an optional fixed soprano for
/// harmonization. A plan fixes which beats are holds of a cadence chord, so genomes over it keep no genes for
/// them. Only simple meters are supported (each beat holds one note, or two of half its length). Immutable.
/// </summary>
public sealed class PhrasePlan
{
    /// <summary>Creates a plan.</summary>
    /// <exception cref="ArgumentException">No phrases, a compound meter, a phrase too short for its final chord, or a key beyond 7 sharps or flats.</exception>
    public PhrasePlan(Key key, Meter meter, IEnumerable<PlannedPhrase> phrases, int pickupBeats = 0, FixedMelody? melody = null)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        if (Math.Abs(key.Fifths) > 7) throw new ArgumentException($"{key} needs more than 7 sharps or flats.", nameof(key));
        if (meter.IsCompound) throw new ArgumentException($"Compound meters such as {meter} are not supported yet; use a simple meter (2/4, 3/4, 4/4, 3/2…).", nameof(meter));
        if (meter.Numerator > 16) throw new ArgumentException($"A meter of {meter.Numerator} beats is not supported.", nameof(meter));
        Phrases = phrases.ToImmutableArray();
        if (Phrases.IsEmpty) throw new ArgumentException("A plan needs at least one phrase.", nameof(phrases));
        if (Phrases.Length > 64) throw new ArgumentException("A plan may have at most 64 phrases.", nameof(phrases));
        foreach (var p in Phrases)
        {
            if (p.FinalChordBeats < 1 || p.Beats < p.FinalChordBeats + 1 || p.Beats > 64)
                throw new ArgumentException($"A phrase of {p.Beats} beats cannot end with a chord of {p.FinalChordBeats} beats.", nameof(phrases));
        }
        if (pickupBeats < 0 || pickupBeats >= meter.BeatsPerMeasure) throw new ArgumentOutOfRangeException(nameof(pickupBeats), pickupBeats, "A pickup is shorter than a measure.");
        Key = key;
        Meter = meter;
        PickupBeats = pickupBeats;
        Scale = new KeyScale(key);
        int total = Phrases.Sum(p => p.Beats);
        var hold = new bool[total];
        var end = new bool[total];
        var phraseOf = new int[total];
        var starts = new int[Phrases.Length];
        int b = 0;
        for (int i = 0; i < Phrases.Length; i++)
        {
            starts[i] = b;
            var p = Phrases[i];
            for (int k = 0; k < p.Beats; k++) phraseOf[b + k] = i;
            int cadence = b + p.Beats - p.FinalChordBeats;
            end[cadence] = true;
            for (int k = cadence + 1; k < b + p.Beats; k++) hold[k] = true;
            b += p.Beats;
        }
        Beats = total;
        IsHold = ImmutableArray.Create(hold);
        IsCadenceChord = ImmutableArray.Create(end);
        PhraseOfBeat = ImmutableArray.Create(phraseOf);
        PhraseStarts = ImmutableArray.Create(starts);
        // Per-beat times, computed once so that building a slice grid does no rational arithmetic.
        var beatLength = meter.BeatLength;
        var halfLength = beatLength / 2;
        var halfBeat = new Rational(1, 2);
        BeatOnsets = new Rational[total];
        HalfOnsets = new Rational[total];
        BeatPositions = new Rational[total];
        HalfPositions = new Rational[total];
        ChordDurations = new Rational[total];
        Measures = new int[total];
        for (int k = 0; k < total; k++)
        {
            BeatOnsets[k] = beatLength * k;
            HalfOnsets[k] = BeatOnsets[k] + halfLength;
            Measures[k] = MeasureOf(k);
            BeatPositions[k] = BeatInMeasure(k);
            HalfPositions[k] = BeatPositions[k] + halfBeat;
            int holds = 0;
            while (k + 1 + holds < total && hold[k + 1 + holds]) holds++;
            ChordDurations[k] = beatLength * (1 + holds);
        }
        HalfLength = halfLength;
        if (melody is not null && melody.Beats != total)
            throw new ArgumentException($"The melody has {melody.Beats} beats, the phrases {total}.", nameof(melody));
        Melody = melody;
        RepeatablePhrases = FindRepeatablePhrases();
    }

    /// <summary>
    /// The default plan: <paramref name="phrases"/> phrases of two measures (eight beats in 4/4), each ending on a
    /// chord held for two beats; the cadences alternate half and imperfect authentic, and the last is perfect
    /// authentic. In a meter of four beats the piece starts, as 248 of the 370 Bach chorales do, with a one-beat
    /// pickup, so the first phrase lasts nine beats and every cadence chord falls on the third beat.
    /// </summary>
    public static PhrasePlan Default(Key key, Meter meter, int phrases = 4)
    {
        if (phrases < 1 || phrases > 64) throw new ArgumentOutOfRangeException(nameof(phrases), phrases, "A chorale has 1–64 phrases.");
        int bpm = meter.BeatsPerMeasure;
        int measures = Math.Max(1, (int)Math.Round(8.0 / bpm));
        int beats = Math.Max(3, measures * bpm);
        int pickup = bpm == 4 ? 1 : 0;
        var list = new List<PlannedPhrase>();
        for (int i = 0; i < phrases; i++)
        {
            var cadence = i == phrases - 1 ? CadenceKind.PerfectAuthentic : i % 2 == 0 ? CadenceKind.Half : CadenceKind.ImperfectAuthentic;
            list.Add(new PlannedPhrase(beats + (i == 0 ? pickup : 0), cadence, 2));
        }
        return new PhrasePlan(key, meter, list, pickup);
    }

    /// <summary>The key.</summary>
    public Key Key { get; }
    /// <summary>The meter.</summary>
    public Meter Meter { get; }
    /// <summary>The phrases in order.</summary>
    public ImmutableArray<PlannedPhrase> Phrases { get; }
    /// <summary>Beats before the first full measure.</summary>
    public int PickupBeats { get; }
    /// <summary>Total number of beats.</summary>
    public int Beats { get; }
    /// <summary>Per beat: true when it only holds the previous beat's cadence chord (no genes).</summary>
    public ImmutableArray<bool> IsHold { get; }
    /// <summary>Per beat: true on the cadence chord of a phrase.</summary>
    public ImmutableArray<bool> IsCadenceChord { get; }
    /// <summary>Per beat: the index of its phrase.</summary>
    public ImmutableArray<int> PhraseOfBeat { get; }
    /// <summary>The first beat of each phrase.</summary>
    public ImmutableArray<int> PhraseStarts { get; }
    /// <summary>The fixed soprano of a harmonization, or null when composing freely.</summary>
    public FixedMelody? Melody { get; }
    /// <summary>Length of a beat in quarter notes.</summary>
    public Rational BeatLength => Meter.BeatLength;
    internal KeyScale Scale { get; }
    internal Rational[] BeatOnsets { get; }
    internal Rational[] HalfOnsets { get; }
    internal Rational[] BeatPositions { get; }
    internal Rational[] HalfPositions { get; }
    /// <summary>Length of a beat's chord including the holds that follow it.</summary>
    internal Rational[] ChordDurations { get; }
    internal int[] Measures { get; }
    internal Rational HalfLength { get; }

    /// <summary>Onset of a beat in quarter notes.</summary>
    public Rational OnsetOf(int beat) => BeatLength * beat;

    /// <summary>Measure number of a beat (0 for a pickup, else from 1).</summary>
    public int MeasureOf(int beat)
    {
        int bpm = Meter.BeatsPerMeasure;
        if (PickupBeats > 0) return beat < PickupBeats ? 0 : (beat - PickupBeats) / bpm + 1;
        return beat / bpm + 1;
    }

    /// <summary>Position of a beat in its measure, 1-based.</summary>
    public int BeatInMeasure(int beat)
    {
        int bpm = Meter.BeatsPerMeasure;
        int shifted = beat + (PickupBeats > 0 ? bpm - PickupBeats : 0);
        return shifted % bpm + 1;
    }

    /// <summary>
    /// The pairs (earlier, later) of phrases the later of which may repeat the earlier (bar form): same cadence, same
    /// final-chord length, and the copied beats — as many as the shorter phrase has, aligned at the phrase ends — fall on
    /// the same places of the measure. None under a fixed melody. Worked out with the plan (the GA asks for every
    /// candidate); read by <see cref="CopyPhraseMutation"/> and the phrase-repeat fitness term.
    /// </summary>
    public ImmutableArray<(int From, int To, int Beats)> RepeatablePhrases { get; }

    private ImmutableArray<(int From, int To, int Beats)> FindRepeatablePhrases()
    {
        var pairs = ImmutableArray.CreateBuilder<(int, int, int)>();
        if (Melody is not null) return pairs.ToImmutable();
        for (int i = 0; i < Phrases.Length; i++)
            for (int j = i + 1; j < Phrases.Length; j++)
            {
                if (Phrases[i].Cadence != Phrases[j].Cadence || Phrases[i].FinalChordBeats != Phrases[j].FinalChordBeats) continue;
                int length = Math.Min(Phrases[i].Beats, Phrases[j].Beats);
                int from = PhraseStarts[i] + Phrases[i].Beats - length, to = PhraseStarts[j] + Phrases[j].Beats - length;
                if (BeatInMeasure(from) != BeatInMeasure(to)) continue;
                pairs.Add((i, j, length));
            }
        return pairs.ToImmutable();
    }

    /// <summary>"D major, 4/4, 4 phrases (HC, IAC, HC, PAC)".</summary>
    public override string ToString() =>
        $"{Key}, {Meter}, {Phrases.Length} phrase{(Phrases.Length == 1 ? "" : "s")} of {string.Join("/", Phrases.Select(p => p.Beats))} beats";
}

/// <summary>
/// A soprano that a harmonization keeps: per beat its main note, an optional second note on the half beat,
/// and whether the main note only continues the previous one (a tie), plus the original part for output.
/// Immutable.
/// </summary>
public sealed class FixedMelody
{
    /// <summary>Creates the melody; arrays have one entry per beat.</summary>
    public FixedMelody(IReadOnlyList<Pitch> main, IReadOnlyList<Pitch?> second, IReadOnlyList<bool> tied, Part? original = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(tied);
        if (main.Count == 0 || second.Count != main.Count || tied.Count != main.Count) throw new ArgumentException("A melody needs one entry per beat in each list.");
        if (tied[0]) throw new ArgumentException("The first note cannot be tied to an earlier one.", nameof(tied));
        for (int i = 1; i < main.Count; i++)
            if (tied[i] && main[i] != (second[i - 1] ?? main[i - 1])) throw new ArgumentException($"Beat {i} is tied to a different pitch.", nameof(tied));
        Main = main.ToImmutableArray();
        Second = second.ToImmutableArray();
        Tied = tied.ToImmutableArray();
        Original = original;
    }

    /// <summary>Number of beats.</summary>
    public int Beats => Main.Length;
    /// <summary>The note sounding at each beat.</summary>
    public ImmutableArray<Pitch> Main { get; }
    /// <summary>The note attacked on the half beat, if any.</summary>
    public ImmutableArray<Pitch?> Second { get; }
    /// <summary>True where the beat's note continues the previous one.</summary>
    public ImmutableArray<bool> Tied { get; }
    /// <summary>The melody as read, for output with its exact rhythm.</summary>
    public Part? Original { get; }
}
