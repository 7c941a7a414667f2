using static EvoComposer.Theory.Tests.ScoreBuilder;

namespace EvoComposer.Theory.Tests.Rules.Chorale;

public class HarmonyRulesTests
{
    [Fact]
    public void LeadingTone_FallingInTheSopranoFromVToI_IsReported_RisingIsNot()
    {
        var bad = Satb("B4 G4", "D4 E4", "G3 C4", "G2 C3", key: "C");
        var v = Assert.Single(Check(bad, "leading-tone-resolution"));
        Assert.Contains("leading tone B4", v.Message);
        Assert.Empty(Check(Satb("B4 C5", "D4 E4", "G3 G3", "G2 C3", key: "C"), "leading-tone-resolution"));
    }

    [Fact]
    public void LeadingTone_FrustratedInAnInnerVoice_IsAllowedByDefault()
    {
        var inner = Satb("D5 C5", "B4 G4", "G3 E4", "G2 C3", key: "C");
        Assert.Empty(Check(inner, "leading-tone-resolution"));
        Assert.Single(Check(inner, "leading-tone-resolution", ("outerVoicesOnly", 0)));
    }

    [Fact]
    public void Seventh_RisingInV7ToI_IsReported_FallingByStepIsNot()
    {
        Assert.Single(Check(Satb("F4 G4", "D4 C4", "B3 C4", "G2 C3", key: "C"), "seventh-resolution"));
        Assert.Empty(Check(Satb("F4 E4", "D4 C4", "B3 C4", "G2 C3", key: "C"), "seventh-resolution"));
    }

    [Fact]
    public void DoubledLeadingTone_InV_IsReported_DoubledRootIsNot()
    {
        Assert.Single(Check(Satb("B4", "G4", "B3", "G2", key: "C"), "doubled-leading-tone"));
        Assert.Empty(Check(Satb("D5", "G4", "B3", "G2", key: "C"), "doubled-leading-tone"));
    }

    [Fact]
    public void MissingThird_OnABeat_IsReported_CompleteTriadIsNot()
    {
        Assert.Single(Check(Satb("C5", "G4", "C4", "C3", key: "C"), "missing-third"));
        Assert.Empty(Check(Satb("C5", "G4", "E4", "C3", key: "C"), "missing-third"));
        Assert.Empty(Check(Satb("C5", "G4", "C4", "C3", key: "C"), "missing-third", ("allowFinalChord", 1)));
    }

    [Fact]
    public void Dissonance_LeapInAndLeapOut_IsReported_PassingToneIsNot()
    {
        var leapt = Satb("C5 F5 C5", "E4:3", "G3:3", "C3:3", key: "C");
        var v = Assert.Single(Check(leapt, "dissonance-treatment"));
        Assert.Contains("soprano", v.Voices);
        Assert.Contains("F5", v.Message);
        var passing = Satb("E5 F5 G5", "G4:3", "C4:3", "C3:3", key: "C");
        Assert.Empty(Check(passing, "dissonance-treatment"));
    }

    [Fact]
    public void Dissonance_SuspensionResolvingDown_IsNotReported()
    {
        // 4–3 suspension: the soprano's C5 is held over the change to G and falls to B4.
        var score = Satb("C5 - B4 C5", "E4 D4 D4 E4", "G3 G3 G3 G3", "C3 G2 G2 C3", key: "C");
        Assert.Empty(Check(score, "dissonance-treatment"));
    }

    [Fact]
    public void PhraseEnd_FermataOnIi_IsReported_AuthenticCadenceIsNot()
    {
        var weak = Satb("E5 F5;", "G4 A4;", "C4 D4;", "C3 D3;", key: "C");
        Assert.NotEmpty(Check(weak, "phrase-end-cadence"));
        var pac = Satb("D5 C5;", "B4 G4;", "G3 E4;", "G2 C3;", key: "C");
        Assert.Empty(Check(pac, "phrase-end-cadence"));
    }
}
