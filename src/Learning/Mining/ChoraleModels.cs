using System.Security.Cryptography;
using System.Text;
using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Mining;

/// <summary>
/// Everything mined from a corpus set, in one object: the pieces cut into beats (relative to C), the harmonic and
/// melodic Markov models, the recombinancy lexicon and the originality index. This is the API the GA uses:
/// <see cref="LoadOrBuild"/> (cached), <see cref="ScoreBeats"/> (log-probability per beat),
/// <see cref="ComposeRecombinant(Key, int, Random, int, int)"/> and <see cref="SampleMarkov(Key, int, Random, int)"/> (passages), <see cref="Redraw"/> (one beat
/// that fits both neighbours), <see cref="ResampleSpan"/> (a span re-sampled in place) and <see cref="MeasureOriginality"/>. Saved as one versioned binary file
/// (<see cref="Save"/>, <see cref="Load"/>). Immutable and thread-safe.
/// </summary>
public sealed class ChoraleModels : ISpanSampler
{
    /// <summary>The model file version; files of another version are refused (and rebuilt by the cache).</summary>
    public const int FormatVersion = 1;
    /// <summary>The default corpus set.</summary>
    public const string DefaultSet = "bach-chorales";
    private static ReadOnlySpan<byte> Magic => "EVOCMDL\n"u8;

    private ChoraleModels(string setName, string fingerprint, IReadOnlyList<MinedPiece> pieces, IReadOnlyList<CorpusProblem> problems, HarmonicModel harmonic, MelodicModel melodic)
    {
        SetName = setName;
        Fingerprint = fingerprint;
        Pieces = pieces;
        Problems = problems;
        Harmonic = harmonic;
        Melodic = melodic;
        _lexicon = new Lazy<RecombinancyLexicon>(() => new RecombinancyLexicon(pieces));
        _originality = new Lazy<OriginalityIndex>(() => new OriginalityIndex(pieces));
        _pairs = new Lazy<VoicePairModel>(() => VoicePairModel.Fit(pieces));
    }

    private readonly Lazy<VoicePairModel> _pairs;

    private readonly Lazy<RecombinancyLexicon> _lexicon;
    private readonly Lazy<OriginalityIndex> _originality;

    /// <summary>The corpus set mined.</summary>
    public string SetName { get; }
    /// <summary>A hash of the corpus files (names, sizes, dates) and the format version; the cache key.</summary>
    public string Fingerprint { get; }
    /// <summary>The mined pieces.</summary>
    public IReadOnlyList<MinedPiece> Pieces { get; }
    /// <summary>Files that could not be used, and why.</summary>
    public IReadOnlyList<CorpusProblem> Problems { get; }
    /// <summary>The harmonic Markov model.</summary>
    public HarmonicModel Harmonic { get; }
    /// <summary>The melodic Markov models.</summary>
    public MelodicModel Melodic { get; }
    /// <summary>The recombinancy lexicon (built on first use, thread-safely).</summary>
    public RecombinancyLexicon Lexicon => _lexicon.Value;
    /// <summary>The originality index (built on first use, thread-safely).</summary>
    public OriginalityIndex Originality => _originality.Value;

    /// <summary>Fits every model on a mined corpus.</summary>
    public static ChoraleModels Build(MinedCorpus corpus, string fingerprint = "")
    {
        HarmonicModel? harmonic = null;
        MelodicModel? melodic = null;
        Parallel.Invoke(() => harmonic = HarmonicModel.Fit(corpus.Pieces), () => melodic = MelodicModel.Fit(corpus.Pieces));
        return new ChoraleModels(corpus.SetName, fingerprint, corpus.Pieces, corpus.Problems, harmonic!, melodic!);
    }

    /// <summary>Loads a set (four-voice pieces only), mines it and fits every model.</summary>
    public static ChoraleModels Mine(CorpusSet set, string? corpusRoot = null, CorpusFilter? filter = null)
    {
        string folder = CorpusManifest.ResolveFolder(set, corpusRoot);
        var load = CorpusLoader.LoadFolder(set, folder, filter, requireVoices: 4);
        return Build(MinedCorpus.FromLoad(load), ComputeFingerprint(set, folder, filter));
    }

