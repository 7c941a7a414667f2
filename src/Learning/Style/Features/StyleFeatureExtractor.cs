using EvoComposer.Theory.Analysis;

namespace EvoComposer.Learning.Style.Features;

/// <summary>
/// Computes <see cref="StyleFeatures.Schema"/> from a <see cref="CompactExcerpt"/> in a few linear passes over
/// flat arrays, reusing its scratch buffers: no allocation once they have grown. Not thread-safe: use one per
/// thread (or <see cref="StyleFeatures.ExtractInto"/>, which does).
/// </summary>
public sealed class StyleFeatureExtractor
{
    private const int DurationBinCount = 12;
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
    private static readonly double[] MajorZ = Centered(MajorProfile);
    private static readonly double[] MinorZ = Centered(MinorProfile);

    private static readonly int[] NaturalOffsets = [0, 2, 4, 5, 7, 9, 11];
    private const int MajorScale = 0b1010_1011_0101; // 0 2 4 5 7 9 11
    private const int MinorScale = 0b1111_1010_1101; // 0 2 3 5 7 8 9 10 11
    private int[] _sliceTick = new int[64];
    private int[] _sliceNote = new int[256];
    private int[] _pointer = new int[8];
    private double[] _measurePitch = new double[32];
    private double[] _measureTime = new double[32];
    private int[] _measureOnsets = new int[32];
    private double[] _texturePitch = new double[32];
    private double[] _textureTime = new double[32];
    private int[] _beatTop = new int[128];
    private int[] _beatBass = new int[128];
    private int[] _chords = new int[128];
    private long[] _keys = new long[128];
    private int[] _phraseFirst = new int[16];
    private int[] _phraseLast = new int[16];
    private int[] _beatPattern = new int[128];

