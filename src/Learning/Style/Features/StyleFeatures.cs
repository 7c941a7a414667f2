namespace EvoComposer.Learning.Style.Features;

/// <summary>
/// The style features: their schema (every name with a one-line description) and a thread-safe way to
/// extract them. Melody-only excerpts (one voice) get 0 for every feature that needs two voices (pairs,
/// chords, non-chord tones, cadences, the bass and inner voices); <c>texture.voices</c> then says 1.
/// <see cref="MelodicSchema"/> is the subset that is defined on one melody; with it, extraction is meant to
/// run on <see cref="CompactExcerpt.TopVoice"/> so that every class is described by its top voice alone.
/// </summary>
public static class StyleFeatures
{
    /// <summary>All features, in vector order.</summary>
    public static FeatureSchema Schema => Slots.Schema;

    /// <summary>The features defined on a single melody (pitch, interval, contour and rhythm).</summary>
    public static FeatureSchema MelodicSchema { get; } = Slots.Schema.Subset(f => f.Melodic);

    [ThreadStatic] private static StyleFeatureExtractor? _extractor;

    /// <summary>Extracts all features of an excerpt (uses a per-thread extractor; thread-safe).</summary>
    public static FeatureVector Extract(CompactExcerpt excerpt)
    {
        var values = new double[Schema.Count];
        ExtractInto(excerpt, values);
        return new FeatureVector(Schema, values);
    }

    /// <summary>Extracts all features into <paramref name="destination"/> (length <see cref="Schema"/>.Count) without allocating.</summary>
    public static void ExtractInto(CompactExcerpt excerpt, Span<double> destination) =>
        (_extractor ??= new StyleFeatureExtractor()).Extract(excerpt, destination);
}

/// <summary>Positions of the features in <see cref="StyleFeatures.Schema"/>; the one place that defines them.</summary>
internal static class Slots
{
    private static readonly List<FeatureInfo> List = [];

    private static int Add(string name, string description, string phrase, bool melodic)
    {
        List.Add(new FeatureInfo(name, description, phrase, melodic));
        return List.Count - 1;
    }

    private static readonly string[] DegreeNames = ["tonic", "b2", "2", "b3", "3", "4", "#4", "5", "b6", "6", "b7", "7"];
    private static readonly string[] DegreeWords =
        ["the tonic", "the lowered second degree", "the second degree", "the minor third degree", "the major third degree",
         "the fourth degree", "the raised fourth degree", "the fifth degree", "the minor sixth degree", "the major sixth degree",
         "the minor seventh degree", "the leading tone"];

    public static readonly int PitchClass = AddDegrees();
    public static readonly int PitchEntropy = Add("pc.entropy", "Entropy in bits of the duration-weighted pitch-class distribution (chromaticism).", "pitch-class variety", true);
    public static readonly int KeyClarity = Add("key.clarity", "Correlation of the pitch-class distribution with the best-fitting Krumhansl-Kessler key profile (tonal clarity).", "tonal clarity", true);
    public static readonly int KeyMinor = Add("key.minor", "1 when the best-fitting key profile is minor, 0 when major.", "minor-key colour", true);
    public static readonly int KeyDrift = Add("key.drift", "1 minus the correlation of the pitch-class distributions of the excerpt's two halves (tonal wandering).", "tonal wandering", true);
    public static readonly int OutOfKey = Add("pc.out-of-key", "Share of sounding time on pitch classes outside the estimated key's scale (minor: with raised sixth and seventh).", "time outside the key", true);

    private static readonly (string Name, string Words)[] IntervalBins =
    [
        ("repeat", "repeated notes"), ("m2", "minor seconds"), ("M2", "major seconds"), ("m3", "minor thirds"), ("M3", "major thirds"),
        ("P4", "fourths"), ("tritone", "tritones"), ("P5", "fifths"), ("sixth", "sixths"), ("seventh", "sevenths"), ("octave+", "octave or larger leaps"),
    ];
    public static readonly int Interval = AddIntervals();
    public static readonly int IntervalEntropy = Add("int.entropy", "Entropy in bits of the melodic interval distribution.", "variety of melodic intervals", true);