    /// <summary>A hash of the set's files (names, sizes, modification times), the filter and <see cref="FormatVersion"/>.</summary>
    public static string ComputeFingerprint(CorpusSet set, string folder, CorpusFilter? filter = null)
    {
        var text = new StringBuilder($"v{FormatVersion}|{set.Name}|{set.Format}|{filter?.Text}\n");
        foreach (var f in new DirectoryInfo(folder).GetFiles(set.Pattern).OrderBy(f => f.Name, StringComparer.Ordinal))
            text.Append(f.Name).Append('|').Append(f.Length).Append('|').Append(f.LastWriteTimeUtc.Ticks).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// The models of a set from the cache, mined and cached first when missing or stale (the corpus changed, or
    /// the file is of another version or damaged). The cache is <c>$XDG_CACHE_HOME/evocomposer</c> or
    /// <c>~/.cache/evocomposer</c>, or <paramref name="cacheFolder"/>.
    /// </summary>
    /// <param name="setName">The corpus set.</param>
    /// <param name="corpusRoot">An explicit corpus root.</param>
    /// <param name="cacheFolder">An explicit cache folder.</param>
    /// <param name="log">Receives one line when the models are (re)built.</param>
    public static ChoraleModels LoadOrBuild(string setName = DefaultSet, string? corpusRoot = null, string? cacheFolder = null, TextWriter? log = null)
    {
        var set = CorpusManifest.Load().Get(setName);
        string folder = CorpusManifest.ResolveFolder(set, corpusRoot);
        string fingerprint = ComputeFingerprint(set, folder);
        string cache = cacheFolder ?? DefaultCacheFolder();
        string path = Path.Combine(cache, $"{set.Name}-{fingerprint}.ecm");
        if (File.Exists(path))
        {
            try { return Load(path); }
            catch (ModelFileException e) { log?.WriteLine($"evocomposer: rebuilding the cached models ({e.Reason})"); }
        }
        else log?.WriteLine($"evocomposer: mining '{set.Name}' once; the models are cached in {cache}");
        var models = Build(MinedCorpus.FromLoad(CorpusLoader.LoadFolder(set, folder, null, requireVoices: 4)), fingerprint);
        try
        {
            Directory.CreateDirectory(cache);
            models.Save(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.WriteLine($"evocomposer: could not cache the models in {cache}: {e.Message}");
        }
        return models;
    }

    /// <summary>The default cache folder: <c>$XDG_CACHE_HOME/evocomposer</c>, else <c>~/.cache/evocomposer</c>.</summary>
    public static string DefaultCacheFolder()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "evocomposer");
    }

