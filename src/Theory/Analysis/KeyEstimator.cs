using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>
/// Estimates the local key of every slice, allowing modulation. Pitch classes are weighted by duration in
/// each measure; each measure's window (the measure with half weight on its neighbours) is correlated with
/// Temperley's (2007) major and minor key profiles for all 24 keys; then a Viterbi pass picks the sequence of
/// keys that maximises the summed correlations minus a penalty for each change of key, with a bonus for the
/// declared key (and a larger one at the first and last measure), so short chromatic passages do not count as
/// modulations. Tonics are spelled as near as possible to the score's key signature. Deterministic.
/// </summary>
public static class KeyEstimator
{
    // Temperley (2007), Music and Probability, key profiles from the Kostka–Payne corpus.
    private static readonly double[] MajorProfile = [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400];
    private static readonly double[] MinorProfile = [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330];

    /// <summary>Penalty for a change of key between measures (in units of correlation).</summary>
    public const double ChangePenalty = 0.1;
    /// <summary>Bonus for the declared key in every measure.</summary>
    public const double DeclaredBonus = 0.05;

    /// <summary>The best key for the whole grid (no modulation), with the declared key as a prior.</summary>
    public static Key Global(SliceGrid grid, Key? declared = null, int signatureFifths = 0)
    {
        Span<double> hist = stackalloc double[12];
        Histogram(grid, 0, grid.SliceCount, hist, 1.0);
        int best = BestKey(hist, declared, out _);
        return Spell(best, declared?.Fifths ?? signatureFifths);
    }

    /// <summary>
    /// The better-fitting mode on a tonic that is already known (e.g. a chorale's last bass note, for sources whose
    /// declared mode cannot be trusted): the whole grid's histogram correlated with the major and the minor profile
    /// on that tonic. <paramref name="signatureFifths"/> guides the spelling.
    /// </summary>
    public static Key OnTonic(SliceGrid grid, int tonicPitchClass, int signatureFifths = 0)
    {
        int tonic = ((tonicPitchClass % 12) + 12) % 12;
        Span<double> hist = stackalloc double[12];
        Histogram(grid, 0, grid.SliceCount, hist, 1.0);
        Span<double> correlations = stackalloc double[24];
        Correlations(hist, correlations);
        return Spell(correlations[tonic + 12] > correlations[tonic] ? tonic + 12 : tonic, signatureFifths);
    }