    /// <summary>Extracts all features of <paramref name="x"/> into <paramref name="f"/> (length <see cref="StyleFeatures.Schema"/>.Count).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong length.</exception>
    public void Extract(CompactExcerpt x, Span<double> f)
    {
        if (f.Length != Slots.Schema.Count) throw new ArgumentException($"destination must hold {Slots.Schema.Count} values.", nameof(f));
        f.Clear();
        int voices = x.VoiceCount;
        if (x.NoteCount == 0 || voices == 0) return;
        int beat = x.BeatTicks;
        double lengthQ = x.LengthTicks / (double)CompactExcerpt.TicksPerQuarter;

        Span<double> pc = stackalloc double[12];
        pc.Clear();
        Span<double> firstHalf = stackalloc double[12];
        firstHalf.Clear();
        Span<double> secondHalf = stackalloc double[12];
        secondHalf.Clear();
        int middle = x.LengthTicks / 2;
        Span<double> intervals = stackalloc double[Slots.IntervalBinCount];
        intervals.Clear();
        Span<double> durations = stackalloc double[DurationBinCount];
        durations.Clear();
        int[] midi = x.Midi, onset = x.Onset, dur = x.Duration;
        long totalDuration = 0;
        int shortNotes = 0, syncopated = 0, heldOver = 0, intervalCount = 0;
        double restShare = 0, innerRange = 0;
        int innerVoices = 0;
        RoleStats top = default, bass = default, inner = default;
        int measureCount = Math.Max(1, (x.LengthTicks + x.MeasureTicks - 1) / x.MeasureTicks);
        if (_measurePitch.Length < measureCount)
        {
            _measurePitch = new double[measureCount * 2];
            _measureTime = new double[measureCount * 2];
            _measureOnsets = new int[measureCount * 2];
            _texturePitch = new double[measureCount * 2];
            _textureTime = new double[measureCount * 2];
        }
        _measureOnsets.AsSpan(0, measureCount).Clear();
        _texturePitch.AsSpan(0, measureCount).Clear();
        _textureTime.AsSpan(0, measureCount).Clear();
        int beatCount = Math.Max(1, (x.LengthTicks + beat - 1) / beat);
        if (_beatPattern.Length < beatCount)
        {
            _beatPattern = new int[beatCount * 2];
            _beatTop = new int[beatCount * 2];
            _beatBass = new int[beatCount * 2];
        }
        _beatTop.AsSpan(0, beatCount).Fill(-1);
        _beatBass.AsSpan(0, beatCount).Fill(-1);
        _beatPattern.AsSpan(0, beatCount).Clear();
        double drift = 0;
        int driftVoices = 0;

        for (int v = 0; v < voices; v++)
        {
            int s = x.VoiceStart[v], e = x.VoiceStart[v + 1];
            if (e == s) { restShare += 1; continue; }
            _measurePitch.AsSpan(0, measureCount).Clear();
            _measureTime.AsSpan(0, measureCount).Clear();
            ref RoleStats role = ref (v == 0 ? ref top : ref (v == voices - 1 ? ref bass : ref inner));
            int lo = int.MaxValue, hi = int.MinValue, previousEnd = 0, previousMove = 0;
            long sounding = 0;
            double pitchTime = 0, time = 0;
            for (int i = s; i < e; i++)
            {
                int m = midi[i], on = onset[i], d = dur[i], end = on + d;
                int pitchClass = ((m % 12) + 12) % 12;
                pc[pitchClass] += d;
                firstHalf[pitchClass] += Math.Max(0, Math.Min(end, middle) - on);
                secondHalf[pitchClass] += Math.Max(0, end - Math.Max(on, middle));
                durations[DurationBin(d)]++;
                totalDuration += d;
                if (d < beat) shortNotes++;
                if ((on / beat + 1) * beat < end)
                {
                    heldOver++;
                    if (on % beat != 0) syncopated++;
                }
                int soundFrom = Math.Max(on, previousEnd), soundTo = Math.Min(end, x.LengthTicks);
                if (soundTo > soundFrom) sounding += soundTo - soundFrom;
                previousEnd = Math.Max(previousEnd, end);
                if (m < lo) lo = m;
                if (m > hi) hi = m;
                pitchTime += (double)m * d;
                time += d;
                int measure = Math.Min(measureCount - 1, on / x.MeasureTicks);
                _measurePitch[measure] += (double)m * d;
                _measureTime[measure] += d;
                _measureOnsets[measure]++;
                if (v == 0 || v == voices - 1)
                {
                    var beatPitch = v == 0 ? _beatTop : _beatBass;
                    for (int b = (on + beat - 1) / beat; b < beatCount && b * beat < end; b++) beatPitch[b] = m;
                }
                _texturePitch[measure] += (double)m * d;
                _textureTime[measure] += d;
                int beatIndex = Math.Min(beatCount - 1, on / beat);
                _beatPattern[beatIndex] |= 1 << (Math.Min(3, (on - beatIndex * beat) * 4 / beat) + 4 * (v % 4));
                if (i == s) continue;
                int move = m - midi[i - 1], size = Math.Abs(move);
                intervals[IntervalBin(size)]++;
                intervalCount++;
                role.Intervals++;
                role.SizeSum += size;
                if (size > role.MaxLeap) role.MaxLeap = size;
                if (size is 1 or 2) role.Steps++;
                else if (size >= 5) role.Leaps++;
                if (v == 0 || v == voices - 1)
                {
                    if (Math.Abs(previousMove) >= 5)
                    {
                        role.LeapsToRecover++;
                        if (size is 1 or 2 && Math.Sign(move) != Math.Sign(previousMove)) role.Recovered++;
                    }
                    if (move != 0)
                    {
                        if (role.LastDirection != 0)
                        {
                            role.Moves++;
                            if (Math.Sign(move) != role.LastDirection) role.DirectionChanges++;
                        }
                        else role.Runs++;
                        role.LastDirection = Math.Sign(move);
                    }
                    previousMove = move;
                }
            }
            restShare += 1 - Math.Min(1.0, sounding / (double)x.LengthTicks);
            if (RegisterDrift(_measurePitch, _measureTime, measureCount) is { } voiceDrift)
            {
                drift += voiceDrift;
                driftVoices++;
            }
            if (v == 0 || v == voices - 1)
            {
                role.Range = hi - lo;
                role.Tessitura = time > 0 ? pitchTime / time : 0;
            }
            else
            {
                innerRange += hi - lo;
                innerVoices++;
            }
        }

        // Pitch classes relative to the estimated key.
        double pcTotal = 0;
        for (int i = 0; i < 12; i++) pcTotal += pc[i];
        var (tonic, minor, clarity) = EstimateKey(pc);
        for (int i = 0; i < 12; i++)
        {
            double share = pc[(tonic + i) % 12] / pcTotal;
            f[Slots.PitchClass + i] = share;
        }
        f[Slots.PitchEntropy] = Entropy(pc);
        f[Slots.KeyClarity] = clarity;
        f[Slots.KeyMinor] = minor ? 1 : 0;
        f[Slots.KeyDrift] = 1 - Correlation(firstHalf, secondHalf);
        int scale = minor ? MinorScale : MajorScale;
        double outside = 0;
        for (int i = 0; i < 12; i++)
            if ((scale & (1 << i)) == 0) outside += pc[(tonic + i) % 12];
        f[Slots.OutOfKey] = outside / pcTotal;
        if (intervalCount > 0)
            for (int i = 0; i < Slots.IntervalBinCount; i++) f[Slots.Interval + i] = intervals[i] / intervalCount;
        f[Slots.IntervalEntropy] = Entropy(intervals);

        if (top.Intervals > 0)
        {
            f[Slots.TopStep] = top.Steps / (double)top.Intervals;
            f[Slots.TopLeap] = top.Leaps / (double)top.Intervals;
            f[Slots.TopMeanInterval] = top.SizeSum / (double)top.Intervals;
        }
        f[Slots.TopRange] = top.Range;
        f[Slots.TopTessitura] = top.Tessitura;
        f[Slots.TopLeapRecovery] = top.LeapsToRecover > 0 ? top.Recovered / (double)top.LeapsToRecover : 0;
        f[Slots.TopMaxLeap] = top.MaxLeap;
        // Runs: the first move opens one, each change of direction another; moves = all moves after the first.
        int topRuns = top.Runs + top.DirectionChanges;
        f[Slots.TopRunLength] = topRuns > 0 ? (top.Moves + top.Runs) / (double)topRuns : 0;
        f[Slots.TopContour] = top.Moves > 0 ? top.DirectionChanges / (double)top.Moves : 0;
        if (voices >= 2)
        {
            if (bass.Intervals > 0)
            {
                f[Slots.BassStep] = bass.Steps / (double)bass.Intervals;
                f[Slots.BassLeap] = bass.Leaps / (double)bass.Intervals;
                f[Slots.BassMeanInterval] = bass.SizeSum / (double)bass.Intervals;
            }
            f[Slots.BassMaxLeap] = bass.MaxLeap;
            f[Slots.BassContour] = bass.Moves > 0 ? bass.DirectionChanges / (double)bass.Moves : 0;
            f[Slots.BassRange] = bass.Range;
            f[Slots.BassTessitura] = bass.Tessitura;
        }
        if (inner.Intervals > 0)
        {
            f[Slots.InnerStep] = inner.Steps / (double)inner.Intervals;
            f[Slots.InnerLeap] = inner.Leaps / (double)inner.Intervals;
            f[Slots.InnerMeanInterval] = inner.SizeSum / (double)inner.Intervals;
        }
        f[Slots.InnerRange] = innerVoices > 0 ? innerRange / innerVoices : 0;

        int notes = x.NoteCount;
        f[Slots.Density] = notes / (lengthQ * voices);
        f[Slots.MeanDuration] = totalDuration / (double)notes / CompactExcerpt.TicksPerQuarter;
        f[Slots.ShortNotes] = shortNotes / (double)notes;
        f[Slots.RhythmEntropy] = Entropy(durations);
        f[Slots.Syncopation] = syncopated / (double)notes;
        f[Slots.HeldOver] = heldOver / (double)notes;
        f[Slots.Rests] = restShare / voices;
        f[Slots.RegisterDrift] = driftVoices > 0 ? drift / driftVoices : 0;
        var patterns = _beatPattern.AsSpan(0, beatCount);
        f[Slots.RhythmRecurrence] = Recurrence(patterns, 2);
        patterns.Sort();
        int distinct = 1;
        for (int b = 1; b < beatCount; b++) if (patterns[b] != patterns[b - 1]) distinct++;
        f[Slots.BeatPatterns] = distinct / (double)beatCount;
        if (measureCount > 1)
        {
            double sum = 0, squares = 0;
            for (int b = 0; b < measureCount; b++) { sum += _measureOnsets[b]; squares += (double)_measureOnsets[b] * _measureOnsets[b]; }
            double mean = sum / measureCount;
            f[Slots.ActivitySpread] = mean > 0 ? Math.Sqrt(Math.Max(0, squares / measureCount - mean * mean)) / mean : 0;
        }

        if (voices >= 2)
        {
            if (RegisterDrift(_texturePitch, _textureTime, measureCount) is { } textureDrift) f[Slots.TextureDrift] = textureDrift;
        }

        f[Slots.TopDirected] = Directedness(_beatTop.AsSpan(0, beatCount));
        f[Slots.TopMotifRecurrence] = Recurrence(_beatTop.AsSpan(0, beatCount), 4, intervals: true);
        if (voices >= 2)
        {
            f[Slots.BassDirected] = Directedness(_beatBass.AsSpan(0, beatCount));
            f[Slots.BassMotifRecurrence] = Recurrence(_beatBass.AsSpan(0, beatCount), 4, intervals: true);
        }
        f[Slots.TopRepetition] = Repetition(x);
        Phrases(x, f, tonic);
        Vertical(x, f, tonic, minor);
    }

