using static EvoComposer.Theory.Tests.ScoreBuilder;

namespace EvoComposer.Theory.Tests.Rules.Counterpoint;

public class SpeciesRulesTests
{
    // Fux's first example in the Dorian mode: counterpoint above the cantus firmus D F E D G F A G F E D.
    private const string Cantus = "D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4";
    private const string Fux = "A4 A4 G4 A4 B4 C5 C5 B4 D5 C#5 D5";

    [Theory]
    [InlineData("species-perfect-ends")]
    [InlineData("species-dissonance")]
    [InlineData("species-parallel-perfect")]
    [InlineData("species-direct-perfect")]
    [InlineData("species-stepwise")]
    [InlineData("species-cadence")]
    public void FuxsOwnExample_PassesTheRule(string rule)
    {
        Assert.Empty(Check(TwoVoices(Fux, Cantus, "1/1"), rule));
    }

    [Fact]
    public void FuxsOwnExample_ReachesItsHighNoteTwice()
    {
        // Fux's line touches D5 at the penultimate bar but one and at the end: the single-climax rule says so.
        Assert.Single(Check(TwoVoices(Fux, Cantus, "1/1"), "species-single-climax"));
    }

    [Fact]
    public void BeginningOnAThird_AndEndingOnAFifth_AreReported()
    {
        Assert.Equal(2, Check(TwoVoices("F4 A4", "D4 D4", "1/1"), "species-perfect-ends").Count);
    }

    [Fact]
    public void Second_IsDissonant_SixthIsNot()
    {
        Assert.Single(Check(TwoVoices("A4 E4", "D4 D4", "1/1"), "species-dissonance"));
        Assert.Empty(Check(TwoVoices("A4 B4", "D4 D4", "1/1"), "species-dissonance"));
        Assert.Single(Check(TwoVoices("A4 G4", "D4 D4", "1/1"), "species-dissonance")); // a fourth is dissonant in two voices
    }

    [Fact]
    public void ParallelFifths_AreReported_FifthToOctaveIsNotParallel()
    {
        Assert.Single(Check(TwoVoices("A4 B4", "D4 E4", "1/1"), "species-parallel-perfect"));
        Assert.Empty(Check(TwoVoices("A4 E5", "D4 E4", "1/1"), "species-parallel-perfect"));
    }

    [Fact]
    public void DirectOctave_BothVoicesRising_IsReported_ContraryIsNot()
    {
        Assert.Single(Check(TwoVoices("E4 D5", "C4 D4", "1/1"), "species-direct-perfect"));
        Assert.Single(Check(TwoVoices("E4 A4", "C4 D4", "1/1"), "species-direct-perfect")); // into a fifth
        Assert.Empty(Check(TwoVoices("E4 D5", "C4 D3", "1/1"), "species-direct-perfect"));
    }

    [Fact]
    public void Cadence_WithoutLeadingTone_IsReported()
    {
        Assert.Single(Check(TwoVoices("A4 C5 D5", "F4 E4 D4", "1/1"), "species-cadence")); // C→D is a whole step: no leading tone
        Assert.Empty(Check(TwoVoices("A4 C#5 D5", "F4 E4 D4", "1/1"), "species-cadence"));
    }

    [Fact]
    public void MostlyLeaps_IsReported()
    {
        Assert.Single(Check(TwoVoices("D5 A4 F5 C5 D5", "D4 F4 D4 E4 D4", "1/1"), "species-stepwise"));
    }

    [Fact]
    public void SecondSpecies_PassingDissonanceOnTheWeakHalf_IsAllowedWithTheSwitch()
    {
        // Half notes against whole notes in 2/2: over the cantus's held D4 the counterpoint passes F4 → E4 → D4, the E4 a passing second.
        var score = TwoVoices("F4:2 E4:2 D4:4", "D4:4 D4:4", "2/2");
        Assert.Single(Check(score, "species-dissonance"));
        Assert.Empty(Check(score, "species-dissonance", ("allowPassingBetweenBeats", 1)));
    }
}