    public static readonly int TopStep = Add("top.step", "Share of the top voice's melodic intervals that are steps (1-2 semitones).", "stepwise motion in the top voice", true);
    public static readonly int TopLeap = Add("top.leap", "Share of the top voice's melodic intervals that are leaps of a fourth or more.", "leaps in the top voice", true);
    public static readonly int TopMeanInterval = Add("top.mean-interval", "Mean size in semitones of the top voice's melodic intervals.", "wide melodic motion in the top voice", true);
    public static readonly int TopRange = Add("top.range", "Range of the top voice in semitones.", "range in the top voice", true);
    public static readonly int TopTessitura = Add("top.tessitura", "Duration-weighted mean MIDI pitch of the top voice.", "height of the top voice", true);
    public static readonly int TopLeapRecovery = Add("top.leap-recovery", "Share of the top voice's leaps followed by a step in the opposite direction.", "recovered leaps in the top voice", true);
    public static readonly int TopMaxLeap = Add("top.max-leap", "Largest melodic interval of the top voice in semitones.", "large leaps in the top voice", true);
    public static readonly int TopContour = Add("top.contour-changes", "Share of the top voice's moves that change direction.", "zigzag contour in the top voice", true);

    public static readonly int BassStep = Add("bass.step", "Share of the bass's melodic intervals that are steps.", "stepwise motion in the bass", false);
    public static readonly int BassLeap = Add("bass.leap", "Share of the bass's melodic intervals that are leaps of a fourth or more.", "leaps in the bass", false);
    public static readonly int BassMeanInterval = Add("bass.mean-interval", "Mean size in semitones of the bass's melodic intervals.", "wide motion in the bass", false);
    public static readonly int TopRunLength = Add("top.run-length", "Mean number of successive moves in one direction in the top voice (scalar runs are long).", "long runs in one direction in the top voice", true);
    public static readonly int BassContour = Add("bass.contour-changes", "Share of the bass's moves that change direction.", "zigzag contour in the bass", false);
    public static readonly int BassMaxLeap = Add("bass.max-leap", "Largest melodic interval of the bass in semitones.", "large leaps in the bass", false);
    public static readonly int BassRange = Add("bass.range", "Range of the bass in semitones.", "range in the bass", false);
    public static readonly int BassTessitura = Add("bass.tessitura", "Duration-weighted mean MIDI pitch of the bass.", "height of the bass", false);
    public static readonly int InnerStep = Add("inner.step", "Share of the inner voices' melodic intervals that are steps.", "stepwise motion in the inner voices", false);
    public static readonly int InnerLeap = Add("inner.leap", "Share of the inner voices' melodic intervals that are leaps of a fourth or more.", "leaps in the inner voices", false);
    public static readonly int InnerMeanInterval = Add("inner.mean-interval", "Mean size in semitones of the inner voices' melodic intervals.", "wide motion in the inner voices", false);
    public static readonly int InnerRange = Add("inner.range", "Mean range of the inner voices in semitones.", "range in the inner voices", false);

    public static readonly int Density = Add("rhythm.density", "Note onsets per quarter note, per voice.", "notes per beat", true);
    public static readonly int MeanDuration = Add("rhythm.mean-duration", "Mean written note length in quarter notes.", "long note values", true);
    public static readonly int ShortNotes = Add("rhythm.short", "Share of notes shorter than the meter's beat.", "notes shorter than the beat", true);
    public static readonly int RhythmEntropy = Add("rhythm.entropy", "Entropy in bits of the note-length distribution (rhythmic variety).", "rhythmic variety", true);
    public static readonly int Syncopation = Add("rhythm.syncopation", "Share of notes that start off the beat and sound across the next beat.", "syncopation", true);
    public static readonly int HeldOver = Add("rhythm.held-over", "Share of notes that sound across a beat boundary.", "notes held across the beat", true);
    public static readonly int Rests = Add("rhythm.rests", "Share of each voice's time that is silent, averaged over voices.", "rests", true);