    // Share of the top voice's notes that start a span of six intervals (with the durations) occurring again elsewhere.
    private static double Repetition(CompactExcerpt x)
    {
        const int span = 6;
        int s = x.VoiceStart[0], count = x.VoiceStart[1] - s - span;
        if (count < 2) return 0;
        int[] midi = x.Midi, dur = x.Duration;
        int repeated = 0;
        for (int a = 0; a < count; a++)
        {
            for (int b = 0; b < count; b++)
            {
                if (b == a) continue;
                int k = 0;
                while (k < span && midi[s + a + k + 1] - midi[s + a + k] == midi[s + b + k + 1] - midi[s + b + k] && dur[s + a + k] == dur[s + b + k]) k++;
                if (k == span) { repeated++; break; }
            }
        }
        return repeated / (double)count;
    }

    // Phrase-level shape of the top voice (and the bass at its phrase ends). Phrase ends are the top voice's
    // fermata notes, or, when it has none, its notes on a beat lasting two beats or more; a complete phrase runs from
    // the note after one phrase end to the next phrase end.
    private void Phrases(CompactExcerpt x, Span<double> f, int tonic)
    {
        int s = x.VoiceStart[0], e = x.VoiceStart[1];
        if (e - s < 2) return;
        int[] midi = x.Midi, onset = x.Onset, dur = x.Duration;
        bool[] fermata = x.Fermata;
        bool fermatas = false;
        for (int i = s; i < e; i++) fermatas |= fermata[i];
        int beat = x.BeatTicks, ends = 0, complete = 0, arches = 0, stableEnds = 0;
        double rangeSum = 0, endSum = 0, endSquares = 0, bassSum = 0, bassSquares = 0, netSum = 0;
        int bassEnd = x.VoiceStart[x.VoiceCount], bassStart = x.VoiceStart[x.VoiceCount - 1];
        int bassEnds = 0, bassPointer = x.VoiceCount >= 2 && bassStart < bassEnd ? bassStart : -1;
        int start = -1;
        for (int i = s; i < e; i++)
        {
            bool end = fermatas ? fermata[i] : onset[i] % beat == 0 && dur[i] >= 2 * beat;
            if (!end) continue;
            int m = midi[i];
            ends++;
            endSum += m;
            endSquares += (double)m * m;
            int degree = ((m - tonic) % 12 + 12) % 12;
            if (degree is 0 or 3 or 4 or 7) stableEnds++;
            if (bassPointer >= 0)
            {
                while (bassPointer + 1 < bassEnd && onset[bassPointer + 1] <= onset[i]) bassPointer++;
                if (onset[bassPointer] <= onset[i] && onset[bassPointer] + dur[bassPointer] > onset[i])
                {
                    bassEnds++;
                    bassSum += midi[bassPointer];
                    bassSquares += (double)midi[bassPointer] * midi[bassPointer];
                }
            }
            if (start >= 0 && i - start >= 2)
            {
                int lo = int.MaxValue, hi = int.MinValue, peak = start;
                for (int k = start; k <= i; k++)
                {
                    if (midi[k] < lo) lo = midi[k];
                    if (midi[k] > hi) { hi = midi[k]; peak = k; }
                }
                if (complete == _phraseFirst.Length)
                {
                    Array.Resize(ref _phraseFirst, complete * 2);
                    Array.Resize(ref _phraseLast, complete * 2);
                }
                _phraseFirst[complete] = start;
                _phraseLast[complete] = i;
                complete++;
                rangeSum += hi - lo;
                netSum += Math.Abs(midi[i] - midi[start]);
                if (peak != start && peak != i) arches++;
            }
            // The next phrase starts after the phrase end (and after any notes repeating its pitch under the same fermata).
            start = i + 1;
        }
        if (ends > 1)
        {
            double mean = endSum / ends;
            f[Slots.PhraseEndSpread] = Math.Sqrt(Math.Max(0, endSquares / ends - mean * mean));
        }
        if (bassEnds > 1)
        {
            double mean = bassSum / bassEnds;
            f[Slots.PhraseBassEndSpread] = Math.Sqrt(Math.Max(0, bassSquares / bassEnds - mean * mean));
        }
        if (ends > 0) f[Slots.PhraseStableEnd] = stableEnds / (double)ends;
        if (complete == 0) return;
        f[Slots.PhraseRange] = rangeSum / complete;
        f[Slots.PhraseArch] = arches / (double)complete;
        f[Slots.PhraseNetMotion] = netSum / complete;
        int repeats = 0;
        for (int a = 0; a < complete; a++)
            for (int b = 0; b < complete; b++)
                if (a != b && SimilarPhrases(midi, _phraseFirst[a], _phraseLast[a], _phraseFirst[b], _phraseLast[b])) { repeats++; break; }
        f[Slots.PhraseRepeat] = repeats / (double)complete;
    }

