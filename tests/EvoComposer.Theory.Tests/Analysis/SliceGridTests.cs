using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;
using static EvoComposer.Theory.Tests.ScoreBuilder;

namespace EvoComposer.Theory.Tests.Analysis;

public class SliceGridTests
{
    [Fact]
    public void FromScore_SlicesAtEveryOnset_WithHeldAndAttackedCells()
    {
        var score = Satb("C5:2 D5:2", "E4 F4 G4 A4", "G3:4", "C3:0.5 D3:0.5 E3:3");
        var g = SliceGrid.FromScore(score);
        Assert.Equal(["soprano", "alto", "tenor", "bass"], g.VoiceNames.ToArray());
        Assert.Equal([0, 0.5, 1, 2, 3], g.Onsets.ToArray().Select(o => o.ToDouble()));
        Assert.True(g.IsAttacked(0, 2));
        Assert.False(g.IsAttacked(1, 2)); // the tenor holds its whole note
        Assert.False(g.IsAttacked(1, 0)); // the soprano holds through the bass's eighth
        Assert.True(g.IsAttacked(3, 0));
        Assert.Equal(Pitch.Parse("D3"), g.PitchAt(1, 3));
        Assert.Equal(2, g.Metric[0]);
        Assert.Equal(0, g.Metric[1]);
        Assert.Equal(new Rational(3, 2), g.Beats[1]);
        Assert.Equal(score.NoteCount, g.NoteCount);
    }

    [Fact]
    public void FromScore_PickupBeatsCountFromTheEndOfTheMeasure()
    {
        var parts = new[] { new Part("S", [new Note(Pitch.Parse("G4"), 0, 1, 0), new Note(Pitch.Parse("A4"), 1, 3, 1)]) };
        var score = new Score(parts, [new Timed<Meter>(0, new Meter(3, 4))], [new Timed<KeySignature>(0, new KeySignature(1))], null,
            [new Measure(0, 0, 1), new Measure(1, 1, 3)]);
        var g = SliceGrid.FromScore(score);
        Assert.Equal(0, g.Measures[0]);
        Assert.Equal(new Rational(3, 1), g.Beats[0]);
        Assert.Equal(1, g.Measures[1]);
        Assert.Equal(Rational.One, g.Beats[1]);
    }