    public static readonly int Voices = Add("texture.voices", "Mean number of voices sounding, weighted by duration.", "voices sounding at once", false);
    public static readonly int SpacingUpper = Add("texture.spacing-upper", "Mean distance in semitones between the two highest sounding voices.", "space between the two highest voices", false);
    public static readonly int SpacingLower = Add("texture.spacing-lower", "Mean distance in semitones between the two lowest sounding voices.", "space between the two lowest voices", false);
    public static readonly int WideSpacing = Add("texture.wide-spacing", "Share of multi-voice time with adjacent upper voices (above the bass) more than an octave apart.", "upper voices more than an octave apart", false);
    public static readonly int Crossing = Add("texture.crossing", "Share of multi-voice time with a voice below the next lower voice (voice crossing).", "voice crossing", false);
    public static readonly int Parallel = Add("motion.parallel", "Share of two-voice moves (all voice pairs) in parallel motion (same interval).", "parallel motion between voices", false);
    public static readonly int Similar = Add("motion.similar", "Share of two-voice moves in similar motion (same direction, interval changes).", "similar motion between voices", false);
    public static readonly int Contrary = Add("motion.contrary", "Share of two-voice moves in contrary motion.", "contrary motion between voices", false);
    public static readonly int Oblique = Add("motion.oblique", "Share of two-voice moves in oblique motion (one voice holds).", "oblique motion between voices", false);
    public static readonly int ParallelPerfect = Add("motion.parallel-perfect", "Share of two-voice moves that are parallel unisons, fifths or octaves.", "parallel perfect intervals", false);
    public static readonly int OuterContrary = Add("motion.outer-contrary", "Share of moves between the top voice and the bass in contrary motion.", "contrary motion between the outer voices", false);
    public static readonly int Dissonance = Add("harmony.dissonance", "Share of multi-voice time with a dissonance (second, seventh, tritone, or fourth above the bass).", "dissonance", false);

    private static readonly (string Name, string Words)[] ChordTypes =
    [
        ("major", "major triads"), ("minor", "minor triads"), ("diminished", "diminished triads"), ("augmented", "augmented triads"),
        ("dominant-seventh", "dominant seventh chords"), ("other-seventh", "other seventh chords"), ("dyad", "bare sonorities without a third"),
        ("other", "non-tertian sonorities"),
    ];
    public static readonly int Chord = AddChords();
    private static readonly (string Name, string Words)[] Inversions =
        [("root", "root-position chords"), ("first", "first-inversion chords"), ("second", "second-inversion chords"), ("third", "third-inversion seventh chords")];
    public static readonly int Inversion = AddInversions();

    public static readonly int NctRate = Add("nct.rate", "Share of notes attacked against other voices that are not members of the chord read at that moment.", "non-chord tones", false);
    public static readonly int NctPassing = Add("nct.passing", "Share of attacked notes that are passing tones (step in, step on in the same direction, outside the chord).", "passing tones", false);
    public static readonly int NctNeighbour = Add("nct.neighbour", "Share of attacked notes that are neighbour tones (step away and back, outside the chord).", "neighbour tones", false);
    public static readonly int NctSuspension = Add("nct.suspension", "Share of multi-voice sonorities with a held note outside the chord that then falls by step (a suspension).", "suspensions", false);
    public static readonly int NctOther = Add("nct.other", "Share of attacked notes outside the chord that are neither passing nor neighbour tones.", "unprepared non-chord tones", false);
    public static readonly int TonicChords = Add("harmony.tonic", "Share of multi-voice time on chords rooted on the estimated tonic.", "time on tonic chords", false);
    public static readonly int DominantChords = Add("harmony.dominant", "Share of multi-voice time on chords rooted on the estimated dominant.", "time on dominant chords", false);
    public static readonly int RootFifth = Add("harmony.root-fifth", "Share of chord changes whose root moves by a fourth or fifth.", "root motion by fifths", false);
    public static readonly int RootStep = Add("harmony.root-step", "Share of chord changes whose root moves by a second.", "root motion by step", false);
    public static readonly int RootThird = Add("harmony.root-third", "Share of chord changes whose root moves by a third.", "root motion by thirds", false);
    public static readonly int HarmonicRhythm = Add("harmony.rhythm", "Chord changes per quarter note (harmonic rhythm).", "chord changes per beat", false);
    public static readonly int CadenceAuthentic = Add("cadence.authentic", "Share of phrase ends (fermatas, else long chords on the beat) reached V-I.", "authentic cadences", false);
    public static readonly int CadencePlagal = Add("cadence.plagal", "Share of phrase ends reached IV-I.", "plagal cadences", false);
    public static readonly int CadenceHalf = Add("cadence.half", "Share of phrase ends on V.", "half cadences", false);
    public static readonly int PhraseLength = Add("phrase.length", "Mean distance in beats between successive phrase ends (0 with fewer than two).", "long phrases", false);
    public static readonly int CadenceDuration = Add("cadence.duration", "Mean length in beats of the sonority at a phrase end.", "lengthened cadence chords", false);
    public static readonly int CadenceDeceptive = Add("cadence.deceptive", "Share of phrase ends reached V-vi.", "deceptive cadences", false);

