using static EvoComposer.Theory.Tests.ScoreBuilder;

namespace EvoComposer.Theory.Tests.Rules.Chorale;

public class VoiceRulesTests
{
    [Fact]
    public void VoiceCrossing_AltoAboveSoprano_IsReportedOncePerCrossing()
    {
        var score = Satb("E4 E4 G4", "G4 G4 E4", "C4 C4 C4", "C3 C3 C3");
        var v = Check(score, "voice-crossing");
        var only = Assert.Single(v);
        Assert.Equal(["soprano", "alto"], only.Voices.ToArray());
        Assert.Equal(1, only.Beat.Numerator);
    }

    [Fact]
    public void VoiceCrossing_UnisonIsNotACrossing()
    {
        Assert.Empty(Check(Satb("G4 A4", "G4 F4", "C4 C4", "C3 F3"), "voice-crossing"));
    }

    [Fact]
    public void VoiceOverlap_TenorMovesAboveTheAltosPreviousNote_IsReported()
    {
        var score = Satb("G5 G5", "C5 D5", "B4 D5", "G3 G3");
        // Tenor B4 → D5 lands above where the alto was (C5) while the alto moves up too.
        Assert.Contains(Check(score, "voice-overlap"), x => x.Voices.SequenceEqual(["alto", "tenor"]));
        var fine = Satb("G5 G5", "C5 D5", "B4 C5", "G3 G3");
        Assert.Empty(Check(fine, "voice-overlap")); // reaching the alto's old note exactly is not an overlap
    }

    [Fact]
    public void Spacing_SopranoAltoMoreThanAnOctave_IsReported_TenorBassTwelfthIsFine()
    {
        Assert.Single(Check(Satb("E5", "C4", "G3", "C3"), "spacing"));
        Assert.Empty(Check(Satb("E5", "G4", "C4", "C2:1"), "spacing", ("bassMaxSemitones", 24)));
        Assert.Empty(Check(Satb("C5", "E4", "G3", "C2"), "spacing")); // tenor–bass a twelfth (19 semitones): allowed
        Assert.Single(Check(Satb("C5", "E4", "A3", "C2"), "spacing")); // tenor–bass a thirteenth
    }

    [Fact]
    public void VoiceRange_SopranoHighA_IsReported_WithinRangeIsNot()
    {
        var v = Check(Satb("A5", "C5", "E4", "A2"), "voice-range");
        Assert.Equal(["soprano"], Assert.Single(v).Voices.ToArray());
        Assert.Empty(Check(Satb("G5", "C5", "E4", "A2"), "voice-range"));
        Assert.Empty(Check(Satb("A5", "C5", "E4", "A2"), "voice-range", ("sopranoHigh", 81)));
    }
}
