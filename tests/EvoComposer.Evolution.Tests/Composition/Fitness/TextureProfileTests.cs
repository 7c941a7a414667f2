using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Corpora;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

public class TextureProfileTests
{
    [Fact]
    public void BachMeansAndDeviations_AreThoseOfThe370Chorales()
    {
        var set = CorpusManifest.Load().Get("bach-chorales");
        var profiles = CorpusLoader.Load(set, TestCorpus.Root).Pieces.Where(p => p.Score.Parts.Length == 4).Select(p => TextureProfile.Of(p.Score)).ToList();
        Assert.Equal(370, profiles.Count);
        for (int i = 0; i < TextureProfile.Names.Count; i++)
        {
            double mean = profiles.Average(p => p.Values[i]);
            double sd = Math.Sqrt(profiles.Average(p => (p.Values[i] - mean) * (p.Values[i] - mean)));
            Assert.True(Math.Abs(mean - TextureProfile.BachMeans[i]) < 0.0006, $"{TextureProfile.Names[i]}: mean {mean:0.0000} vs {TextureProfile.BachMeans[i]}");
            Assert.True(Math.Abs(sd - TextureProfile.BachDeviations[i]) < 0.0006, $"{TextureProfile.Names[i]}: sd {sd:0.0000} vs {TextureProfile.BachDeviations[i]}");
        }
    }

    [Fact]
    public void Of_AGenomeAndItsScore_GiveTheSameProfile()
    {
        var plan = PhrasePlan.Default(new Key(Step.E, -1, Mode.Major), Meter.CommonTime, 2);
        var factory = new RandomChoraleFactory(plan);
        for (int i = 0; i < 5; i++)
        {
            var genome = factory.Create(RandomStream.For(7, 0, i, RandomPurpose.Initialization));
            Assert.Equal(TextureProfile.Of(genome.ToSliceGrid(), plan.BeatLength).Values, TextureProfile.Of(genome.ToScore()).Values);
        }
    }

    [Fact]
    public void Of_AHandMadeChorale_CountsStepsLeapsEighthsAndInversions()
    {
        var plan = ChoraleTestData.Plan(4);
        // I – V6 (bass steps down a half step, alto passes on the off-beat) – I – IV: the bass moves B2→C3 by step, C3→F2 by a fifth.
        var g = ChoraleTestData.Genome(plan, "E5 G4~A4 C4 C3", "D5 B4 G4 B2", "C5 C5 E4 C3", "C5 A4 F4 F2");
        var p = TextureProfile.Of(g.ToSliceGrid(), plan.BeatLength);
        Assert.Equal(0.25, p["eighth-beats"], 6);
        Assert.Equal(1.0, p["bass-density"], 6);
        Assert.Equal(2.0 / 3, p["bass-step"], 6);
        Assert.Equal(1.0 / 3, p["bass-leap"], 6);
        Assert.Equal(0.75, p["root-position"], 6);
        Assert.Equal(1.0 / 3, p["soprano-repeat"], 6);
        Assert.Equal(1.0, p["chord-changes"], 6);
        Assert.Throws<KeyNotFoundException>(() => p["no-such-statistic"]);
    }

    [Fact]
    public void Distance_IsZeroAtBachsMeans_AndGrowsByOneForEachSpreadAway()
    {
        var means = TextureProfile.BachMeans.ToArray();
        Assert.Equal(0, TextureProfile.Distance(means), 9);
        means[0] += TextureProfile.BachDeviations[0] * 2;
        Assert.Equal(2, TextureProfile.Distance(means), 9);
    }

    [Fact]
    public void NamesDescriptionsMeansAndDeviations_HaveOneEntryPerStatistic()
    {
        int n = TextureProfile.Names.Count;
        Assert.Equal(n, TextureProfile.Descriptions.Count);
        Assert.Equal(n, TextureProfile.BachMeans.Count);
        Assert.Equal(n, TextureProfile.BachDeviations.Count);
        Assert.All(TextureProfile.BachDeviations, d => Assert.True(d > 0));
        Assert.Equal(n, TextureProfile.Names.Distinct().Count());
    }

    [Fact]
    public void Of_RandomGridsOfFourAndFiveVoices_CountsAsAPlainLoopPerVoiceAndChord()
    {
        // The profile counts the voices in vector lanes and the chords without branches: a plain loop is the reference.
        var plan = PhrasePlan.Default(new Key(Step.A, 0, Mode.Minor), Meter.CommonTime, 4);
        var factory = new RandomChoraleFactory(plan);
        for (int i = 0; i < 20; i++)
        {
            var grid = factory.Create(RandomStream.For(11, 0, i, RandomPurpose.Initialization)).ToSliceGrid();
            foreach (var g in new[] { grid, WithVoiceAboveTheBass(grid) })
                Assert.Equal(PlainProfile(g, plan.BeatLength), TextureProfile.Of(g, plan.BeatLength).Values);
        }
    }