    public static readonly int PhraseRegularity = Add("phrase.length-sd", "Standard deviation in beats of the distances between successive phrase ends (irregular phrasing; 0 with fewer than three).", "irregular phrase lengths", false);
    public static readonly int CadenceStrongBeat = Add("cadence.strong-beat", "Share of phrase ends whose chord starts on a strong beat (the downbeat, or the middle of a measure of an even number of beats).", "cadences on strong beats", false);
    public static readonly int CadenceRemote = Add("cadence.remote", "Share of phrase ends on a chord whose root is outside the estimated key's scale.", "cadences on chords outside the key", false);
    public static readonly int PhraseKeyRemote = Add("key.phrase-remote", "Share of phrases (stretches ending at a phrase end) whose own best-fitting key is more than one fifth from the excerpt's key (neither the key, its relative, nor a neighbour on the circle of fifths).", "phrases in remote keys", false);
    public static readonly int ChromaticRoots = Add("harmony.chromatic-roots", "Share of multi-voice time on chords whose root is outside the estimated key's scale.", "chords rooted outside the key", false);
    public static readonly int ChordReturn = Add("harmony.back-and-forth", "Share of chord changes that return to the chord before the previous one (X-Y-X oscillation).", "harmonic back-and-forth", false);

    public static readonly int RegisterDrift = Add("register.drift", "Standard deviation in semitones of a voice's mean pitch from measure to measure, averaged over voices (voices wandering in register).", "voices wandering in register", true);
    public static readonly int ActivitySpread = Add("rhythm.activity-spread", "Coefficient of variation of the number of note onsets per measure (uneven rhythmic activity).", "uneven rhythmic activity", true);

    public static readonly int BeatPatterns = Add("rhythm.beat-patterns", "Distinct rhythms of a beat (which 16ths start a note in which voice) per beat of the excerpt (rhythmic patchwork).", "variety of beat rhythms", true);

    public static readonly int CadencePrepared = Add("cadence.prepared", "Share of phrase ends reached by a whole cadential formula: a predominant chord (on the second or fourth degree) then V then I.", "fully prepared cadences", false);
    public static readonly int CadenceSopranoStep = Add("cadence.soprano-step", "Share of phrase ends whose top-voice note is reached by a step.", "cadences reached by step in the top voice", false);
    public static readonly int CadenceSopranoDescent = Add("cadence.soprano-descent", "Share of phrase ends whose top voice falls by step into the last note from a note it also reached by a falling step (3-2-1 and the like).", "top-voice descents by step into cadences", false);
    public static readonly int CadenceBassDominant = Add("cadence.bass-dominant", "Share of phrase ends whose bass falls a fifth or rises a fourth into the last note (the bass of V-I).", "bass moving from dominant to tonic at cadences", false);
    public static readonly int CadenceBassPattern = Add("cadence.bass-step-leap", "Share of phrase ends whose bass reaches the penultimate note by step and the last by a fourth or fifth (the bass of IV-V-I or ii6-V-I).", "cadential bass formula step then leap", false);
    public static readonly int CadenceLocalDominant = Add("cadence.local-dominant", "Share of phrase ends whose chord is preceded by the chord a fifth above it (V-I in the cadence's own key, also when it modulates).", "cadences approached from their own dominant", false);
    public static readonly int CadenceBassFifth = Add("cadence.bass-fifth", "Share of phrase ends whose bass note is reached by a fourth or fifth.", "cadences with the bass leaping a fourth or fifth", false);

    public static readonly int TopRepetition = Add("top.repetition", "Share of the top voice's notes that start a run of six melodic intervals and durations found again elsewhere in the top voice (repeated phrases).", "repeated melodic phrases in the top voice", true);

