using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Analysis;

public class KeyEstimatorTests
{
    /// <summary>One part of quarter notes with the given MIDI pitches (sharps), no key declared.</summary>
    private static SliceGrid Melody(params int[] midi)
    {
        var notes = midi.Select((m, i) => new Note(Pitch.FromMidi(m), new Rational(i, 1), 1, i / 4 + 1)).ToList();
        var measures = Enumerable.Range(0, (midi.Length + 3) / 4).Select(m => new Measure(m + 1, new Rational(4L * m, 1), 4));
        var score = new Score([new Part("Melody", notes)], [new Timed<Meter>(Rational.Zero, Meter.CommonTime)],
            [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))], null, measures, null, new ScoreMetadata());
        return SliceGrid.FromScore(score);
    }

    [Fact]
    public void OnTonic_AMinorTriadsOnA_IsAMinor()
    {
        var grid = Melody(57, 60, 64, 57, 62, 65, 64, 56, 57, 60, 64, 69);
        Assert.Equal(new Key(Step.A, 0, Mode.Minor), KeyEstimator.OnTonic(grid, 9));
    }

    [Fact]
    public void OnTonic_CMajorScaleOnC_IsCMajor()
    {
        var grid = Melody(60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60);
        Assert.Equal(new Key(Step.C, 0, Mode.Major), KeyEstimator.OnTonic(grid, 0));
    }

    [Fact]
    public void OnTonic_TonicOutsideZeroToEleven_IsReducedModulo12()
    {
        var grid = Melody(60, 62, 64, 65, 67, 69, 71, 72);
        Assert.Equal(KeyEstimator.OnTonic(grid, 0), KeyEstimator.OnTonic(grid, 12));
    }

    [Fact]
    public void Global_CMajorScale_IsCMajor()
    {
        var grid = Melody(60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60, 67, 60);
        Assert.Equal(new Key(Step.C, 0, Mode.Major), KeyEstimator.Global(grid));
    }

    [Fact]
    public void PerSlice_Property_EqualsAStraightforwardScalarEstimator_OnRandomGrids()
    {
        // The vectorised estimator must give exactly what the plain one gives: same windows, same correlations bit for
        // bit, same Viterbi choices (ties included), on grids with rests, triplet durations and any number of measures.
        Prop.ForAll<int>(seed =>
        {
            var random = new Random(seed);
            var grid = RandomGrid(random);
            Key? declared = random.Next(3) == 0 ? null : Key.FromFifths(random.Next(-6, 7), random.Next(2) == 0 ? Mode.Major : Mode.Minor);
            int fifths = random.Next(-9, 10);
            return KeyEstimator.PerSlice(grid, declared, fifths).AsSpan().SequenceEqual(ReferencePerSlice(grid, declared, fifths));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Four voices over 1–24 measures of 1–6 slices, random pitches (some silent, some repeated), random durations.</summary>
    private static SliceGrid RandomGrid(Random random)
    {
        int measures = random.Next(1, 25), voices = 4;
        var durations = new List<Rational>();
        var measureOf = new List<int>();
        for (int m = 0; m < measures; m++)
            for (int k = random.Next(1, 7); k > 0; k--)
            {
                durations.Add(random.Next(5) switch { 0 => new Rational(1, 2), 1 => new Rational(1, 3), 2 => new Rational(3, 2), 3 => 2, _ => 1 });
                measureOf.Add(m + 1);
            }
        int slices = durations.Count;
        var midi = new int[slices * voices];
        var onsets = new Rational[slices];
        for (int s = 0; s < slices; s++)
        {
            if (s > 0) onsets[s] = onsets[s - 1] + durations[s - 1];
            for (int v = 0; v < voices; v++)
                midi[s * voices + v] = random.Next(10) == 0 ? SliceGrid.Silent : random.Next(6) == 0 && s > 0 ? Math.Max(0, midi[(s - 1) * voices + v]) : random.Next(36, 84);
        }
        var diatonic = midi.Select(m => m < 0 ? 0 : Pitch.FromMidi(m).DiatonicIndex).ToArray();
        return new SliceGrid(["s", "a", "t", "b"], midi, diatonic, Enumerable.Repeat(true, midi.Length).ToArray(), new bool[midi.Length], onsets,
            durations.ToArray(), measureOf.ToArray(), Enumerable.Repeat(Rational.One, slices).ToArray());
    }

    /// <summary>The estimator written plainly, one key and one pitch class at a time (as it was before it was vectorised).</summary>
    private static Key[] ReferencePerSlice(SliceGrid grid, Key? declared, int signatureFifths)
    {
        double[] major = [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400];
        double[] minor = [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330];
        var profiles = new double[24, 12];
        for (int key = 0; key < 24; key++)
        {
            var profile = key < 12 ? major : minor;
            double mean = profile.Average(), norm = Math.Sqrt(profile.Sum(x => (x - mean) * (x - mean)));
            for (int pc = 0; pc < 12; pc++) profiles[key, pc] = (profile[(pc - key % 12 + 12) % 12] - mean) / norm;
        }
        int slices = grid.SliceCount, voices = grid.VoiceCount;
        var starts = new List<int>();
        for (int s = 0; s < slices; s++) if (s == 0 || grid.Measures[s] != grid.Measures[s - 1]) starts.Add(s);
        int segs = starts.Count;
        var hists = new double[segs, 12];
        for (int g = 0; g < segs; g++)
            for (int s = starts[g]; s < (g + 1 < segs ? starts[g + 1] : slices); s++)
                for (int v = 0; v < voices; v++)
                    if (grid.Midi[s * voices + v] >= 0) hists[g, grid.Midi[s * voices + v] % 12] += grid.Durations[s].ToDouble() * 1.0;
        int declaredIndex = declared is { } d ? d.TonicPitchClass + (d.Mode == Mode.Minor ? 12 : 0) : -1;
        var score = new double[segs, 24];
        for (int g = 0; g < segs; g++)
        {
            var window = new double[12];
            for (int k = 0; k < 12; k++)
            {
                window[k] += hists[g, k];
                if (g > 0) window[k] += 0.5 * hists[g - 1, k];
                if (g + 1 < segs) window[k] += 0.5 * hists[g + 1, k];
            }
            double mean = 0, dh = 0;
            for (int i = 0; i < 12; i++) mean += window[i];
            mean /= 12;
            for (int i = 0; i < 12; i++) dh += (window[i] - mean) * (window[i] - mean);
            for (int key = 0; key < 24; key++)
            {
                double c = 0;
                if (dh != 0)
                {
                    for (int pc = 0; pc < 12; pc++) c += window[pc] * profiles[key, pc];
                    c *= 1 / Math.Sqrt(dh);
                }
                score[g, key] = c;
            }
            if (declaredIndex >= 0) score[g, declaredIndex] += KeyEstimator.DeclaredBonus + (g == 0 || g == segs - 1 ? 0.3 : 0);
        }
        var total = new double[24];
        var back = new int[segs, 24];
        for (int key = 0; key < 24; key++) total[key] = score[0, key];
        for (int g = 1; g < segs; g++)
        {
            int bestPrev = 0;
            for (int key = 1; key < 24; key++) if (total[key] > total[bestPrev]) bestPrev = key;
            var next = new double[24];
            for (int key = 0; key < 24; key++)
            {
                double stay = total[key], move = total[bestPrev] - KeyEstimator.ChangePenalty;
                if (stay >= move) { next[key] = stay + score[g, key]; back[g, key] = key; }
                else { next[key] = move + score[g, key]; back[g, key] = bestPrev; }
            }
            total = next;
        }
        int state = 0;
        for (int key = 1; key < 24; key++) if (total[key] > total[state]) state = key;
        var path = new int[segs];
        for (int g = segs - 1; g >= 0; g--) { path[g] = state; state = back[g, state]; }
        int fifths = declared?.Fifths ?? signatureFifths;
        var result = new Key[slices];
        for (int g = 0; g < segs; g++)
        {
            var mode = path[g] < 12 ? Mode.Major : Mode.Minor;
            var spelled = Enumerable.Range(-7, 15).Select(f => Key.FromFifths(f, mode)).Where(k => k.TonicPitchClass == path[g] % 12)
                .OrderBy(k => Math.Abs(k.Fifths - fifths)).First();
            for (int s = starts[g]; s < (g + 1 < segs ? starts[g + 1] : slices); s++) result[s] = spelled;
        }
        return result;
    }
}