    // Share of the positions of a sequence that start an n-gram found again at another position (as intervals between
    // successive values when asked; spans touching a −1 do not count). Each n-gram is packed exactly into one key
    // (values of up to 16 bits, intervals of up to 8, at most 64 bits), the keys are sorted, and a key met twice or
    // more is a recurring n-gram: O(m log m), no allocation once the scratch buffer has grown.
    private double Recurrence(ReadOnlySpan<int> sequence, int n, bool intervals = false)
    {
        int count = sequence.Length - n + 1;
        if (count < 2) return 0;
        if (_keys.Length < count) _keys = new long[count * 2];
        int valid = 0;
        for (int a = 0; a < count; a++)
        {
            long key = 0;
            bool ok = true;
            for (int k = 0; k < n && ok; k++)
            {
                int value = sequence[a + k];
                if (value < 0) { ok = false; break; }
                if (intervals)
                {
                    if (k > 0) key = key << 8 | (uint)(Math.Clamp(value - sequence[a + k - 1], -127, 127) + 128);
                }
                else key = key << 16 | (uint)(value & 0xFFFF);
            }
            if (ok) _keys[valid++] = key;
        }
        if (valid == 0) return 0;
        var keys = _keys.AsSpan(0, valid);
        keys.Sort();
        int recurring = 0;
        for (int i = 0; i < valid;)
        {
            int j = i + 1;
            while (j < valid && keys[j] == keys[i]) j++;
            if (j - i > 1) recurring += j - i;
            i = j;
        }
        return recurring / (double)valid;
    }

    // Mean over spans of four beats of |net move| / path length of a voice's pitches on the beats (−1: silent); 1 when
    // every span moves one way, near 0 when the line wanders back and forth.
    private static double Directedness(ReadOnlySpan<int> pitch)
    {
        const int span = 4;
        double sum = 0;
        int count = 0;
        for (int b = 0; b + span < pitch.Length; b++)
        {
            int path = 0;
            bool silent = pitch[b] < 0;
            for (int k = 0; k < span && !silent; k++)
            {
                if (pitch[b + k + 1] < 0) { silent = true; break; }
                path += Math.Abs(pitch[b + k + 1] - pitch[b + k]);
            }
            if (silent || path == 0) continue;
            sum += Math.Abs(pitch[b + span] - pitch[b]) / (double)path;
            count++;
        }
        return count > 0 ? sum / count : 0;
    }

    // Whether two phrases of the top voice have the same number of notes and at least three quarters of their
    // melodic intervals equal (a repeated or varied phrase).
    private static bool SimilarPhrases(int[] midi, int a0, int a1, int b0, int b1)
    {
        int length = a1 - a0;
        if (length != b1 - b0 || length < 3) return false;
        int same = 0;
        for (int k = 0; k < length; k++)
            if (midi[a0 + k + 1] - midi[a0 + k] == midi[b0 + k + 1] - midi[b0 + k]) same++;
        return same * 4 >= length * 3;
    }

    private struct RoleStats
    {
        public int Runs, Intervals, Steps, Leaps, SizeSum, MaxLeap, LeapsToRecover, Recovered, Moves, DirectionChanges, LastDirection, Range;
        public double Tessitura;
    }

    // Slices: every onset in any voice; for each, the note sounding in each voice (or −1).
    private int BuildSlices(CompactExcerpt x)
    {
        int voices = x.VoiceCount, notes = x.NoteCount;
        if (_sliceTick.Length < notes + 1) _sliceTick = new int[Math.Max(notes + 1, _sliceTick.Length * 2)];
        if (_sliceNote.Length < (notes + 1) * voices) _sliceNote = new int[Math.Max((notes + 1) * voices, _sliceNote.Length * 2)];
        if (_pointer.Length < voices) _pointer = new int[voices];
        var pointer = _pointer;
        for (int v = 0; v < voices; v++) pointer[v] = x.VoiceStart[v];
        int count = 0;
        int[] onset = x.Onset, dur = x.Duration;
        while (true)
        {
            int next = int.MaxValue;
            for (int v = 0; v < voices; v++)
                if (pointer[v] < x.VoiceStart[v + 1] && onset[pointer[v]] < next) next = onset[pointer[v]];
            if (next == int.MaxValue) break;
            _sliceTick[count] = next;
            int row = count * voices;
            for (int v = 0; v < voices; v++)
            {
                int end = x.VoiceStart[v + 1];
                while (pointer[v] < end && onset[pointer[v]] <= next) pointer[v]++;
                int last = pointer[v] - 1;
                _sliceNote[row + v] = last >= x.VoiceStart[v] && onset[last] + dur[last] > next ? last : -1;
            }
            count++;
        }
        _sliceTick[count] = x.LengthTicks;
        return count;
    }