    public static readonly int TextureDrift = Add("register.texture-drift", "Standard deviation in semitones of the mean pitch of all voices together from measure to measure (the whole texture moving up or down).", "the whole texture wandering in register", false);
    public static readonly int PhraseRange = Add("phrase.range", "Mean range in semitones of the top voice within a complete phrase (from the note after one phrase end to the next phrase end; phrase ends are the top voice's fermatas, else its notes on a beat of two beats or more).", "wide phrases in the top voice", true);
    public static readonly int PhraseArch = Add("phrase.arch", "Share of complete phrases whose highest top-voice note is neither their first nor their last (a phrase that rises to a peak and falls).", "arched phrases", true);
    public static readonly int PhraseNetMotion = Add("phrase.net-motion", "Mean distance in semitones between the first and last top-voice notes of a complete phrase.", "phrases ending far from where they began", true);
    public static readonly int PhraseEndSpread = Add("phrase.end-spread", "Standard deviation in semitones of the top voice's pitch at phrase ends (cadence notes kept in one band or wandering).", "register spread of the top voice's cadence notes", true);
    public static readonly int PhraseBassEndSpread = Add("phrase.bass-end-spread", "Standard deviation in semitones of the bass's pitch under the top voice's phrase ends.", "register spread of the bass under cadences", false);
    public static readonly int PhraseStableEnd = Add("phrase.stable-end", "Share of the top voice's phrase-end notes on the tonic, third or fifth of the excerpt's estimated key.", "phrase ends on the key's tonic triad in the top voice", true);
    public static readonly int PhraseRepeat = Add("phrase.repeat", "Share of complete phrases whose top voice has the same number of notes as another phrase and at least three quarters of the same melodic intervals (repeated phrases, as in bar form).", "repeated phrases", true);

    public static readonly int TopDirected = Add("top.directed", "Mean over spans of four beats of the top voice's net move divided by the path it takes on the beats (1: heads one way, near 0: wanders back and forth).", "directed motion over four beats in the top voice", true);
    public static readonly int BassDirected = Add("bass.directed", "Mean over spans of four beats of the bass's net move divided by the path it takes on the beats (long directed bass lines).", "directed motion over four beats in the bass", false);

    public static readonly int ProgressionRecurrence = Add("harmony.progression-recurrence", "Share of three-chord progressions (roots relative to the estimated tonic, with chord types) that occur again elsewhere in the excerpt (harmonic formulas the piece reuses).", "recurring chord progressions", false);
    public static readonly int TopMotifRecurrence = Add("top.motif-recurrence", "Share of the top voice's spans of four beats whose three beat-to-beat intervals occur again elsewhere in the excerpt (recurring melodic motifs).", "recurring melodic motifs in the top voice", true);
    public static readonly int BassMotifRecurrence = Add("bass.motif-recurrence", "Share of the bass's spans of four beats whose three beat-to-beat intervals occur again elsewhere in the excerpt (recurring bass figures).", "recurring bass figures", false);
    public static readonly int RhythmRecurrence = Add("rhythm.recurrence", "Share of two-beat spans whose rhythm (which 16ths start a note in which voice) occurs again elsewhere in the excerpt (recurring rhythmic patterns).", "recurring two-beat rhythms", true);
    public static readonly int AccidentalToggles = Add("harmony.accidental-toggles", "Share of attacked notes (in any voice, in time order) whose letter name last sounded with another accidental (F after F sharp, and back): a key that flickers rather than moves.", "flickering accidentals", false);

    public static readonly FeatureSchema Schema = new(List);

    public const int IntervalBinCount = 11;
    public const int ChordTypeCount = 8;

    private static int AddDegrees()
    {
        int first = List.Count;
        for (int i = 0; i < 12; i++)
            Add("pc." + DegreeNames[i], $"Share of sounding time on {DegreeWords[i]} ({i} semitones above the estimated tonic).", $"time on {DegreeWords[i]}", true);
        return first;
    }

    private static int AddIntervals()
    {
        int first = List.Count;
        foreach (var (name, words) in IntervalBins)
            Add("int." + name, $"Share of melodic intervals (all voices) that are {words}.", "melodic " + words, true);
        return first;
    }

    private static int AddChords()
    {
        int first = List.Count;
        foreach (var (name, words) in ChordTypes)
            Add("chord." + name, $"Share of multi-voice time on {words} (chords read by Theory.Analysis.ChordIdentifier; two or more non-chord tones count as non-tertian).", words, false);
        return first;
    }

    private static int AddInversions()
    {
        int first = List.Count;
        foreach (var (name, words) in Inversions)
            Add("inversion." + name, $"Share of triads and seventh chords that are {words}.", words, false);
        return first;
    }
}
