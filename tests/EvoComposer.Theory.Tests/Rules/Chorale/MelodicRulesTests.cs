using EvoComposer.Theory.Rules.Chorale;
using FsCheck;
using FsCheck.Fluent;
using static EvoComposer.Theory.Tests.ScoreBuilder;

namespace EvoComposer.Theory.Tests.Rules.Chorale;

public class MelodicRulesTests
{
    [Fact]
    public void AugmentedSecond_InTheAlto_IsReported()
    {
        var score = Satb("C5 B4", "F4 G#4", "A3 B3", "D3 E3", key: "a");
        var v = Check(score, "melodic-augmented-diminished");
        Assert.Contains("alto F4→G#4 (A2)", Assert.Single(v).Message);
    }

    [Fact]
    public void DiminishedFourth_TurningBackByStep_IsAllowedByDefault()
    {
        // G#4 → C5 (d4) then B4: the line turns back inside the interval.
        var recovered = Satb("G#4 C5 B4", "E4 E4 E4", "B3 A3 G#3", "E3 A2 E3");
        Assert.DoesNotContain(Check(recovered, "melodic-augmented-diminished"), x => x.Voices.Contains("soprano"));
        Assert.Contains(Check(recovered, "melodic-augmented-diminished", ("allowRecoveredDiminished", 0)), x => x.Voices.Contains("soprano"));
    }

    [Fact]
    public void ChromaticSemitone_IsNotAnAugmentedInterval()
    {
        Assert.Empty(Check(Satb("C5 C#5", "E4 E4", "G3 A3", "C3 A2"), "melodic-augmented-diminished"));
    }

    [Fact]
    public void LeapBeyondOctave_AndSeventhLeap_AreReported_OctaveIsNot()
    {
        Assert.Single(Check(Satb("C5 C5", "E4 E4", "G3 G3", "C2 D3"), "leap-beyond-octave"));
        Assert.Empty(Check(Satb("C5 C5", "E4 E4", "G3 G3", "C2 C3"), "leap-beyond-octave"));
        Assert.Single(Check(Satb("C5 B5", "E4 E4", "G3 G3", "C3 C3"), "seventh-leap"));
        Assert.Empty(Check(Satb("C5 A5", "E4 E4", "G3 G3", "C3 C3"), "seventh-leap"));
    }

    [Fact]
    public void UnrecoveredLeap_SixthUpThenUpAgain_IsReported_StepBackIsNot()
    {
        Assert.Single(Check(Satb("C4 A4 B4", "C4 C4 C4", "G3 G3 G3", "C3 C3 C3"), "unrecovered-leap"));
        Assert.Empty(Check(Satb("C4 A4 G4", "C4 C4 C4", "G3 G3 G3", "C3 C3 C3"), "unrecovered-leap"));
        // Octave leaps in the bass are exempt by default.
        Assert.Empty(Check(Satb("C5 C5 C5", "E4 E4 E4", "G3 G3 G3", "C2 C3 D3"), "unrecovered-leap"));
        Assert.Single(Check(Satb("C5 C5 C5", "E4 E4 E4", "G3 G3 G3", "C2 C3 D3"), "unrecovered-leap", ("exemptBassOctaves", 0)));
    }

    [Fact]
    public void ConsecutiveLeaps_OutliningATriadAreFine_OtherwiseReported()
    {
        Assert.Empty(Check(Satb("C4 E4 G4", "C4 C4 C4", "G3 G3 G3", "C3 C3 C3"), "consecutive-leaps"));
        Assert.Single(Check(Satb("C4 E4 B4", "C4 C4 C4", "G3 G3 G3", "C3 C3 C3"), "consecutive-leaps"));
        Assert.Single(Check(Satb("C4 E4 G4", "C4 C4 C4", "G3 G3 G3", "C3 C3 C3"), "consecutive-leaps", ("allowTriad", 0)));
    }

    [Fact]
    public void OutlinesTriad_Property_AnyInversionOfAMajorOrMinorTriadIsATriad()
    {
        Prop.ForAll<int>(root =>
        {
            int r = ((root % 12) + 12) % 12 + 48;
            return ConsecutiveLeapsRule.OutlinesTriad(r, r + 4, r + 7) && ConsecutiveLeapsRule.OutlinesTriad(r + 7, r + 3 + 12, r + 12)
                && !ConsecutiveLeapsRule.OutlinesTriad(r, r + 2, r + 7);
        }).QuickCheckThrowOnFailure();
    }
}