    private void Vertical(CompactExcerpt x, Span<double> f, int tonic, bool minor)
    {
        int scale = minor ? MinorScale : MajorScale;
        int keyFifths = FifthsOf(tonic, minor);
        Span<double> phrasePc = stackalloc double[12];
        phrasePc.Clear();
        int remotePhrases = 0, keyedPhrases = 0, strongCadences = 0, remoteCadences = 0, returns = 0;
        double chromaticTime = 0, phraseSquares = 0;
        int voices = x.VoiceCount;
        int slices = BuildSlices(x);
        int[] midi = x.Midi, onset = x.Onset;
        double soundingTime = 0, polyTime = 0, dissonantTime = 0;
        Span<double> chordTime = stackalloc double[Slots.ChordTypeCount];
        chordTime.Clear();
        Span<double> inversions = stackalloc double[4];
        inversions.Clear();
        int parallel = 0, similar = 0, contrary = 0, oblique = 0, parallelPerfect = 0, outerMoves = 0, outerContrary = 0;
        double tonicTime = 0, dominantTime = 0;
        double spacingUpper = 0, spacingLower = 0, wideTime = 0, crossingTime = 0;
        int rootFifth = 0, rootStep = 0, rootThird = 0;
        int attacks = 0, nct = 0, passing = 0, neighbour = 0, suspensions = 0, other = 0, polySlices = 0, changes = 0;
        int currentChord = -1, previousChord = -1, earlierChord = -1;
        int localDominant = 0, prepared = 0, sopranoStep = 0, sopranoDescent = 0, bassFifth = 0, bassDominant = 0, bassPattern = 0;
        bool anyFermata = false;
        int chordCount = 0, toggles = 0;
        Span<int> lastAlteration = stackalloc int[7];
        lastAlteration.Fill(int.MinValue);
        for (int i = 0; i < x.NoteCount; i++) anyFermata |= x.Fermata[i];
        Span<int> sliceMidi = voices <= 64 ? stackalloc int[voices] : new int[voices];
        Span<int> sliceDiatonic = voices <= 64 ? stackalloc int[voices] : new int[voices];
        Span<ChordMember> members = voices <= 64 ? stackalloc ChordMember[voices] : new ChordMember[voices];
        int lastPhraseEnd = -1, phraseGaps = 0;
        double phraseSpan = 0, cadenceLength = 0;
        int phraseEnds = 0, authentic = 0, plagal = 0, half = 0, deceptive = 0;

        for (int s = 0; s < slices; s++)
        {
            int t = _sliceTick[s], length = _sliceTick[s + 1] - t, row = s * voices;
            int sounding = 0, bassMidi = int.MaxValue;
            bool fermata = false;
            for (int v = 0; v < voices; v++)
            {
                int n = _sliceNote[row + v];
                if (n < 0) continue;
                sounding++;
                int m = midi[n];
                if (m < bassMidi) bassMidi = m;
                fermata |= x.Fermata[n] && onset[n] == t;
            }
            soundingTime += (double)sounding * length;
            for (int v = 0; v < voices; v++)
                if (_sliceNote[row + v] is var sn && sn >= 0) phrasePc[((midi[sn] % 12) + 12) % 12] += length;

            if (s > 0 && voices >= 2) CountMotion(x, s, ref parallel, ref similar, ref contrary, ref oblique, ref parallelPerfect, ref outerMoves, ref outerContrary);
            if (sounding < 2) continue;

            polySlices++;
            polyTime += length;
            Texture(x, row, length, ref spacingUpper, ref spacingLower, ref wideTime, ref crossingTime);
            for (int v = 0; v < voices; v++)
            {
                int n = _sliceNote[row + v];
                sliceMidi[v] = n < 0 ? SliceGrid.Silent : midi[n];
                sliceDiatonic[v] = n < 0 ? 0 : x.Diatonic[n];
            }
            var chord = ChordIdentifier.Identify(sliceMidi, sliceDiatonic, members, out _);
            int outside = 0;
            foreach (var member in members) if (member == ChordMember.NonChordTone) outside++;
            int type = ChordType(chord, outside);
            chordTime[type] += length;
            if (type < ChordTypes.Dyad) inversions[chord.Inversion] += 1;
            int chordId = type < ChordTypes.Dyad ? chord.RootPitchClass * 16 + type : -1;
            if (chordId >= 0)
            {
                int degree = ((chord.RootPitchClass - tonic) % 12 + 12) % 12;
                if (degree == 0) tonicTime += length;
                else if (degree == 7) dominantTime += length;
                if ((scale & (1 << degree)) == 0) chromaticTime += length;
            }
            if (chordId >= 0 && chordId != currentChord)
            {
                if (currentChord >= 0)
                {
                    changes++;
                    int motion = ((chordId / 16 - currentChord / 16) % 12 + 12) % 12;
                    if (motion is 5 or 7) rootFifth++;
                    else if (motion is 1 or 2 or 10 or 11) rootStep++;
                    else if (motion is 3 or 4 or 8 or 9) rootThird++;
                    if (chordId == previousChord) returns++;
                }
                earlierChord = previousChord;
                previousChord = currentChord;
                currentChord = chordId;
                if (chordCount == _chords.Length) Array.Resize(ref _chords, chordCount * 2);
                _chords[chordCount++] = ((chordId / 16 - tonic) % 12 + 12) % 12 * 16 + chordId % 16;
            }

            bool dissonant = false;
            for (int a = 0; a < voices && !dissonant; a++)
            {
                int na = _sliceNote[row + a];
                if (na < 0) continue;
                int ma = midi[na];
                if (ma != bassMidi && ((ma - bassMidi) % 12) == 5) { dissonant = true; break; }
                for (int b = a + 1; b < voices; b++)
                {
                    int nb = _sliceNote[row + b];
                    if (nb < 0) continue;
                    int ic = Math.Abs(ma - midi[nb]) % 12;
                    if (ic is 1 or 2 or 6 or 10 or 11) { dissonant = true; break; }
                }
            }
            if (dissonant) dissonantTime += length;

            for (int v = 0; v < voices; v++)
            {
                int n = _sliceNote[row + v];
                if (n < 0) continue;
                bool inChord = members[v] != ChordMember.NonChordTone;
                bool attacked = onset[n] == t;
                if (attacked)
                {
                    attacks++;
                    int letter = ((x.Diatonic[n] % 7) + 7) % 7;
                    int alteration = ((midi[n] - NaturalOffsets[letter] - (x.Diatonic[n] - letter) / 7 * 12) % 12 + 18) % 12 - 6;
                    if (lastAlteration[letter] != int.MinValue && lastAlteration[letter] != alteration) toggles++;
                    lastAlteration[letter] = alteration;
                }
                if (inChord) continue;
                int first = x.VoiceStart[v], last = x.VoiceStart[v + 1] - 1;
                int before = n > first ? midi[n] - midi[n - 1] : 0;
                int after = n < last ? midi[n + 1] - midi[n] : 0;
                if (attacked)
                {
                    nct++;
                    bool stepIn = Math.Abs(before) is 1 or 2, stepOut = Math.Abs(after) is 1 or 2;
                    if (stepIn && stepOut && Math.Sign(before) == Math.Sign(after)) passing++;
                    else if (stepIn && stepOut) neighbour++;
                    else other++;
                }
                else if (after is -1 or -2) suspensions++;
            }

            bool phraseEnd = anyFermata
                ? fermata
                : t % x.BeatTicks == 0 && length >= 2 * x.BeatTicks;
            if (phraseEnd && chordId >= 0)
            {
                phraseEnds++;
                cadenceLength += length / (double)x.BeatTicks;
                if (lastPhraseEnd >= 0)
                {
                    phraseGaps++;
                    double span = (t - lastPhraseEnd) / (double)x.BeatTicks;
                    phraseSpan += span;
                    phraseSquares += span * span;
                }
                int halfMeasure = x.MeasureTicks / 2;
                if (t % x.MeasureTicks == 0 || (x.MeasureTicks % (2 * x.BeatTicks) == 0 && t % halfMeasure == 0)) strongCadences++;
                var (phraseTonic, phraseMinor, _) = EstimateKey(phrasePc);
                int distance = Math.Abs(FifthsOf(phraseTonic, phraseMinor) - keyFifths);
                if (Math.Min(distance, 12 - distance) > 1) remotePhrases++;
                keyedPhrases++;
                int sopranoNote = _sliceNote[row], bassNote = _sliceNote[row + voices - 1];
                int sopranoIn = Approach(x, 0, sopranoNote), sopranoBefore = Approach(x, 0, sopranoNote - 1);
                int bassIn = Approach(x, voices - 1, bassNote), bassBefore = Approach(x, voices - 1, bassNote - 1);
                if (previousChord >= 0 && ((previousChord / 16 - chordId / 16) % 12 + 12) % 12 == 7) localDominant++;
                if (Math.Abs(sopranoIn) is 1 or 2) sopranoStep++;
                if (sopranoIn is -1 or -2 && sopranoBefore is -1 or -2) sopranoDescent++;
                if (Math.Abs(bassIn) % 12 is 5 or 7) bassFifth++;
                if (bassIn is -7 or 5) bassDominant++;
                if (Math.Abs(bassIn) % 12 is 5 or 7 && Math.Abs(bassBefore) is 1 or 2) bassPattern++;
                phrasePc.Clear();
                lastPhraseEnd = t;
                int root = ((chordId / 16 - tonic) % 12 + 12) % 12;
                int before = previousChord >= 0 ? ((previousChord / 16 - tonic) % 12 + 12) % 12 : -1;
                int earlier = earlierChord >= 0 ? ((earlierChord / 16 - tonic) % 12 + 12) % 12 : -1;
                if (root == 0 && before == 7 && earlier is 2 or 5) prepared++;
                if (root == 0 && before == 7) authentic++;
                else if (root == 0 && before == 5) plagal++;
                else if (root == 7) half++;
                else if (before == 7 && root is 8 or 9) deceptive++;
                if ((scale & (1 << root)) == 0) remoteCadences++;
            }
        }

        f[Slots.Voices] = soundingTime / x.LengthTicks;
        if (voices < 2) return;
        int moves = parallel + similar + contrary + oblique;
        if (moves > 0)
        {
            f[Slots.Parallel] = parallel / (double)moves;
            f[Slots.Similar] = similar / (double)moves;
            f[Slots.Contrary] = contrary / (double)moves;
            f[Slots.Oblique] = oblique / (double)moves;
            f[Slots.ParallelPerfect] = parallelPerfect / (double)moves;
        }
        f[Slots.OuterContrary] = outerMoves > 0 ? outerContrary / (double)outerMoves : 0;
        if (polyTime > 0)
        {
            f[Slots.Dissonance] = dissonantTime / polyTime;
            f[Slots.SpacingUpper] = spacingUpper / polyTime;
            f[Slots.TonicChords] = tonicTime / polyTime;
            f[Slots.DominantChords] = dominantTime / polyTime;
            f[Slots.SpacingLower] = spacingLower / polyTime;
            f[Slots.WideSpacing] = wideTime / polyTime;
            f[Slots.Crossing] = crossingTime / polyTime;
            for (int i = 0; i < Slots.ChordTypeCount; i++) f[Slots.Chord + i] = chordTime[i] / polyTime;
        }
        double chords = inversions[0] + inversions[1] + inversions[2] + inversions[3];
        if (chords > 0)
            for (int i = 0; i < 4; i++) f[Slots.Inversion + i] = inversions[i] / chords;
        if (attacks > 0)
        {
            f[Slots.NctRate] = nct / (double)attacks;
            f[Slots.AccidentalToggles] = toggles / (double)attacks;
            f[Slots.NctPassing] = passing / (double)attacks;
            f[Slots.NctNeighbour] = neighbour / (double)attacks;
            f[Slots.NctOther] = other / (double)attacks;
        }
        if (polySlices > 0) f[Slots.NctSuspension] = suspensions / (double)polySlices;
        if (changes > 0)
        {
            f[Slots.RootFifth] = rootFifth / (double)changes;
            f[Slots.RootStep] = rootStep / (double)changes;
            f[Slots.RootThird] = rootThird / (double)changes;
        }
        f[Slots.HarmonicRhythm] = changes / (x.LengthTicks / (double)CompactExcerpt.TicksPerQuarter);
        if (phraseEnds > 0)
        {
            f[Slots.CadenceAuthentic] = authentic / (double)phraseEnds;
            f[Slots.CadenceDuration] = cadenceLength / phraseEnds;
            if (phraseGaps > 0) f[Slots.PhraseLength] = phraseSpan / phraseGaps;
            f[Slots.CadencePlagal] = plagal / (double)phraseEnds;
            f[Slots.CadenceHalf] = half / (double)phraseEnds;
            f[Slots.CadenceDeceptive] = deceptive / (double)phraseEnds;
            f[Slots.CadenceStrongBeat] = strongCadences / (double)phraseEnds;
            f[Slots.CadenceRemote] = remoteCadences / (double)phraseEnds;
            f[Slots.PhraseKeyRemote] = remotePhrases / (double)keyedPhrases;
            f[Slots.CadencePrepared] = prepared / (double)phraseEnds;
            f[Slots.CadenceSopranoStep] = sopranoStep / (double)phraseEnds;
            f[Slots.CadenceBassFifth] = bassFifth / (double)phraseEnds;
            f[Slots.CadenceLocalDominant] = localDominant / (double)phraseEnds;
            f[Slots.CadenceSopranoDescent] = sopranoDescent / (double)phraseEnds;
            f[Slots.CadenceBassDominant] = bassDominant / (double)phraseEnds;
            f[Slots.CadenceBassPattern] = bassPattern / (double)phraseEnds;
            if (phraseGaps > 1)
            {
                double mean = phraseSpan / phraseGaps;
                f[Slots.PhraseRegularity] = Math.Sqrt(Math.Max(0, phraseSquares / phraseGaps - mean * mean));
            }
        }
        if (polyTime > 0) f[Slots.ChromaticRoots] = chromaticTime / polyTime;
        if (changes > 0) f[Slots.ChordReturn] = returns / (double)changes;
        f[Slots.ProgressionRecurrence] = Recurrence(_chords.AsSpan(0, chordCount), 3);
    }