    /// <summary>The key of every slice. <paramref name="signatureFifths"/> guides the spelling of tonics.</summary>
    public static Key[] PerSlice(SliceGrid grid, Key? declared = null, int signatureFifths = 0)
    {
        int slices = grid.SliceCount;
        var result = new Key[slices];
        if (slices == 0) return result;
        int fifths = declared?.Fifths ?? signatureFifths;
        // Segments: runs of slices in the same measure.
        var measures = grid.Measures;
        int segs = 0;
        for (int s = 0; s < slices; s++)
            if (s == 0 || measures[s] != measures[s - 1]) segs++;
        // This thread's scratch (no allocation): every entry read below is written first, within this call.
        var scratch = t_scratch ??= new Scratch();
        scratch.Ensure(segs);
        Span<int> starts = scratch.Starts.AsSpan(0, segs + 1);
        for (int s = 0, g = 0; s < slices; s++)
            if (s == 0 || measures[s] != measures[s - 1]) starts[g++] = s;
        starts[segs] = slices;
        Span<double> hists = scratch.Hists.AsSpan(0, segs * 12);
        hists.Clear();
        for (int g = 0; g < segs; g++)
            Histogram(grid, starts[g], starts[g + 1], hists.Slice(g * 12, 12), 1.0);
        int declaredIndex = declared is { } d ? d.TonicPitchClass + (d.Mode == Mode.Minor ? 12 : 0) : -1;

        // Each measure's window (half weight on its neighbours), correlated with the 24 keys: a row of 24 scores. In three
        // passes (windows, their scales, their correlations) whose iterations are independent, so they overlap in the CPU.
        Span<double> windows = scratch.Windows.AsSpan(0, segs * 12);
        ref double h = ref MemoryMarshal.GetReference(hists);
        ref double w = ref MemoryMarshal.GetReference(windows);
        var half = Vector256.Create(0.5);
        for (int g = 0; g < segs; g++)
        {
            // window = 0 + hist[g] (+ 0.5 × hist[g − 1]) (+ 0.5 × hist[g + 1]), lane by lane as the scalar sums.
            nuint at = (nuint)(g * 12);
            var w0 = Vector256<double>.Zero + Vector256.LoadUnsafe(ref h, at);
            var w1 = Vector256<double>.Zero + Vector256.LoadUnsafe(ref h, at + 4);
            var w2 = Vector256<double>.Zero + Vector256.LoadUnsafe(ref h, at + 8);
            if (g > 0)
            {
                w0 += half * Vector256.LoadUnsafe(ref h, at - 12);
                w1 += half * Vector256.LoadUnsafe(ref h, at - 8);
                w2 += half * Vector256.LoadUnsafe(ref h, at - 4);
            }
            if (g + 1 < segs)
            {
                w0 += half * Vector256.LoadUnsafe(ref h, at + 12);
                w1 += half * Vector256.LoadUnsafe(ref h, at + 16);
                w2 += half * Vector256.LoadUnsafe(ref h, at + 20);
            }
            w0.StoreUnsafe(ref w, at);
            w1.StoreUnsafe(ref w, at + 4);
            w2.StoreUnsafe(ref w, at + 8);
        }
        Span<double> scales = scratch.Scales.AsSpan(0, segs);
        for (int g = 0; g < segs; g++) scales[g] = Scale(windows.Slice(g * 12, 12));
        Span<double> score = scratch.Scores.AsSpan(0, segs * 24);
        for (int g = 0; g < segs; g++)
        {
            var row = score.Slice(g * 24, 24);
            Correlate(windows.Slice(g * 12, 12), scales[g], row);
            if (declaredIndex >= 0) row[declaredIndex] += DeclaredBonus + (g == 0 || g == segs - 1 ? 0.3 : 0);
        }

        // Viterbi over the 24 keys, six vectors of four. For each measure after the first, the best previous key
        // (first of the maxima) and, per key, whether staying beat moving there (a bit mask): the back pointers.
        ref double sc = ref MemoryMarshal.GetReference(score);
        var t0 = Vector256.LoadUnsafe(ref sc, 0);
        var t1 = Vector256.LoadUnsafe(ref sc, 4);
        var t2 = Vector256.LoadUnsafe(ref sc, 8);
        var t3 = Vector256.LoadUnsafe(ref sc, 12);
        var t4 = Vector256.LoadUnsafe(ref sc, 16);
        var t5 = Vector256.LoadUnsafe(ref sc, 20);
        Span<uint> stays = scratch.Stays.AsSpan(0, segs);
        Span<byte> bestPrevious = scratch.BestPrevious.AsSpan(0, segs);
        for (int g = 1; g < segs; g++)
        {
            int bestPrev = FirstMaximum(t0, t1, t2, t3, t4, t5, out double best);
            var move = Vector256.Create(best - ChangePenalty);
            nuint at = (nuint)(g * 24);
            var m0 = Vector256.GreaterThanOrEqual(t0, move);
            var m1 = Vector256.GreaterThanOrEqual(t1, move);
            var m2 = Vector256.GreaterThanOrEqual(t2, move);
            var m3 = Vector256.GreaterThanOrEqual(t3, move);
            var m4 = Vector256.GreaterThanOrEqual(t4, move);
            var m5 = Vector256.GreaterThanOrEqual(t5, move);
            t0 = Vector256.ConditionalSelect(m0, t0, move) + Vector256.LoadUnsafe(ref sc, at);
            t1 = Vector256.ConditionalSelect(m1, t1, move) + Vector256.LoadUnsafe(ref sc, at + 4);
            t2 = Vector256.ConditionalSelect(m2, t2, move) + Vector256.LoadUnsafe(ref sc, at + 8);
            t3 = Vector256.ConditionalSelect(m3, t3, move) + Vector256.LoadUnsafe(ref sc, at + 12);
            t4 = Vector256.ConditionalSelect(m4, t4, move) + Vector256.LoadUnsafe(ref sc, at + 16);
            t5 = Vector256.ConditionalSelect(m5, t5, move) + Vector256.LoadUnsafe(ref sc, at + 20);
            stays[g] = m0.ExtractMostSignificantBits() | m1.ExtractMostSignificantBits() << 4 | m2.ExtractMostSignificantBits() << 8
                | m3.ExtractMostSignificantBits() << 12 | m4.ExtractMostSignificantBits() << 16 | m5.ExtractMostSignificantBits() << 20;
            bestPrevious[g] = (byte)bestPrev;
        }
        int state = FirstMaximum(t0, t1, t2, t3, t4, t5, out _);
        Span<int> path = scratch.Path.AsSpan(0, segs);
        for (int g = segs - 1; g >= 0; g--)
        {
            path[g] = state;
            if (g > 0 && (stays[g] >> state & 1) == 0) state = bestPrevious[g];
        }
        int spelled = -1;
        Key local = default;
        for (int g = 0; g < segs; g++)
        {
            if (path[g] != spelled) { spelled = path[g]; local = Spell(spelled, fifths); }
            result.AsSpan(starts[g], starts[g + 1] - starts[g]).Fill(local);
        }
        return result;
    }

