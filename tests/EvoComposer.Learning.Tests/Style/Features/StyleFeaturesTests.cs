using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Style.Features;

public class StyleFeaturesTests
{
    private static FeatureVector Of(Score score) => StyleFeatures.Extract(CompactExcerpt.FromScore(score));

    [Fact]
    public void Schema_HasAtLeastThirtyDescribedFeatures()
    {
        var schema = StyleFeatures.Schema;
        Assert.True(schema.Count >= 30, $"only {schema.Count} features");
        Assert.All(schema.Features, f =>
        {
            Assert.Matches("^[a-z]+\\.[a-zA-Z0-9#+-]+$", f.Name);
            Assert.False(string.IsNullOrWhiteSpace(f.Description));
            Assert.False(string.IsNullOrWhiteSpace(f.Phrase));
        });
        Assert.Equal(schema.Count, schema.Names.Distinct().Count());
    }

    [Fact]
    public void MelodicSchema_LeavesOutMultiVoiceFeatures()
    {
        var melodic = StyleFeatures.MelodicSchema;
        Assert.True(melodic.Count >= 30);
        Assert.Contains("top.step", melodic.Names);
        Assert.DoesNotContain(melodic.Names, n => n.StartsWith("motion.", StringComparison.Ordinal) || n.StartsWith("chord.", StringComparison.Ordinal) || n.StartsWith("bass.", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_CMajorScale_IsAllStepsInCMajor()
    {
        var f = Of(SyntheticScores.Quarters([60, 62, 64, 65, 67, 69, 71, 72]));
        Assert.Equal(1.0, f["top.step"]);
        Assert.Equal(0.0, f["top.leap"]);
        Assert.Equal(5 / 7.0, f["int.M2"], 12);
        Assert.Equal(2 / 7.0, f["int.m2"], 12);
        Assert.Equal(0.25, f["pc.tonic"], 12);
        Assert.Equal(0.0, f["key.minor"]);
        Assert.Equal(12.0, f["top.range"]);
        Assert.Equal(1.0, f["rhythm.density"], 12);
        Assert.Equal(1.0, f["rhythm.mean-duration"], 12);
        Assert.Equal(0.0, f["rhythm.rests"], 12);
        Assert.Equal(7.0, f["top.run-length"], 12);
        Assert.Equal(0.0, f["top.contour-changes"], 12);
    }

    [Fact]
    public void Extract_RepeatedPhrase_CountsTheNotesThatStartARepeatedSpan()
    {
        // Seven notes played twice: of the 8 spans of six intervals, the first and the eighth match.
        Assert.Equal(0.25, Of(SyntheticScores.Quarters([60, 62, 64, 65, 67, 65, 64, 60, 62, 64, 65, 67, 65, 64]))["top.repetition"], 12);
        Assert.Equal(1.0, Of(SyntheticScores.Quarters([60, 61, 62, 63, 64, 65, 66, 67, 68, 69]))["top.repetition"], 12);
        Assert.Equal(0.0, Of(SyntheticScores.Quarters([60, 62, 64, 65, 67, 69, 71, 72]))["top.repetition"], 12);
    }

    [Fact]
    public void Extract_OneVoice_MultiVoiceFeaturesAreZeroAndTextureIsOne()
    {
        var f = Of(SyntheticScores.Quarters([60, 64, 67, 72]));
        Assert.Equal(1.0, f["texture.voices"], 12);
        foreach (var name in f.Schema.Names.Where(n => n.StartsWith("motion.", StringComparison.Ordinal) || n.StartsWith("chord.", StringComparison.Ordinal)
                                                  || n.StartsWith("bass.", StringComparison.Ordinal) || n.StartsWith("cadence.", StringComparison.Ordinal)))
            Assert.Equal(0.0, f[name]);
    }

    [Fact]
    public void Extract_ParallelFifths_AreParallelPerfect()
    {
        var f = Of(SyntheticScores.Quarters([67, 69, 71, 72], [60, 62, 64, 65]));
        Assert.Equal(1.0, f["motion.parallel"]);
        Assert.Equal(1.0, f["motion.parallel-perfect"]);
        Assert.Equal(0.0, f["motion.contrary"]);
        Assert.Equal(2.0, f["texture.voices"], 12);
    }

    [Fact]
    public void Extract_ParallelThirds_AreParallelButNotPerfect()
    {
        var f = Of(SyntheticScores.Quarters([64, 65, 67], [60, 62, 64]));
        Assert.Equal(1.0, f["motion.similar"] + f["motion.parallel"], 12);
        Assert.Equal(0.0, f["motion.parallel-perfect"]);
    }

    [Fact]
    public void Extract_ContraryAndObliqueMotion_AreCounted()
    {
        var contrary = Of(SyntheticScores.Quarters([72, 74, 76], [60, 58, 56]));
        Assert.Equal(1.0, contrary["motion.contrary"]);
        Assert.Equal(1.0, contrary["motion.outer-contrary"]);
        var oblique = Of(SyntheticScores.Quarters([72, 74, 76], [60, 60, 60]));
        Assert.Equal(1.0, oblique["motion.oblique"]);
    }

    [Fact]
    public void Extract_TriadsAndInversions_AreRead()
    {
        var root = Of(SyntheticScores.Quarters([67], [64], [60]));
        Assert.Equal(1.0, root["chord.major"], 12);
        Assert.Equal(1.0, root["inversion.root"], 12);
        var first = Of(SyntheticScores.Quarters([72], [67], [64]));
        Assert.Equal(1.0, first["inversion.first"], 12);
        var minor = Of(SyntheticScores.Quarters([72], [64], [57]));
        Assert.Equal(1.0, minor["chord.minor"], 12);
        var seventh = Of(SyntheticScores.Quarters([77], [74], [71], [55]));
        Assert.Equal(1.0, seventh["chord.dominant-seventh"], 12);
        Assert.Equal(1.0, seventh["harmony.dissonance"], 12);
        Assert.Equal(0.0, root["harmony.dissonance"], 12);
    }

    [Fact]
    public void Extract_PassingAndNeighbourTones_AreTold()
    {
        var passing = Of(SyntheticScores.Quarters([72, 74, 76], [67, 67, 67], [48, 48, 48]));
        Assert.Equal(1 / 9.0, passing["nct.passing"], 12);
        Assert.Equal(0.0, passing["nct.neighbour"]);
        var neighbour = Of(SyntheticScores.Quarters([76, 77, 76], [67, 67, 67], [48, 48, 48]));
        Assert.Equal(1 / 9.0, neighbour["nct.neighbour"], 12);
        Assert.Equal(0.0, neighbour["nct.passing"]);
    }

    [Fact]
    public void Extract_AuthenticCadenceAtFermata_IsCounted()
    {
        // I – IV – V – I in C major, the last chord under a fermata.
        var notes = new[] { (new[] { 72, 72, 71, 72 }, 0), (new[] { 67, 69, 67, 67 }, 1), (new[] { 64, 65, 62, 64 }, 2), (new[] { 48, 53, 43, 48 }, 3) };
        var parts = notes.Select(v => new Part($"v{v.Item2}", v.Item1.Select((m, i) =>
            new Note(Pitch.FromMidi(m), new Rational(2 * i, 1), new Rational(2, 1), 1, Fermata: i == 3))));
        var score = new Score(parts, [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))]);
        var f = Of(score);
        Assert.Equal(1.0, f["cadence.authentic"]);
        Assert.Equal(0.0, f["cadence.half"]);
        Assert.Equal(2.0, f["cadence.duration"], 12); // a half note in 4/4
        Assert.Equal(0.0, f["phrase.length"]);     // one phrase end: no distance
        Assert.Equal(2 / 3.0, f["harmony.root-fifth"], 12); // I–IV and V–I by fifth, IV–V by step
        Assert.Equal(1 / 3.0, f["harmony.root-step"], 12);
        Assert.Equal(0.5, f["harmony.tonic"], 12);
        Assert.Equal(0.25, f["harmony.dominant"], 12);
        // The soprano rises a step (7-1), the bass rises a fourth from the dominant after a falling seventh, IV prepares V.
        Assert.Equal(1.0, f["cadence.soprano-step"]);
        Assert.Equal(0.0, f["cadence.soprano-descent"]);
        Assert.Equal(1.0, f["cadence.bass-fifth"]);
        Assert.Equal(1.0, f["cadence.bass-dominant"]);
        Assert.Equal(0.0, f["cadence.bass-step-leap"]);
        Assert.Equal(1.0, f["cadence.local-dominant"]);
        Assert.Equal(1.0, f["cadence.prepared"]);
    }

    [Fact]
    public void Extract_ThreeTwoOneOverStepThenLeapBass_IsACadentialFormula()
    {
        // vi – V – I with the soprano falling 3-2-1 and the bass A-G-C (a step, then a fourth up); vi is no predominant.
        var notes = new[] { (new[] { 76, 74, 72 }, 0), (new[] { 72, 71, 67 }, 1), (new[] { 69, 67, 64 }, 2), (new[] { 45, 43, 48 }, 3) };
        var parts = notes.Select(v => new Part($"v{v.Item2}", v.Item1.Select((m, i) =>
            new Note(Pitch.FromMidi(m), new Rational(2 * i, 1), new Rational(2, 1), 1, Fermata: i == 2))));
        var score = new Score(parts, [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))]);
        var f = Of(score);
        Assert.Equal(1.0, f["cadence.soprano-step"]);
        Assert.Equal(1.0, f["cadence.soprano-descent"]);
        Assert.Equal(1.0, f["cadence.bass-fifth"]);
        Assert.Equal(1.0, f["cadence.bass-dominant"]);
        Assert.Equal(1.0, f["cadence.bass-step-leap"]);
        Assert.Equal(1.0, f["cadence.local-dominant"]);
        Assert.Equal(0.0, f["cadence.prepared"]);
    }

    [Fact]
    public void Extract_RandomScores_AreFiniteAndSharesWithinZeroAndOne()
    {
        string[] unbounded = ["top.range", "top.tessitura", "top.mean-interval", "bass.range", "bass.tessitura", "bass.mean-interval", "inner.range",
            "rhythm.density", "rhythm.mean-duration", "rhythm.entropy", "pc.entropy", "int.entropy", "texture.voices", "harmony.rhythm", "key.clarity",
            "top.max-leap", "bass.max-leap", "inner.mean-interval", "texture.spacing-upper", "texture.spacing-lower", "phrase.length", "cadence.duration", "key.drift", "top.run-length",
            "phrase.length-sd", "register.drift", "rhythm.activity-spread", "register.texture-drift", "phrase.range", "phrase.net-motion", "phrase.end-spread",
            "phrase.bass-end-spread"];
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (seed, voices) =>
        {
            var f = Of(SyntheticScores.Random(seed, voices, 4));
            foreach (var (name, value) in f.Pairs)
            {
                if (!double.IsFinite(value) || value < -1e-12 || (name == "key.drift" && value > 2 + 1e-12)) return false;
                if (!unbounded.Contains(name) && (value < 0 || value > 1 + 1e-12)) return false;
            }
            return true;
        }).Check(Config.QuickThrowOnFailure);
    }

    [Fact]
    public void Extract_Transposed_KeepsKeyRelativeMelodicAndMotionFeatures()
    {
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(-5, 6).ToArbitrary(), (seed, semitones) =>
        {
            var score = SyntheticScores.Random(seed, 3, 4);
            var interval = EvoComposer.Theory.Music.Interval.Parse(semitones switch
            {
                -5 => "-P4", -4 => "-M3", -3 => "-m3", -2 => "-M2", -1 => "-m2", 0 => "P1", 1 => "m2", 2 => "M2", 3 => "m3", 4 => "M3", 5 => "P4", _ => "A4",
            });
            var a = Of(score);
            var b = Of(score.Transpose(interval));
            return a.Schema.Names
                .Where(n => n.StartsWith("pc.", StringComparison.Ordinal) || n.StartsWith("int.", StringComparison.Ordinal) || n.StartsWith("motion.", StringComparison.Ordinal)
                            || n.StartsWith("rhythm.", StringComparison.Ordinal) || n is "top.step" or "top.leap" or "top.range" or "key.minor")
                .All(n => Math.Abs(a[n] - b[n]) < 1e-9);
        }).Check(Config.QuickThrowOnFailure);
    }

    [Fact]
    public void Extract_SpacingAndCrossing_AreMeasured()
    {
        var wide = Of(SyntheticScores.Quarters([84, 84], [67, 67], [48, 48]));
        Assert.Equal(17.0, wide["texture.spacing-upper"], 12);
        Assert.Equal(19.0, wide["texture.spacing-lower"], 12);
        Assert.Equal(1.0, wide["texture.wide-spacing"], 12);
        Assert.Equal(0.0, wide["texture.crossing"], 12);
        var crossed = Of(SyntheticScores.Quarters([60, 60], [64, 64], [48, 48]));
        Assert.Equal(1.0, crossed["texture.crossing"], 12);
    }

    [Fact]
    public void Extract_HeldNotesAndKeyDrift_AreMeasured()
    {
        var held = Of(SyntheticScores.Make([[60, 62, 64, 65]], 2));
        Assert.Equal(1.0, held["rhythm.held-over"], 12);
        Assert.Equal(0.0, held["rhythm.syncopation"], 12);
        var steady = Of(SyntheticScores.Quarters([60, 62, 64, 65, 67, 65, 64, 62, 60, 62, 64, 65, 67, 65, 64, 60]));
        var drifting = Of(SyntheticScores.Quarters([60, 62, 64, 65, 67, 65, 64, 60, 66, 68, 70, 71, 73, 71, 70, 66]));
        Assert.True(drifting["key.drift"] > steady["key.drift"] + 0.5, $"{drifting["key.drift"]} vs {steady["key.drift"]}");
        Assert.True(drifting["pc.out-of-key"] > steady["pc.out-of-key"]);
    }
}