    /// <summary>A fifth voice, a fourth below the tenor and silent on every third slice, between the tenor and the bass.</summary>
    private static SliceGrid WithVoiceAboveTheBass(SliceGrid grid)
    {
        int n = grid.SliceCount, v = grid.VoiceCount;
        var midi = new int[n * 5];
        var diatonic = new int[n * 5];
        var attacked = new bool[n * 5];
        var fermatas = new bool[n * 5];
        for (int s = 0; s < n; s++)
            for (int k = 0; k < 5; k++)
            {
                int from = s * v + (k < 3 ? k : k == 3 ? 2 : 3);
                bool silent = k == 3 && s % 3 == 2;
                midi[s * 5 + k] = silent ? SliceGrid.Silent : grid.Midi[from] - (k == 3 ? 5 : 0);
                diatonic[s * 5 + k] = grid.Diatonic[from] - (k == 3 ? 3 : 0);
                attacked[s * 5 + k] = !silent && (grid.Attacked[from] || (k == 3 && s % 3 == 0));
                fermatas[s * 5 + k] = grid.Fermata[from];
            }
        return new SliceGrid(["s", "a", "t", "x", "b"], midi, diatonic, attacked, fermatas, grid.Onsets, grid.Durations, grid.Measures, grid.Beats);
    }

    /// <summary>The statistics, counted one voice and one chord at a time with plain branches.</summary>
    private static double[] PlainProfile(SliceGrid grid, Rational beatLength)
    {
        int voices = grid.VoiceCount;
        double quarters = 0;
        for (int s = 0; s < grid.SliceCount; s++) quarters += grid.Durations[s].ToDouble();
        double beats = Math.Max(1, quarters / beatLength.ToDouble());
        int offBeats = 0;
        long lastKey = long.MinValue;
        for (int s = 0; s < grid.SliceCount; s++)
        {
            if (grid.Beats[s].Denominator == 1) continue;
            if (!Enumerable.Range(0, voices).Any(v => grid.IsAttacked(s, v) && grid.IsSounding(s, v))) continue;
            long key = grid.Measures[s] * 1024L + grid.Beats[s].Floor();
            if (key != lastKey) { offBeats++; lastKey = key; }
        }
        (int Attacks, int Moves, int Steps, int Leaps, int Repeats, int Octaves, int Turns, int Directed) Voice(int v)
        {
            int attacks = 0, moves = 0, steps = 0, leaps = 0, repeats = 0, octaves = 0, turns = 0, directed = 0, prev = -1, lastDir = 0;
            for (int s = 0; s < grid.SliceCount; s++)
            {
                int m = grid.MidiAt(s, v);
                if (!grid.IsAttacked(s, v) || m < 0) continue;
                attacks++;
                if (prev >= 0)
                {
                    int d = m - prev, a = Math.Abs(d);
                    moves++;
                    if (a == 0) repeats++;
                    if (a is 1 or 2) steps++;
                    if (a >= 5) leaps++;
                    if (a == 12) octaves++;
                    if (d != 0 && lastDir != 0) { directed++; if (Math.Sign(d) != lastDir) turns++; }
                    if (d != 0) lastDir = Math.Sign(d);
                }
                prev = m;
            }
            return (attacks, moves, steps, leaps, repeats, octaves, turns, directed);
        }
        static double Share(int x, int n) => n == 0 ? 0 : (double)x / n;
        var (soprano, alto, tenor, bass) = (Voice(0), Voice(1), Voice(2), Voice(voices - 1));
        int successions = 0, changes = 0, known = 0, root = 0, sevenths = 0, rootChanges = 0, fifths = 0, returns = 0;
        Chord? previous = null, beforePrevious = null;
        var members = new ChordMember[voices];
        bool Same(Chord a, Chord? b) => b is { } c && a.RootPitchClass == c.RootPitchClass && a.Triad == c.Triad;
        for (int s = 0; s < grid.SliceCount; s++)
        {
            if (grid.Beats[s].Denominator != 1) continue;
            var chord = ChordIdentifier.Identify(grid, s, members);
            if (!chord.IsKnown) { previous = beforePrevious = null; continue; }
            known++;
            if (chord.Inversion == 0) root++;
            if (chord.Seventh != SeventhQuality.None) sevenths++;
            if (previous is { } p && !Same(chord, p))
            {
                changes++;
                if (Same(chord, beforePrevious)) returns++;
                if (chord.RootPitchClass != p.RootPitchClass)
                {
                    rootChanges++;
                    if ((chord.RootPitchClass - p.RootPitchClass + 12) % 12 is 5 or 7) fifths++;
                }
                beforePrevious = p;
            }
            if (previous is not null) successions++;
            previous = chord;
        }
        return
        [
            Math.Min(1, offBeats / beats), (alto.Attacks + tenor.Attacks) / (2 * beats), bass.Attacks / beats,
            Share(soprano.Steps, soprano.Moves), Share(soprano.Leaps, soprano.Moves), Share(soprano.Repeats, soprano.Moves), Share(soprano.Turns, soprano.Directed),
            Share(bass.Steps, bass.Moves), Share(bass.Leaps, bass.Moves), Share(bass.Octaves, bass.Moves), Share(bass.Turns, bass.Directed),
            Share(alto.Leaps + tenor.Leaps, alto.Moves + tenor.Moves),
            Share(changes, successions), Share(root, known), Share(sevenths, known), Share(fifths, rootChanges), Share(returns, changes),
        ];
    }
}