    /// <summary>The index of the first of the greatest of 24 values (as a scan that keeps the first strictly greater), and that value.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int FirstMaximum(Vector256<double> t0, Vector256<double> t1, Vector256<double> t2, Vector256<double> t3,
        Vector256<double> t4, Vector256<double> t5, out double max)
    {
        var m = Vector256.Max(Vector256.Max(Vector256.Max(t0, t1), Vector256.Max(t2, t3)), Vector256.Max(t4, t5));
        var m2 = Vector128.Max(m.GetLower(), m.GetUpper());
        max = Math.Max(m2.GetElement(0), m2.GetElement(1)); // which zero, +0 or −0, does not matter: they compare equal below
        var all = Vector256.Create(max);
        uint bits = Vector256.Equals(t0, all).ExtractMostSignificantBits() | Vector256.Equals(t1, all).ExtractMostSignificantBits() << 4
            | Vector256.Equals(t2, all).ExtractMostSignificantBits() << 8 | Vector256.Equals(t3, all).ExtractMostSignificantBits() << 12
            | Vector256.Equals(t4, all).ExtractMostSignificantBits() << 16 | Vector256.Equals(t5, all).ExtractMostSignificantBits() << 20;
        return BitOperations.TrailingZeroCount(bits);
    }

    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>The working arrays of <see cref="PerSlice"/>, one set per thread, grown as needed; used only inside one call.</summary>
    private sealed class Scratch
    {
        public int[] Starts = [], Path = [];
        public double[] Hists = [], Windows = [], Scales = [], Scores = [];
        public uint[] Stays = [];
        public byte[] BestPrevious = [];

        public void Ensure(int segments)
        {
            if (Path.Length >= segments) return;
            int n = Math.Max(segments, 2 * Path.Length);
            Starts = new int[n + 1];
            Path = new int[n];
            Hists = new double[n * 12];
            Windows = new double[n * 12];
            Scales = new double[n];
            Scores = new double[n * 24];
            Stays = new uint[n];
            BestPrevious = new byte[n];
        }
    }

    private static void Histogram(SliceGrid grid, int from, int to, Span<double> hist, double weight)
    {
        var midi = grid.Midi;
        var durations = grid.Durations;
        int voices = grid.VoiceCount;
        for (int s = from; s < to; s++)
        {
            double d = durations[s].ToDouble() * weight;
            foreach (int m in midi.Slice(s * voices, voices))
                if (m >= 0) hist[m % 12] += d;
        }
    }

    private static int BestKey(ReadOnlySpan<double> hist, Key? declared, out double best)
    {
        int declaredIndex = declared is { } d ? d.TonicPitchClass + (d.Mode == Mode.Minor ? 12 : 0) : -1;
        int bestKey = 0;
        best = double.NegativeInfinity;
        Span<double> corr = stackalloc double[24];
        Correlations(hist, corr);
        for (int key = 0; key < 24; key++)
        {
            double c = corr[key] + (key == declaredIndex ? DeclaredBonus : 0);
            if (c > best) { best = c; bestKey = key; }
        }
        return bestKey;
    }

    // The 24 profiles rotated to their tonics and centred, divided by their norms: correlation is then one dot product.
    private static readonly double[] Profiles = BuildProfiles();

    private static double[] BuildProfiles()
    {
        var result = new double[24 * 12];
        for (int key = 0; key < 24; key++)
        {
            var profile = key < 12 ? MajorProfile : MinorProfile;
            double mean = profile.Average(), norm = Math.Sqrt(profile.Sum(x => (x - mean) * (x - mean)));
            for (int pc = 0; pc < 12; pc++) result[key * 12 + pc] = (profile[(pc - key % 12 + 12) % 12] - mean) / norm;
        }
        return result;
    }

    // The same numbers by pitch class: [pc * 24 + key], so one pass over the pitch classes serves all 24 keys at once.
    private static readonly double[] ProfilesByPitchClass = Transpose(Profiles);

    private static double[] Transpose(double[] byKey)
    {
        var result = new double[12 * 24];
        for (int key = 0; key < 24; key++)
            for (int pc = 0; pc < 12; pc++) result[pc * 24 + key] = byKey[key * 12 + pc];
        return result;
    }

    /// <summary>Pearson correlations of the 12-bin histogram with all 24 keys (24 entries written).</summary>
    private static void Correlations(ReadOnlySpan<double> hist, Span<double> result) => Correlate(hist, Scale(hist), result);

    /// <summary>1 / the norm of the centred histogram, or 0 when the histogram is flat (no correlation).</summary>
    private static double Scale(ReadOnlySpan<double> hist)
    {
        hist = hist[..12];
        double mean = 0;
        for (int i = 0; i < 12; i++) mean += hist[i];
        mean /= 12;
        double dh = 0;
        for (int i = 0; i < 12; i++) dh += (hist[i] - mean) * (hist[i] - mean);
        return dh == 0 ? 0 : 1 / Math.Sqrt(dh);
    }

    /// <summary>The correlations of a histogram whose <see cref="Scale"/> is known (all 0 when it is 0).</summary>
    private static void Correlate(ReadOnlySpan<double> hist, double scale, Span<double> result)
    {
        hist = hist[..12];
        result = result[..24];
        if (scale == 0) { result.Clear(); return; }
        // Σ over pitch classes in order of hist[pc] × profile (the profile is centred, so the histogram need not be), for
        // every key, then × scale: the same operations in the same order as one key at a time (a multiply, then an add: no
        // fused multiply-add), so the same bits, the 24 sums held in six vectors of four.
        ref double p = ref MemoryMarshal.GetArrayDataReference(ProfilesByPitchClass);
        Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        for (int pc = 0; pc < 12; pc++)
        {
            var hv = Vector256.Create(hist[pc]);
            nuint row = (nuint)(pc * 24);
            a0 += hv * Vector256.LoadUnsafe(ref p, row);
            a1 += hv * Vector256.LoadUnsafe(ref p, row + 4);
            a2 += hv * Vector256.LoadUnsafe(ref p, row + 8);
            a3 += hv * Vector256.LoadUnsafe(ref p, row + 12);
            a4 += hv * Vector256.LoadUnsafe(ref p, row + 16);
            a5 += hv * Vector256.LoadUnsafe(ref p, row + 20);
        }
        var sv = Vector256.Create(scale);
        ref double r = ref MemoryMarshal.GetReference(result);
        (a0 * sv).StoreUnsafe(ref r, 0);
        (a1 * sv).StoreUnsafe(ref r, 4);
        (a2 * sv).StoreUnsafe(ref r, 8);
        (a3 * sv).StoreUnsafe(ref r, 12);
        (a4 * sv).StoreUnsafe(ref r, 16);
        (a5 * sv).StoreUnsafe(ref r, 20);
    }

    /// <summary>The spelled key for an index (0–11 major tonic pitch class, 12–23 minor), nearest the given signature.</summary>
    internal static Key Spell(int index, int signatureFifths) =>
        (uint)(signatureFifths + SpelledRange) <= 2 * SpelledRange ? Spelled[(signatureFifths + SpelledRange) * 24 + index] : SpellNearest(index, signatureFifths);

    // Spell for every index and every signature within ±SpelledRange fifths, worked out once.
    private const int SpelledRange = 14;
    private static readonly Key[] Spelled = [.. Enumerable.Range(0, (2 * SpelledRange + 1) * 24).Select(i => SpellNearest(i % 24, i / 24 - SpelledRange))];

    private static Key SpellNearest(int index, int signatureFifths)
    {
        var mode = index < 12 ? Mode.Major : Mode.Minor;
        int pc = index % 12;
        Key best = default;
        int bestDistance = int.MaxValue;
        for (int f = -7; f <= 7; f++)
        {
            var k = Key.FromFifths(f, mode);
            if (k.TonicPitchClass != pc) continue;
            int dist = Math.Abs(f - signatureFifths);
            if (dist < bestDistance) { bestDistance = dist; best = k; }
        }
        return best;
    }
}