    // The move in semitones by which note n of voice v is reached from the voice's previous note; 0 for none
    // (n is −1, or the voice's first note in the excerpt).
    private static int Approach(CompactExcerpt x, int v, int n) => n > x.VoiceStart[v] ? x.Midi[n] - x.Midi[n - 1] : 0;

    // The feature category of a chord read by the analysis helper: without a third it is a bare sonority; with
    // two or more non-chord tones it counts as non-tertian.
    private static int ChordType(Chord chord, int outside)
    {
        if (!chord.IsKnown || outside >= 2) return ChordTypes.Other;
        if (!chord.HasThird) return ChordTypes.Dyad;
        return chord.Seventh switch
        {
            SeventhQuality.None => chord.Triad switch
            {
                TriadQuality.Major => ChordTypes.Major,
                TriadQuality.Minor => ChordTypes.Minor,
                TriadQuality.Diminished => ChordTypes.Diminished,
                _ => ChordTypes.Augmented,
            },
            SeventhQuality.Minor when chord.Triad == TriadQuality.Major => ChordTypes.DominantSeventh,
            _ => ChordTypes.OtherSeventh,
        };
    }

    // Spacing and crossing of the sounding voices of one slice (voices in score order, highest first).
    private void Texture(CompactExcerpt x, int row, int length, ref double spacingUpper, ref double spacingLower, ref double wideTime, ref double crossingTime)
    {
        int voices = x.VoiceCount;
        int[] midi = x.Midi;
        int first = -1, second = -1, last = -1, beforeLast = -1, previous = -1;
        bool wide = false, crossed = false;
        int lastVoice = LastSounding(row, voices);
        for (int v = 0; v < voices; v++)
        {
            int n = _sliceNote[row + v];
            if (n < 0) continue;
            if (first < 0) first = n;
            else if (second < 0) second = n;
            if (previous >= 0)
            {
                if (midi[previous] < midi[n]) crossed = true;
                if (midi[previous] - midi[n] > 12 && v != lastVoice) wide = true;
            }
            beforeLast = last;
            last = n;
            previous = n;
        }
        spacingUpper += Math.Abs(midi[first] - midi[second]) * (double)length;
        spacingLower += Math.Abs(midi[beforeLast] - midi[last]) * (double)length;
        if (wide) wideTime += length;
        if (crossed) crossingTime += length;
    }

