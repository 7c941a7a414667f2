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
        // Segments: runs of slices in the same measure. Small pieces work on the stack (the GA estimates keys per candidate).
        var measures = grid.Measures;
        int segs = 0;
        for (int s = 0; s < slices; s++)
            if (s == 0 || measures[s] != measures[s - 1]) segs++;
        // This thread's scratch (no allocation, no zeroing): every entry read below is written first.
        var scratch = t_scratch ??= new Scratch();
        scratch.Ensure(segs);
        Span<int> starts = scratch.Starts.AsSpan(0, segs);
        for (int s = 0, g = 0; s < slices; s++)
            if (s == 0 || measures[s] != measures[s - 1]) starts[g++] = s;
        Span<double> hists = scratch.Hists.AsSpan(0, segs * 12);
        hists.Clear();
        for (int g = 0; g < segs; g++)
            Histogram(grid, starts[g], g + 1 < segs ? starts[g + 1] : slices, hists.Slice(g * 12, 12), 1.0);
        int declaredIndex = declared is { } d ? d.TonicPitchClass + (d.Mode == Mode.Minor ? 12 : 0) : -1;

        Span<double> score = scratch.Scores.AsSpan(0, segs * 24);
        Span<double> window = stackalloc double[12];
        for (int g = 0; g < segs; g++)
        {
            window.Clear();
            for (int k = 0; k < 12; k++)
            {
                window[k] += hists[g * 12 + k];
                if (g > 0) window[k] += 0.5 * hists[(g - 1) * 12 + k];
                if (g + 1 < segs) window[k] += 0.5 * hists[(g + 1) * 12 + k];
            }
            var row = score.Slice(g * 24, 24);
            Correlations(window, row);
            if (declaredIndex >= 0) row[declaredIndex] += DeclaredBonus + (g == 0 || g == segs - 1 ? 0.3 : 0);
        }
        // Viterbi.
        Span<double> total = stackalloc double[24];
        Span<double> next = stackalloc double[24];
        Span<byte> back = scratch.Back.AsSpan(0, segs * 24);
        for (int key = 0; key < 24; key++) total[key] = score[key];
        for (int g = 1; g < segs; g++)
        {
            int bestPrev = 0;
            for (int key = 1; key < 24; key++) if (total[key] > total[bestPrev]) bestPrev = key;
            for (int key = 0; key < 24; key++)
            {
                double stay = total[key], move = total[bestPrev] - ChangePenalty;
                if (stay >= move) { next[key] = stay + score[g * 24 + key]; back[g * 24 + key] = (byte)key; }
                else { next[key] = move + score[g * 24 + key]; back[g * 24 + key] = (byte)bestPrev; }
            }
            next.CopyTo(total);
        }
        int state = 0;
        for (int key = 1; key < 24; key++) if (total[key] > total[state]) state = key;
        Span<int> path = scratch.Path.AsSpan(0, segs);
        for (int g = segs - 1; g >= 0; g--)
        {
            path[g] = state;
            state = back[g * 24 + state];
        }
        int spelled = -1;
        Key local = default;
        for (int g = 0; g < segs; g++)
        {
            int end = g + 1 < segs ? starts[g + 1] : slices;
            if (path[g] != spelled) { spelled = path[g]; local = Spell(spelled, fifths); }
            for (int s = starts[g]; s < end; s++) result[s] = local;
        }
        return result;
    }

    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>The working arrays of <see cref="PerSlice"/>, one set per thread, grown as needed.</summary>
    private sealed class Scratch
    {
        public int[] Starts = [], Path = [];
        public double[] Hists = [], Scores = [];
        public byte[] Back = [];

        public void Ensure(int segments)
        {
            if (Starts.Length >= segments) return;
            int n = Math.Max(segments, 2 * Starts.Length);
            Starts = new int[n];
            Path = new int[n];
            Hists = new double[n * 12];
            Scores = new double[n * 24];
            Back = new byte[n * 24];
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
            for (int v = 0; v < voices; v++)
            {
                int m = midi[s * voices + v];
                if (m >= 0) hist[m % 12] += d;
            }
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

    /// <summary>Pearson correlations of the histogram with all 24 keys.</summary>
    private static void Correlations(ReadOnlySpan<double> hist, Span<double> result)
    {
        double mean = 0;
        for (int i = 0; i < 12; i++) mean += hist[i];
        mean /= 12;
        double dh = 0;
        for (int i = 0; i < 12; i++) dh += (hist[i] - mean) * (hist[i] - mean);
        if (dh == 0) { result.Clear(); return; }
        double scale = 1 / Math.Sqrt(dh);
        // Σ over pitch classes in order of hist[pc] × profile (the profile is centred, so the histogram need not be), for
        // every key: the same additions in the same order as one key at a time, so the same bits, several keys per instruction.
        result = result[..24];
        result.Clear();
        var profiles = ProfilesByPitchClass.AsSpan();
        for (int pc = 0; pc < 12; pc++)
        {
            double h = hist[pc];
            var row = profiles.Slice(pc * 24, 24);
            if (System.Numerics.Vector.IsHardwareAccelerated && System.Numerics.Vector<double>.Count is 2 or 4 or 8)
            {
                var hv = new System.Numerics.Vector<double>(h);
                int step = System.Numerics.Vector<double>.Count;
                for (int key = 0; key < 24; key += step)
                {
                    var acc = new System.Numerics.Vector<double>(result[key..]);
                    (acc + hv * new System.Numerics.Vector<double>(row[key..])).CopyTo(result[key..]);
                }
            }
            else
            {
                for (int key = 0; key < 24; key++) result[key] += h * row[key];
            }
        }
        for (int key = 0; key < 24; key++) result[key] *= scale;
    }

    /// <summary>The spelled key for an index (0–11 major tonic pitch class, 12–23 minor), nearest the given signature.</summary>
    internal static Key Spell(int index, int signatureFifths)
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
