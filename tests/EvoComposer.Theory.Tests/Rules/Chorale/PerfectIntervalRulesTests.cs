using EvoComposer.Theory.Rules;
using static EvoComposer.Theory.Tests.ScoreBuilder;

namespace EvoComposer.Theory.Tests.Rules.Chorale;

public class PerfectIntervalRulesTests
{
    // Soprano and alto fill the chord; the tests move the named pair.
    [Fact]
    public void ParallelFifths_AltoAndBassMoveUpByStep_IsReported()
    {
        var score = Satb("B4 C5", "D4 E4", "G3 G3", "G2 A2");
        var v = Check(score, "parallel-fifths");
        var only = Assert.Single(v);
        Assert.Equal(["alto", "bass"], only.Voices.ToArray());
        Assert.Equal(Severity.Error, only.Severity);
        Assert.Contains("alto D4→E4 and bass G2→A2", only.Message);
        Assert.Equal(1, only.Measure);
        Assert.Equal(2, (int)only.Beat.Floor());
    }

    [Fact]
    public void ParallelFifths_DiminishedFifthToPerfectFifth_IsNotReported()
    {
        // B3–F4 (d5) → C4–G4 (P5): the classic near miss.
        var score = Satb("D5 E5", "F4 G4", "B3 C4", "G2 C3");
        Assert.DoesNotContain(Check(score, "parallel-fifths", ("beatsOnly", 0)), x => x.Voices.Contains("alto") && x.Voices.Contains("tenor"));
    }

    [Fact]
    public void ParallelFifths_FifthToTwelfth_IsReported()
    {
        // Bass C3–G3 is a fifth... bass C3, tenor G3 (P5) → bass D3, tenor A4 (P12), both rising.
        var score = Satb("C5 D5", "E4 F4", "G3 A4", "C3 D3");
        var v = Check(score, "parallel-fifths");
        Assert.Contains(v, x => x.Voices.SequenceEqual(["tenor", "bass"]));
    }

    [Fact]
    public void ParallelFifths_RepeatedNotesInBothVoices_AreNotMotion()
    {
        var score = Satb("E5 E5", "C5 C5", "G4 G4", "C3 C3");
        Assert.Empty(Check(score, "parallel-fifths"));
    }

    [Fact]
    public void ParallelFifths_OneVoiceRepeatsItsNote_IsObliqueMotion()
    {
        // C3/G3 → C3/G3 re-struck in the bass only, then both move: only the last move can be parallel.
        var score = Satb("E5 E5 F5", "C5 C5 C5", "G3 G3 A3", "C3 C3 D3");
        var v = Assert.Single(Check(score, "parallel-fifths"));
        Assert.Equal(3, (int)v.Beat.Floor());
    }

    [Fact]
    public void ParallelFifths_ContraryMotionFifths_AreNotParallelButContrary()
    {
        // Tenor G3→D4 up, bass C3→G2 down: P5 → P12 by contrary motion.
        var score = Satb("E5 D5", "C5 B4", "G3 D4", "C3 G2");
        Assert.DoesNotContain(Check(score, "parallel-fifths"), x => x.Voices.Contains("tenor") && x.Voices.Contains("bass"));
        Assert.Contains(Check(score, "contrary-fifths-octaves"), x => x.Voices.SequenceEqual(["tenor", "bass"]));
    }

    [Fact]
    public void ParallelFifths_PassingNoteFifth_CountsOnEveryOnsetButNotOnBeatsOnly()
    {
        // Beat 1: alto E4 over bass A2 (no fifth with anyone moving); the alto passes through D4 on the half beat
        // while the bass moves G2: D4/G2 is a twelfth; beat 2: alto C4 over F2 is another fifth (P12 → P12? no: C4/F2 is P12).
        var score = Satb("A4:1 A4:1", "E4:0.5 D4:0.5 C4:1", "C4:1 C4:1", "A2:0.5 G2:0.5 F2:1");
        var every = Check(score, "parallel-fifths");
        Assert.NotEmpty(every); // E4/A2 → D4/G2 → C4/F2: three twelfths in a row
        var beats = Check(score, "parallel-fifths", ("beatsOnly", 1));
        Assert.True(beats.Count < every.Count, Describe(beats));
    }

    [Fact]
    public void ParallelOctaves_SopranoAndBassInOctaves_IsReported_UnisonAsWell()
    {
        var score = Satb("C5 D5", "E4 F4", "G3 A3", "C3 D3");
        var v = Check(score, "parallel-octaves");
        Assert.Contains(v, x => x.Voices.SequenceEqual(["soprano", "bass"]) && x.Message.Contains("P15"));
        var unison = Satb("C5 D5", "G4 A4", "G4 A4", "C3 F3");
        Assert.Contains(Check(unison, "parallel-octaves"), x => x.Message.Contains("parallel unisons"));
        Assert.Empty(Check(unison, "parallel-octaves", ("includeUnisons", 0)));
    }

    [Fact]
    public void ParallelOctaves_ObliqueMotion_IsNotReported()
    {
        var score = Satb("C5 C5", "E4 F4", "G3 A3", "C3 F3");
        Assert.Empty(Check(score, "parallel-octaves"));
    }

    [Fact]
    public void HiddenOctave_OuterVoicesSimilarMotionSopranoLeaps_IsReported_StepIsNot()
    {
        var leap = Satb("E4 C5", "C4 G4", "G3 E4", "G2 C3");
        Assert.Single(Check(leap, "hidden-fifths-octaves"));
        var step = Satb("B4 C5", "G4 G4", "D4 E4", "G2 C3");
        Assert.Empty(Check(step, "hidden-fifths-octaves"));
    }

    [Fact]
    public void PerfectMotionKind_EverySizeAndDirection_MatchesTheDefinitionByStepsAndSemitones()
    {
        // The definition: fifths are 4 + 7k steps and 7 + 12k semitones, octaves 7k steps and 12k semitones, in one direction.
        static int Reference(int d, int m)
        {
            int steps = Math.Abs(d), semis = Math.Abs(m);
            if (d < 0 != m < 0 && d != 0 && m != 0) return 0;
            if (steps % 7 == 4 && semis == 12 * (steps / 7) + 7) return 5;
            if (steps % 7 == 0 && semis == 12 * (steps / 7)) return 8;
            return 0;
        }
        for (int d = -80; d <= 80; d++)
            for (int m = -140; m <= 140; m++)
                Assert.True(Reference(d, m) == EvoComposer.Theory.Rules.Chorale.PerfectMotion.Kind(d, m), $"{d} steps, {m} semitones");
    }
}