    private int LastSounding(int row, int voices)
    {
        for (int v = voices - 1; v >= 0; v--) if (_sliceNote[row + v] >= 0) return v;
        return -1;
    }

    private static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < 12; i++) { ma += a[i]; mb += b[i]; }
        ma /= 12;
        mb /= 12;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < 12; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 1;
    }

    private void CountMotion(CompactExcerpt x, int s, ref int parallel, ref int similar, ref int contrary, ref int oblique,
        ref int parallelPerfect, ref int outerMoves, ref int outerContrary)
    {
        int voices = x.VoiceCount, row = s * voices, previousRow = row - voices;
        int[] midi = x.Midi;
        for (int a = 0; a < voices; a++)
        {
            int na = _sliceNote[row + a], pa = _sliceNote[previousRow + a];
            if (na < 0 || pa < 0) continue;
            int da = midi[na] - midi[pa];
            for (int b = a + 1; b < voices; b++)
            {
                int nb = _sliceNote[row + b], pb = _sliceNote[previousRow + b];
                if (nb < 0 || pb < 0) continue;
                int db = midi[nb] - midi[pb];
                if (da == 0 && db == 0) continue;
                bool outer = a == 0 && b == voices - 1;
                if (outer) outerMoves++;
                if (da == 0 || db == 0) oblique++;
                else if (Math.Sign(da) != Math.Sign(db))
                {
                    contrary++;
                    if (outer) outerContrary++;
                }
                else if (da == db)
                {
                    parallel++;
                    if (Math.Abs(midi[na] - midi[nb]) % 12 is 0 or 7) parallelPerfect++;
                }
                else similar++;
            }
        }
    }

    /// <summary>Best-fitting Krumhansl-Kessler key: tonic pitch class, minor or not, and the correlation.</summary>
    internal static (int Tonic, bool Minor, double Correlation) EstimateKey(ReadOnlySpan<double> pc)
    {
        double mean = 0;
        for (int i = 0; i < 12; i++) mean += pc[i];
        mean /= 12;
        double norm = 0;
        for (int i = 0; i < 12; i++) norm += (pc[i] - mean) * (pc[i] - mean);
        norm = Math.Sqrt(norm);
        if (norm == 0) return (0, false, 0);
        int bestTonic = 0;
        bool bestMinor = false;
        double best = double.NegativeInfinity;
        for (int t = 0; t < 12; t++)
        {
            double major = 0, minor = 0;
            for (int i = 0; i < 12; i++)
            {
                double c = pc[(t + i) % 12] - mean;
                major += c * MajorZ[i];
                minor += c * MinorZ[i];
            }
            if (major > best) { best = major; bestTonic = t; bestMinor = false; }
            if (minor > best) { best = minor; bestTonic = t; bestMinor = true; }
        }
        return (bestTonic, bestMinor, best / norm);
    }

    // Position on the circle of fifths (0-11) of a key's signature: a minor key sits with its relative major.
    private static int FifthsOf(int tonic, bool minor) => (tonic + (minor ? 3 : 0)) % 12 * 7 % 12;

    private static double[] Centered(double[] profile)
    {
        double mean = profile.Average();
        double norm = Math.Sqrt(profile.Sum(p => (p - mean) * (p - mean)));
        return profile.Select(p => (p - mean) / norm).ToArray();
    }

    private static double Entropy(ReadOnlySpan<double> counts)
    {
        double total = 0;
        foreach (double c in counts) total += c;
        if (total <= 0) return 0;
        double h = 0;
        foreach (double c in counts)
            if (c > 0) h -= c / total * Math.Log2(c / total);
        return h;
    }

    private static int IntervalBin(int size) => size switch
    {
        <= 7 => size,
        8 or 9 => 8,
        10 or 11 => 9,
        _ => 10,
    };

    // Note lengths by ticks (48 per quarter): 64th, 32nd, 16th, dotted 16th, 8th, dotted 8th, quarter, dotted
    // quarter, half, dotted half, whole, longer.
    private static int DurationBin(int ticks) => ticks switch
    {
        <= 3 => 0,
        <= 6 => 1,
        <= 12 => 2,
        <= 18 => 3,
        <= 24 => 4,
        <= 36 => 5,
        <= 48 => 6,
        <= 72 => 7,
        <= 96 => 8,
        <= 144 => 9,
        <= 192 => 10,
        _ => 11,
    };

    /// <summary>
    /// How far the register wanders: the standard deviation, over the measures where something sounds, of each
    /// measure's duration-weighted mean pitch (<paramref name="pitchTime"/> / <paramref name="time"/>); null with
    /// fewer than two such measures.
    /// </summary>
    private static double? RegisterDrift(double[] pitchTime, double[] time, int measureCount)
    {
        double sum = 0, squares = 0;
        int measuresSounding = 0;
        for (int b = 0; b < measureCount; b++)
        {
            if (time[b] <= 0) continue;
            double mean = pitchTime[b] / time[b];
            sum += mean;
            squares += mean * mean;
            measuresSounding++;
        }
        if (measuresSounding < 2) return null;
        double overall = sum / measuresSounding;
        return Math.Sqrt(Math.Max(0, squares / measuresSounding - overall * overall));
    }
}

/// <summary>The chord types the features count (the order of the <c>chord.*</c> features).</summary>
internal static class ChordTypes
{
    public const int Major = 0, Minor = 1, Diminished = 2, Augmented = 3, DominantSeventh = 4, OtherSeventh = 5, Dyad = 6, Other = 7;
}