    [Fact]
    public void FromScore_Property_EveryCellHoldsTheNoteSoundingAtTheSliceOnset()
    {
        // Random four-voice textures of quarters, halves and eighths with rests.
        var token = Gen.Elements("C4", "D4", "E4:0.5", "F4:2", "G3", "A3:1.5", "B3:0.5", "r", "r:0.5");
        var voice = Gen.ArrayOf(token).Select(ts => ts.Length == 0 ? "C4" : string.Join(' ', ts.Take(12)));
        var texture = Gen.Zip(Gen.Zip(voice, voice), Gen.Zip(voice, voice)).ToArbitrary();
        Prop.ForAll(texture, t =>
        {
            var score = Satb(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2);
            if (score.NoteCount == 0) return true;
            var g = SliceGrid.FromScore(score);
            for (int s = 0; s < g.SliceCount; s++)
                for (int v = 0; v < 4; v++)
                {
                    var onset = g.Onsets[s];
                    var sounding = score.Parts[v].Notes.Where(n => n.Onset <= onset && n.End > onset).ToList();
                    if (sounding.Count == 0) { if (g.IsSounding(s, v)) return false; continue; }
                    if (!g.IsSounding(s, v) || g.PitchAt(s, v) != sounding[0].Pitch) return false;
                    if (g.IsAttacked(s, v) != (sounding[0].Onset == onset)) return false;
                }
            return g.NoteCount == score.NoteCount;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Constructor_FromTheColumnsOfAScoresGrid_GivesTheSameViolations()
    {
        // What the GA does: build the grid from arrays, without a Score.
        var score = EvoComposer.Theory.Formats.ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor003.krn"));
        var g = SliceGrid.FromScore(score);
        int cells = g.SliceCount * g.VoiceCount;
        var pitches = new Pitch[cells];
        var sounding = new bool[cells];
        for (int s = 0; s < g.SliceCount; s++)
            for (int v = 0; v < g.VoiceCount; v++)
                if (g.IsSounding(s, v)) { pitches[g.Cell(s, v)] = g.PitchAt(s, v); sounding[g.Cell(s, v)] = true; }
        var copy = new SliceGrid(g.VoiceNames, pitches, sounding, g.Attacked.ToArray(), g.Fermata.ToArray(), g.Onsets.ToArray(),
            g.Durations.ToArray(), g.Measures.ToArray(), g.Beats.ToArray());
        var rules = EvoComposer.Theory.Rules.RuleSet.Preset("strict");
        string Report(SliceGrid grid) => string.Join("\n", EvoComposer.Theory.Rules.RuleChecker
            .Check(new EvoComposer.Theory.Rules.RuleContext(grid, null, true, score.Key, score.KeySignature.Fifths), rules)
            .Violations.Select(x => x.RuleId + " " + x.Slice + " " + x.Message));
        Assert.Equal(Report(g), Report(copy));
        Assert.Equal(g.NoteCount, copy.NoteCount);
    }

    [Fact]
    public void Constructor_RejectsHeldCellWithAnotherPitchBefore()
    {
        var names = new[] { "a" };
        Assert.Throws<ArgumentException>(() => new SliceGrid(names, [Pitch.Parse("C4"), Pitch.Parse("D4")], [true, true], [true, false], [false, false],
            [Rational.Zero, Rational.One], [Rational.One, Rational.One], [1, 1], [Rational.One, new Rational(2, 1)]));
    }

    [Fact]
    public void Constructor_FromMidiAndDiatonicNumbers_EqualsTheGridOfSpelledPitches()
    {
        var score = EvoComposer.Theory.Formats.ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));
        var g = SliceGrid.FromScore(score);
        var fast = new SliceGrid(g.VoiceNames, g.Midi, g.Diatonic, g.Attacked, g.Fermata, g.Onsets, g.Durations, g.Measures, g.Beats);
        AssertSameColumns(g, fast);
        for (int s = 0; s < g.SliceCount; s++)
            for (int v = 0; v < g.VoiceCount; v++)
                if (g.IsSounding(s, v)) Assert.Equal(g.PitchAt(s, v), fast.PitchAt(s, v));
        Assert.Equal(-1, fast.NoteIndexAt(0, 0));
    }

    [Fact]
    public void Constructor_FromNumbers_HeldCellWithAnotherPitch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SliceGrid(["a"], [60, 62], [35, 36], [true, false], [false, false],
            [Rational.Zero, Rational.One], [Rational.One, Rational.One], [1, 1], [Rational.One, new Rational(2, 1)]));
    }

    [Fact]
    public void Create_WriterFillsTheColumns_EqualsTheConstructorFromNumbers()
    {
        var score = EvoComposer.Theory.Formats.ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));
        var g = SliceGrid.FromScore(score);
        var made = SliceGrid.Create(g.VoiceNames, g.SliceCount, g, static (source, columns) =>
        {
            source.Midi.CopyTo(columns.Midi);
            source.Diatonic.CopyTo(columns.Diatonic);
            source.Attacked.CopyTo(columns.Attacked);
            source.Fermata.CopyTo(columns.Fermatas);
            source.Onsets.CopyTo(columns.Onsets);
            source.Durations.CopyTo(columns.Durations);
            source.Measures.CopyTo(columns.Measures);
            source.Beats.CopyTo(columns.Beats);
        });
        var fromNumbers = new SliceGrid(g.VoiceNames, g.Midi, g.Diatonic, g.Attacked, g.Fermata, g.Onsets, g.Durations, g.Measures, g.Beats);
        AssertSameColumns(fromNumbers, made);
    }

    /// <summary>The two grids have the same slices and notes, column by column.</summary>
    private static void AssertSameColumns(SliceGrid expected, SliceGrid actual)
    {
        Assert.Equal(expected.SliceCount, actual.SliceCount);
        Assert.Equal(expected.NoteCount, actual.NoteCount);
        Assert.True(expected.Midi.SequenceEqual(actual.Midi));
        Assert.True(expected.Diatonic.SequenceEqual(actual.Diatonic));
        Assert.True(expected.Attacked.SequenceEqual(actual.Attacked));
        Assert.True(expected.Fermata.SequenceEqual(actual.Fermata));
        Assert.True(expected.Onsets.SequenceEqual(actual.Onsets));
        Assert.True(expected.Durations.SequenceEqual(actual.Durations));
        Assert.True(expected.Measures.SequenceEqual(actual.Measures));
        Assert.True(expected.Beats.SequenceEqual(actual.Beats));
        Assert.True(expected.Metric.SequenceEqual(actual.Metric));
    }

    [Fact]
    public void Create_SilentCellWrittenAsAttackedFermata_IsClearedAndFirstSliceIsAnAttack()
    {
        var grid = SliceGrid.Create(["a", "b"], 2, 0, static (_, c) =>
        {
            c.Midi[0] = 60; c.Diatonic[0] = 35; c.Attacked[0] = false;
            c.Midi[1] = -7; c.Diatonic[1] = 30; c.Attacked[1] = true; c.Fermatas[1] = true;
            c.Midi[2] = 60; c.Diatonic[2] = 35; c.Attacked[2] = false;
            c.Midi[3] = 48; c.Diatonic[3] = 28; c.Attacked[3] = true;
            c.Onsets[1] = Rational.One;
            c.Durations[0] = c.Durations[1] = Rational.One;
            c.Measures[0] = c.Measures[1] = 1;
            c.Beats[0] = Rational.One; c.Beats[1] = new Rational(2, 1);
        });
        Assert.Equal([60, SliceGrid.Silent, 60, 48], grid.Midi.ToArray());
        Assert.Equal([true, false, false, true], grid.Attacked.ToArray());
        Assert.False(grid.Fermata[1]);
        Assert.Equal(2, grid.NoteCount);
        Assert.Equal([2, 1], grid.Metric.ToArray().Select(m => (int)m));
    }

    [Fact]
    public void Create_HeldCellWithAnotherPitch_Throws()
    {
        Assert.Throws<ArgumentException>(() => SliceGrid.Create(["a"], 2, 0, static (_, c) =>
        {
            c.Midi[0] = 60; c.Midi[1] = 62; c.Attacked[0] = true;
            c.Onsets[1] = Rational.One;
            c.Durations[0] = c.Durations[1] = Rational.One;
            c.Beats[0] = c.Beats[1] = Rational.One;
        }));
    }
}