    /// <summary>Writes the models to one file (atomically: a temporary file is moved into place).</summary>
    public void Save(string path)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(SetName);
            w.Write(Fingerprint);
            w.Write(Problems.Count);
            foreach (var p in Problems) { w.Write(p.Source); w.Write(p.Reason); }
            w.Write(Pieces.Count);
            foreach (var p in Pieces) p.Write(w);
            Harmonic.Write(w);
            Melodic.Write(w);
        }
        string temp = path + ".tmp" + Environment.ProcessId;
        using (var file = File.Create(temp))
        using (var w = new BinaryWriter(file))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(payload.Length);
            w.Write(Checksum(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
            w.Write(payload.GetBuffer(), 0, (int)payload.Length);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a model file.</summary>
    /// <exception cref="ModelFileException">Missing, not a model file, another version, or damaged.</exception>
    public static ChoraleModels Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ModelFileException(path, $"cannot be read: {e.Message}", e); }
        const int header = 8 + 4 + 8 + 8;
        if (bytes.Length < header || !bytes.AsSpan(0, 8).SequenceEqual(Magic)) throw new ModelFileException(path, "not an EvoComposer model file");
        int version = BitConverter.ToInt32(bytes, 8);
        if (version != FormatVersion)
            throw new ModelFileException(path, $"model file version {version}, but this program reads version {FormatVersion}: run 'evocomposer mine' to rebuild it");
        long length = BitConverter.ToInt64(bytes, 12);
        if (length != bytes.Length - header) throw new ModelFileException(path, $"damaged: {bytes.Length - header} bytes of models where the header says {length}");
        if (BitConverter.ToUInt64(bytes, 20) != Checksum(bytes.AsSpan(header))) throw new ModelFileException(path, "damaged: checksum mismatch");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, header, bytes.Length - header), Encoding.UTF8);
            string set = r.ReadString(), fingerprint = r.ReadString();
            int problems = r.ReadInt32();
            if (problems < 0 || problems > 1_000_000) throw new InvalidDataException("bad problem count");
            var problemList = new List<CorpusProblem>(problems);
            for (int i = 0; i < problems; i++) problemList.Add(new CorpusProblem(r.ReadString(), r.ReadString()));
            int count = r.ReadInt32();
            if (count < 0 || count > 1_000_000) throw new InvalidDataException("bad piece count");
            var pieces = new MinedPiece[count];
            for (int i = 0; i < count; i++) pieces[i] = MinedPiece.Read(r);
            var harmonic = HarmonicModel.Read(r);
            var melodic = MelodicModel.Read(r);
            return new ChoraleModels(set, fingerprint, pieces, problemList, harmonic, melodic);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or FormatException)
        {
            throw new ModelFileException(path, $"damaged: {e.Message}", e);
        }
    }

    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in data) h = (h ^ b) * 1099511628211UL;
        return h;
    }

    /// <summary>
    /// The natural log-probability of each beat of a passage (in C) under the Markov models: the harmonic model's
    /// term for the beat's opening sonority plus the melodic models' terms for the notes that start in the beat.
    /// </summary>
    public double[] ScoreBeats(MinedPiece passage)
    {
        var scores = Harmonic.LogProbabilities(passage);
        Melodic.AddLogProbabilities(passage, scores);
        return scores;
    }

    /// <summary>
    /// A recombinant passage of <paramref name="phrases"/> phrases (see <see cref="RecombinantComposer"/>) that copies
    /// no more than <paramref name="maxCopiedBeats"/> consecutive beats of the corpus verbatim.
    /// </summary>
    public GeneratedPiece ComposeRecombinant(Mode mode, int phrases, Random random, int beatsPerMeasure = 4, int maxCopiedBeats = RecombinantComposer.DefaultMaxCopiedBeats) =>
        RecombinantComposer.Compose(Lexicon, mode, phrases, random, beatsPerMeasure, Originality, maxCopiedBeats);

    /// <summary>
    /// A recombinant passage meant for <paramref name="key"/>: as <see cref="ComposeRecombinant(Mode, int, Random, int, int)"/>
    /// in the key's mode, preferring at every beat the groupings that keep each voice in its usual range once the
    /// passage is transposed to the key (<see cref="GeneratedPiece.ToScore"/>), so that sources transposed to C by
    /// different amounts do not carry the register out of the voices' ranges.
    /// </summary>
    public GeneratedPiece ComposeRecombinant(Key key, int phrases, Random random, int beatsPerMeasure = 4, int maxCopiedBeats = RecombinantComposer.DefaultMaxCopiedBeats) =>
        RecombinantComposer.Compose(Lexicon, key.Mode, phrases, random, beatsPerMeasure, Originality, maxCopiedBeats, -MinedScores.SemitonesToC(key));

    /// <summary>
    /// A passage sampled from the Markov models: one sonority per beat, held for the beat, on a phrase plan borrowed
    /// from a corpus piece (so phrase distances are known while sampling). Each sonority is drawn from the product of
    /// the harmonic model's distribution, the four melodic models' probabilities of the voices' moves and a
    /// voice-pair model's probabilities of how each pair moves together (a product of experts, renormalised), so
    /// that chords follow the harmony, voices move like Bach's, and parallel fifths and octaves stay as rare as his.
    /// </summary>
    public GeneratedPiece SampleMarkov(Mode mode, int phrases, Random random, int beatsPerMeasure = 4) =>
        SampleMarkov(mode, phrases, random, beatsPerMeasure, null);

    /// <summary>
    /// A Markov passage meant for <paramref name="key"/>: as <see cref="SampleMarkov(Mode, int, Random, int)"/> in the
    /// key's mode, with one more expert that divides a sonority's weight by <see cref="OutOfRangeDivisor"/> for each voice
    /// outside its usual range once the passage is transposed to the key (<see cref="GeneratedPiece.ToScore"/>).
    /// </summary>
    public GeneratedPiece SampleMarkov(Key key, int phrases, Random random, int beatsPerMeasure = 4) =>
        SampleMarkov(key.Mode, phrases, random, beatsPerMeasure, -MinedScores.SemitonesToC(key));

    /// <summary>How much less likely a Markov sonority becomes for each voice outside its range (when sampling for a key).</summary>
    public const double OutOfRangeDivisor = 20;

    private GeneratedPiece SampleMarkov(Mode mode, int phrases, Random random, int beatsPerMeasure, int? registerShift)
    {
        var templates = PhrasePlan.Templates(Pieces, mode, beatsPerMeasure);
        var (positions, ends) = PhrasePlan.From(Pieces[templates[random.Next(templates.Length)]], phrases, random);
        var beats = SampleSonorities(mode, positions, ends, beatsPerMeasure, random, null, registerShift);
        return new GeneratedPiece("markov", mode, beats, positions, beatsPerMeasure, ends, new BeatProvenance?[positions.Length]);
    }

    /// <summary>
    /// The plain Markov harmonization of a fixed soprano (a baseline for the GA): beat by beat, a sonority drawn as in
    /// <see cref="SampleMarkov(Mode, int, Random, int)"/> from those whose soprano is the melody's pitch at the beat. Where no sonority of
    /// the vocabulary has that soprano, the most probable sonority with the soprano's pitch class an octave away is
    /// taken and its soprano set to the melody's pitch (so the soprano of the result is always the melody).
    /// </summary>
    /// <param name="soprano">Per beat, the melody's MIDI pitch at the beat's onset, relative to C (1–127).</param>
    /// <param name="mode">Major or minor.</param>
    /// <param name="beatInMeasure">Per beat, its position in the measure (0-based).</param>
    /// <param name="beatsPerMeasure">Quarter-note beats per measure.</param>
    /// <param name="phraseEnds">Per beat, whether a phrase ends there.</param>
    /// <param name="random">The source of randomness (seeded by the caller).</param>
    /// <exception cref="ArgumentException">The arrays differ in length, are empty, or a pitch is not 1–127.</exception>
    public GeneratedPiece HarmonizeMarkov(IReadOnlyList<int> soprano, Mode mode, IReadOnlyList<int> beatInMeasure, int beatsPerMeasure, IReadOnlyList<bool> phraseEnds, Random random)
    {
        var (positions, ends) = CheckMelody(soprano, beatInMeasure, phraseEnds);
        var beats = SampleSonorities(mode, positions, ends, beatsPerMeasure, random, soprano, null);
        return new GeneratedPiece("markov", mode, beats, positions, beatsPerMeasure, ends, new BeatProvenance?[positions.Length]);
    }

    /// <summary>
    /// The plain recombinant harmonization of a fixed soprano (a baseline for the GA): lexicon groupings whose soprano
    /// opens with the melody's pitch, joined as in EMI (see <see cref="RecombinantComposer.Harmonize"/>).
    /// </summary>
    /// <inheritdoc cref="HarmonizeMarkov" path="/param"/>
    /// <exception cref="ArgumentException">The arrays differ in length, are empty, or a pitch is not 1–127.</exception>
    public GeneratedPiece HarmonizeRecombinant(IReadOnlyList<int> soprano, Mode mode, IReadOnlyList<int> beatInMeasure, int beatsPerMeasure, IReadOnlyList<bool> phraseEnds, Random random)
    {
        var (positions, ends) = CheckMelody(soprano, beatInMeasure, phraseEnds);
        return RecombinantComposer.Harmonize(Lexicon, mode, soprano, positions, beatsPerMeasure, ends, random);
    }

    private static (int[] Positions, bool[] Ends) CheckMelody(IReadOnlyList<int> soprano, IReadOnlyList<int> beatInMeasure, IReadOnlyList<bool> phraseEnds)
    {
        ArgumentNullException.ThrowIfNull(soprano);
        ArgumentNullException.ThrowIfNull(beatInMeasure);
        ArgumentNullException.ThrowIfNull(phraseEnds);
        if (soprano.Count == 0 || beatInMeasure.Count != soprano.Count || phraseEnds.Count != soprano.Count)
            throw new ArgumentException("A melody needs one pitch, position and phrase-end flag per beat.");
        foreach (int p in soprano)
            if (p < 1 || p > 127) throw new ArgumentException($"{p} is not a MIDI pitch 1–127.", nameof(soprano));
        return (beatInMeasure.ToArray(), phraseEnds.ToArray());
    }

    /// <summary>
    /// One sonority per beat from the product of experts described at <see cref="SampleMarkov(Mode, int, Random, int)"/>; with
    /// <paramref name="soprano"/>, only sonorities whose soprano is the given pitch are drawn.
    /// </summary>
    private BeatGrouping[] SampleSonorities(Mode mode, int[] positions, bool[] ends, int beatsPerMeasure, Random random, IReadOnlyList<int>? soprano, int? registerShift)
    {
        int n = positions.Length;
        var distance = new int[n];
        for (int i = n - 1, next = n - 1; i >= 0; i--)
        {
            if (ends[i]) next = i;
            distance[i] = next - i;
        }
        var perMeasure = new int[n];
        Array.Fill(perMeasure, beatsPerMeasure);
        return SampleSpan(mode, [], 0, n, positions, perMeasure, distance, random, soprano, registerShift, 0);
    }

    /// <summary>
    /// A re-sampled span leaves out the sonorities the harmonic model finds this many times less likely than its
    /// favourite (they would almost never be drawn, and skipping them makes the draw several times faster).
    /// </summary>
    private const double SpanFloor = 1e-4;

    /// <summary>How many of the most probable sonorities are scored for their join into the beat after a span.</summary>
    private const int JoinCandidates = 24;

    /// <inheritdoc/>
    public BeatGrouping[] ResampleSpan(MinedPiece passage, int start, int end, Random random, SpanSamplingOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(random);
        if (start < 0 || end > passage.Length || start >= end) throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {end}) is not a span of a {passage.Length}-beat passage.");
        int[]? soprano = null;
        if (options.KeepSoprano)
        {
            soprano = new int[end];
            for (int i = start; i < end; i++) soprano[i] = passage.Beats[i].Pitch(0, 0);
        }
        return SampleSpan(passage.Mode, passage.Beats, start, end, [.. passage.BeatInMeasure], [.. passage.BeatsPerMeasure], [.. passage.DistanceToPhraseEnd], random,
            soprano, options.RegisterShift, SpanFloor);
    }

    /// <summary>
    /// The product-of-experts draw of beats [<paramref name="start"/>, <paramref name="end"/>): the harmonic model's
    /// distribution × the four melodic models × the voice-pair model (× the register expert), each beat given the
    /// ones before it (<paramref name="context"/> before <paramref name="start"/>, then the drawn ones). When
    /// <paramref name="context"/> has a beat at <paramref name="end"/> that attacks a note, the last beat's
    /// <see cref="JoinCandidates"/> most probable sonorities are also weighted by how the models judge the move into it.
    /// Per-beat arrays are indexed by absolute beat. Without a soprano, sonorities whose harmonic weight is below
    /// 1e-7 or <paramref name="floor"/> × the largest are left out.
    /// </summary>
    private BeatGrouping[] SampleSpan(Mode mode, IReadOnlyList<BeatGrouping> context, int start, int end, int[] positions, int[] perMeasure, int[] distance,
        Random random, IReadOnlyList<int>? soprano, int? registerShift, double floor)
    {
        var vocabulary = Harmonic.Sonorities(mode);
        var sonorities = new uint[end];
        for (int i = 0; i < start; i++) sonorities[i] = context[i].Opening;
        var beats = new BeatGrouping[end - start];
        var history = new List<int>[4];
        int[] previousPitch = [0, 0, 0, 0];
        var prefix = new BeatGrouping[start];
        for (int i = 0; i < start; i++) prefix[i] = context[i];
        for (int v = 0; v < 4; v++)
        {
            history[v] = [];
            if (start == 0) continue;
            history[v].AddRange(MelodicModel.Symbols(NoteEvents.Extract(prefix, v)));
            previousPitch[v] = context[start - 1].Pitch(v, BeatGrouping.Slots - 1);
        }
        bool join = end < context.Count && HasAttack(context[end]);
        var voiceTables = new double[4][];
        var pairs = _pairs.Value;
        Span<uint> previous = stackalloc uint[HarmonicModel.Levels - 1];
        Span<int> recent = stackalloc int[MelodicModel.Levels - 1];
        Span<int> candidate = stackalloc int[4];
        Span<int> symbols = stackalloc int[128];
        for (int i = start; i < end; i++)
        {
            int h = Math.Min(i, previous.Length);
            for (int k = 0; k < h; k++) previous[k] = sonorities[i - 1 - k];
            for (int v = 0; v < 4; v++)
            {
                int r = Math.Min(history[v].Count, recent.Length);
                for (int k = 0; k < r; k++) recent[k] = history[v][^(k + 1)];
                var table = voiceTables[v] ??= new double[128];
                var (lowest, highest) = VocabularyRange(mode, v);
                if (highest < lowest) continue;
                for (int pitch = lowest; pitch <= highest; pitch++) symbols[pitch - lowest] = MelodicModel.Symbol(previousPitch[v], pitch, 4);
                int count = highest - lowest + 1;
                Melodic.Probabilities(mode, v, recent[..r], perMeasure[i], positions[i] * 4, symbols[..count], table.AsSpan(lowest, count));
            }
            int wanted = soprano is null ? 0 : soprano[i];
            // The candidates (indices into the vocabulary, ascending) and their harmonic weights.
            int[] ids;
            double[] ws;
            bool fallback = false;
            if (wanted == 0 && floor > 0) (ids, ws) = PrunedDistribution(mode, previous[..h], positions[i], perMeasure[i], distance[i], floor);
            else if (wanted != 0 && SopranoWeights(mode, wanted, previous[..h], positions[i], perMeasure[i], distance[i]) is { } withSoprano)
                (ids, ws) = withSoprano;
            else
            {
                var weights = Harmonic.Distribution(mode, previous[..h], positions[i], perMeasure[i], distance[i]);
                weights[0] = 0;
                if (wanted != 0 && !HasSoprano(vocabulary, weights, wanted))
                {
                    // No sonority of the vocabulary has this soprano: take the most probable with the pitch class an octave away.
                    int best = 0;
                    for (int w = 1; w < weights.Length; w++)
                    {
                        int s = (int)(vocabulary[w] & 0xFF);
                        if ((s == wanted - 12 || s == wanted + 12) && (best == 0 || weights[w] > weights[best])) best = w;
                    }
                    if (best == 0)
                        for (int w = 1; w < weights.Length; w++)
                            if (best == 0 || weights[w] > weights[best]) best = w;
                    sonorities[i] = (vocabulary[best] & 0xFFFFFF00u) | (uint)wanted;
                    (ids, ws, fallback) = ([], [], true);
                }
                else
                {
                    var kept = new List<int>();
                    for (int w = 1; w < weights.Length; w++)
                        if (wanted != 0 ? (vocabulary[w] & 0xFF) == wanted : weights[w] >= 1e-7) kept.Add(w);
                    ids = [.. kept];
                    ws = new double[ids.Length];
                    for (int k = 0; k < ids.Length; k++) ws[k] = weights[ids[k]];
                }
            }
            if (!fallback)
            {
                double total = 0;
                for (int k = 0; k < ids.Length; k++)
                {
                    var (s, a, t, b) = BeatGrouping.Unpack(vocabulary[ids[k]]);
                    ws[k] *= voiceTables[0][s] * voiceTables[1][a] * voiceTables[2][t] * voiceTables[3][b];
                    (candidate[0], candidate[1], candidate[2], candidate[3]) = (s, a, t, b);
                    if (i > 0) ws[k] *= pairs.Ratio(mode, previousPitch, candidate);
                    if (registerShift is { } shift)
                    {
                        int outside = OutsideVoices(s, 0, shift) + OutsideVoices(a, 1, shift) + OutsideVoices(t, 2, shift) + OutsideVoices(b, 3, shift);
                        for (int o = 0; o < outside; o++) ws[k] /= OutOfRangeDivisor;
                    }
                    total += ws[k];
                }
                if (join && i == end - 1 && total > 0)
                    total = WeightJoin(mode, ids, ws, vocabulary, sonorities, i, history, previousPitch, context, end, positions, perMeasure, distance);
                double u = random.NextDouble() * total, acc = 0;
                int chosen = -1, last = -1;
                for (int k = 0; k < ids.Length; k++)
                {
                    if (ws[k] <= 0) continue;
                    last = k;
                    acc += ws[k];
                    if (u < acc) { chosen = k; break; }
                }
                if (chosen < 0) chosen = last;
                sonorities[i] = chosen >= 0 ? vocabulary[ids[chosen]] : vocabulary[^1];
            }
            var (cs, ca, ct, cb) = BeatGrouping.Unpack(sonorities[i]);
            int[] pitches = [cs, ca, ct, cb];
            for (int v = 0; v < 4; v++) history[v].Add(MelodicModel.Symbol(previousPitch[v], pitches[v], 4));
            previousPitch = pitches;
            beats[i - start] = BeatGrouping.Chord(cs, ca, ct, cb);
        }
        return beats;
    }

    private readonly (int Low, int High)[][] _vocabularyRanges = new (int, int)[2][];

    /// <summary>A harmonic context as <see cref="HarmonicModel"/> reads it (the distance to the phrase end counts up to 4).</summary>
    private readonly record struct HarmonicContext(Mode Mode, int Length, uint P0, uint P1, uint P2, uint P3, int Position, int PerMeasure, int Distance);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<HarmonicContext, (int[] Ids, double[] Weights)> _pruned = new();

    /// <summary>Entries kept in the cache of pruned distributions before it is emptied (each holds at most a few hundred numbers; a default compose asks for a few thousand contexts).</summary>
    private const int PrunedCacheSize = 4096;

    /// <summary>
    /// The harmonic distribution after the previous sonorities without the sonorities below 1e-7 or
    /// <paramref name="floor"/> × the most probable: their indices (ascending) and a fresh copy of their weights.
    /// Cached by context (a genetic algorithm asks for the same contexts again and again); the values do not depend
    /// on the cache, so neither does any draw.
    /// </summary>
    private (int[] Ids, double[] Weights) PrunedDistribution(Mode mode, ReadOnlySpan<uint> previous, int position, int perMeasure, int distance, double floor)
    {
        var key = new HarmonicContext(mode, previous.Length, previous.Length > 0 ? previous[0] : 0, previous.Length > 1 ? previous[1] : 0,
            previous.Length > 2 ? previous[2] : 0, previous.Length > 3 ? previous[3] : 0, position, perMeasure, Math.Min(distance, 4));
        if (!_pruned.TryGetValue(key, out var entry))
        {
            var weights = Harmonic.Distribution(mode, previous, position, perMeasure, distance);
            weights[0] = 0;
            double most = 0;
            for (int w = 1; w < weights.Length; w++) most = Math.Max(most, weights[w]);
            double least = Math.Max(1e-7, most * floor);
            var ids = new List<int>();
            for (int w = 1; w < weights.Length; w++) if (weights[w] >= least) ids.Add(w);
            entry = ([.. ids], ids.Select(w => weights[w]).ToArray());
            if (_pruned.Count >= PrunedCacheSize) _pruned.Clear();
            _pruned.TryAdd(key, entry);
        }
        return (entry.Ids, (double[])entry.Weights.Clone());
    }

    /// <summary>The lowest and highest pitch (1–127) a voice has in a mode's sonorities: the melodic tables need no other.</summary>
    private (int Low, int High) VocabularyRange(Mode mode, int voice)
    {
        var ranges = Volatile.Read(ref _vocabularyRanges[(int)mode]);
        if (ranges is null)
        {
            ranges = new (int, int)[4];
            for (int v = 0; v < 4; v++) ranges[v] = (127, 1);
            foreach (uint sonority in Harmonic.Sonorities(mode))
            {
                var (s, a, t, b) = BeatGrouping.Unpack(sonority);
                int[] pitches = [s, a, t, b];
                for (int v = 0; v < 4; v++)
                    if (pitches[v] > 0) ranges[v] = (Math.Min(ranges[v].Low, pitches[v]), Math.Max(ranges[v].High, pitches[v]));
            }
            Volatile.Write(ref _vocabularyRanges[(int)mode], ranges); // a benign race: every thread computes the same ranges
        }
        return ranges[voice];
    }

    private static bool HasAttack(BeatGrouping g)
    {
        for (int v = 0; v < BeatGrouping.Voices; v++) if (g.Attack(v, 0)) return true;
        return false;
    }

    /// <summary>
    /// Keeps the <see cref="JoinCandidates"/> heaviest sonorities for beat <paramref name="i"/> (the last of a span) and
    /// multiplies each by the models' probability of moving from it into beat <paramref name="end"/> of the context:
    /// harmonic × melodic for every voice that attacks a note there × voice pairs. Returns the new total.
    /// </summary>
    private double WeightJoin(Mode mode, int[] ids, double[] ws, IReadOnlyList<uint> vocabulary, uint[] sonorities, int i, List<int>[] history, int[] previousPitch,
        IReadOnlyList<BeatGrouping> context, int end, int[] positions, int[] perMeasure, int[] distance)
    {
        // The heaviest candidates (the first wins a tie, so the choice is deterministic), by insertion.
        Span<int> order = stackalloc int[JoinCandidates];
        int kept = 0;
        for (int k = 0; k < ws.Length; k++)
        {
            if (ws[k] <= 0) continue;
            if (kept == JoinCandidates && ws[k] <= ws[order[kept - 1]]) { ws[k] = 0; continue; }
            if (kept == JoinCandidates) ws[order[--kept]] = 0;
            int at = kept++;
            while (at > 0 && ws[order[at - 1]] < ws[k]) { order[at] = order[at - 1]; at--; }
            order[at] = k;
        }
        var target = context[end];
        uint next = target.Opening;
        var (ns, na, nt, nb) = BeatGrouping.Unpack(next);
        int[] nextPitch = [ns, na, nt, nb];
        var after = new BeatGrouping[Math.Min(context.Count - end, 4)];
        for (int k = 0; k < after.Length; k++) after[k] = context[end + k];
        var lengths = new int[4];
        for (int v = 0; v < 4; v++) lengths[v] = target.Attack(v, 0) && nextPitch[v] != 0 ? NoteEvents.Extract(after, v)[0].Length : 0;
        Span<uint> previous = stackalloc uint[HarmonicModel.Levels - 1];
        Span<int> recent = stackalloc int[MelodicModel.Levels - 1];
        var pairs = _pairs.Value;
        double total = 0;
        for (int k = 0; k < kept; k++)
        {
            int w = order[k];
            uint candidate = vocabulary[ids[w]];
            int h = Math.Min(i + 1, previous.Length);
            previous[0] = candidate;
            for (int j = 1; j < h; j++) previous[j] = sonorities[i - j];
            double factor = Math.Exp(Harmonic.LogProbability(mode, previous[..h], positions[end], perMeasure[end], distance[end], next));
            var (s, a, t, b) = BeatGrouping.Unpack(candidate);
            int[] pitches = [s, a, t, b];
            for (int v = 0; v < 4; v++)
            {
                if (lengths[v] == 0) continue;
                recent[0] = MelodicModel.Symbol(previousPitch[v], pitches[v], 4);
                int r = Math.Min(history[v].Count + 1, recent.Length);
                for (int j = 1; j < r; j++) recent[j] = history[v][^j];
                factor *= Melodic.Probability(mode, v, recent[..r], perMeasure[end], positions[end] * 4, MelodicModel.Symbol(pitches[v], nextPitch[v], lengths[v]));
            }
            factor *= pairs.Ratio(mode, pitches, nextPitch);
            ws[w] *= factor;
            total += ws[w];
        }
        return total;
    }

    private readonly int[]?[]?[] _idsBySoprano = new int[]?[]?[2];

    /// <summary>
    /// The sonorities (ids, ascending, never the unknown one) with <paramref name="soprano"/> on top and their harmonic
    /// weights, as the full distribution would give them, bit for bit; null when none of them has a positive weight
    /// (the caller then falls back on the full distribution).
    /// </summary>
    private (int[] Ids, double[] Weights)? SopranoWeights(Mode mode, int soprano, ReadOnlySpan<uint> previous, int position, int perMeasure, int distance)
    {
        var bySoprano = Volatile.Read(ref _idsBySoprano[(int)mode]);
        if (bySoprano is null)
        {
            var vocabulary = Harmonic.Sonorities(mode);
            var lists = new List<int>[256];
            for (int w = 1; w < vocabulary.Count; w++) (lists[(int)(vocabulary[w] & 0xFF)] ??= []).Add(w);
            bySoprano = [.. lists.Select(l => l?.ToArray())];
            Volatile.Write(ref _idsBySoprano[(int)mode], bySoprano); // a benign race: every thread computes the same lists
        }
        if ((uint)soprano >= (uint)bySoprano.Length || bySoprano[soprano] is not { } shared) return null;
        var weights = new double[shared.Length];
        Harmonic.Probabilities(mode, previous, position, perMeasure, distance, shared, weights);
        return weights.Any(w => w > 0) ? ((int[])shared.Clone(), weights) : null;
    }

    private static bool HasSoprano(IReadOnlyList<uint> vocabulary, double[] weights, int soprano)
    {
        for (int w = 1; w < weights.Length; w++)
            if ((vocabulary[w] & 0xFF) == soprano && weights[w] > 0) return true;
        return false;
    }

    private static int OutsideVoices(int pitch, int voice, int shift) =>
        pitch != 0 && (pitch + shift < MinedScores.VoiceRanges[voice].Low || pitch + shift > MinedScores.VoiceRanges[voice].High) ? 1 : 0;

    /// <summary>
    /// Re-draws one beat from the lexicon so that it fits both neighbours (the join from <paramref name="previous"/>
    /// occurs in the corpus and the grouping's destination is <paramref name="next"/>'s opening); null when nothing
    /// fits. Either neighbour may be null at the ends of a passage. With <paramref name="accept"/>, only groupings it
    /// accepts are drawn (e.g. a planned cadence chord).
    /// </summary>
    public (BeatGrouping Grouping, BeatProvenance Provenance)? Redraw(Mode mode, BeatGrouping? previous, BeatGrouping? next, int beatInMeasure, int beatsPerMeasure, Random random,
        Func<BeatGrouping, bool>? accept = null)
    {
        var fitting = Lexicon.FittingBetween(mode, previous, next, beatInMeasure, beatsPerMeasure, Originality);
        if (accept is not null) fitting.RemoveAll(id => !accept(Lexicon.Grouping(id)));
        if (fitting.Count == 0) return null;
        var (p, b) = Lexicon[fitting[random.Next(fitting.Count)]];
        return (Pieces[p].Beats[b], ProvenanceOf(p, b));
    }

    /// <summary>
    /// Where a grouping (in C) occurs in the corpus, exactly and up to transposition as the originality index compares
    /// beats: the first occurrence's source, measure, beat and transposition to C; null when it occurs nowhere.
    /// </summary>
    public BeatProvenance? Locate(BeatGrouping grouping) =>
        Originality.FirstOccurrence(grouping) is { } at ? ProvenanceOf(at.Piece, at.Beat) : null;

    private BeatProvenance ProvenanceOf(int p, int b)
    {
        var piece = Pieces[p];
        return new BeatProvenance(piece.Source, piece.Measures[b], piece.BeatInMeasure[b] + 1, piece.TranspositionInterval);
    }

    /// <summary>The originality of a passage (in C) against this corpus.</summary>
    public Originality MeasureOriginality(IReadOnlyList<BeatGrouping> beats) => Originality.Measure(beats);
}
