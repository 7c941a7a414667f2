using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

/// <summary>The built-in terms on hand-made progressions (files VoiceLeadingTerms and HarmonyTerms).</summary>
public class ChoraleTermsTests
{
    private static readonly PhrasePlan Plan3 = ChoraleTestData.Plan(3);

    private static ChoraleEvaluation Eval(params string[] beats) => new(ChoraleTestData.Genome(Plan3, beats));

    private static RuleTerm Rule(string id) => RuleTerm.Catalogue.Single(t => t.Name == id);

    [Fact]
    public void RuleTerms_CountTheCatalogueRulesViolations_WithTheirMessages()
    {
        var e = Eval("E5 C5 G4 C3", "F5 D5 A4 D3", "F5 D5 A4 D3");
        Assert.Equal(1, Rule("parallel-fifths").Evaluate(e));
        Assert.Equal(1, Rule("parallel-octaves").Evaluate(e));
        var finding = Assert.Single(Rule("parallel-fifths").Findings(e));
        Assert.Equal(["tenor", "bass"], finding.Voices);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(1, finding.Slice);
        Assert.Contains("fifth", finding.Message);
    }

    [Fact]
    public void RuleTerms_IgnoreDiminishedFifthToPerfectFifth()
    {
        Assert.Equal(0, Rule("parallel-fifths").Evaluate(Eval("D5 F4 B3 G2", "C5 G4 C4 C3", "C5 G4 C4 C3")));
    }

    [Fact]
    public void RuleTerms_CoverEveryChoraleRuleTheCheckCommandUses()
    {
        var ids = RuleSet.Preset("strict").Enabled.Where(r => r.Rule.Family == RuleFamily.Chorale).Select(r => r.Rule.Id);
        Assert.Equal(ids, RuleTerm.Catalogue.Select(t => t.Name));
    }

    [Fact]
    public void Cadence_PerfectAuthenticIsFree_ImperfectCostsHalf()
    {
        var term = new PlannedCadenceTerm();
        Assert.Equal(0, term.Evaluate(Eval("E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3")));
        Assert.Equal(0.5, term.Evaluate(Eval("E5 C5 G4 C3", "D5 B4 G4 G2", "E5 G4 C4 C3")));
        var half = new PhrasePlan(ChoraleTestData.CMajor, Theory.Music.Meter.CommonTime, [new PlannedPhrase(3, CadenceKind.Half, 1)]);
        Assert.Equal(2, term.Evaluate(new ChoraleEvaluation(ChoraleTestData.Genome(half, "E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3"))));
    }

    [Fact]
    public void ChordQuality_PunishesNonChordTonesOnTheBeat_AndMissingThirds()
    {
        var term = new ChordQualityTerm();
        Assert.Equal(0, term.Evaluate(Eval("E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3")));
        Assert.Equal(0.3, term.Evaluate(Eval("E5 C5 G4 C3", "D5 B4 G4 G2", "C5 E4 C4 C3")), 9); // the last chord has no fifth
        Assert.True(term.Evaluate(Eval("E5 C5 G4 C3", "D5 C5 G4 G2", "C5 G4 E4 C3")) >= 3);
        Assert.True(term.Evaluate(Eval("E5 C5 G4 C3", "F5 C5 G4 G2", "C5 G4 E4 C3")) >= 3); // F5 over G: a non-chord tone
    }

    [Fact]
    public void PassingMotion_RewardsEighthNotesUpToTheCap()
    {
        var none = Eval("E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3");
        var some = Eval("E5 C5~A4 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3");
        var term = new PassingMotionTerm();
        Assert.Equal(0, term.Evaluate(none));
        Assert.Equal(0, term.Evaluate(some)); // C5→A4 is a third: the second note is dropped
        var passing = Eval("E5 C5~B4 G4 C3", "D5 A4 F4 F2", "C5 A4 F4 F3");
        Assert.Equal(PassingMotionTerm.Cap, term.Evaluate(passing)); // one in three beats, capped
    }

    [Fact]
    public void EveryBuiltInTerm_HasADistinctKebabCaseName_AndADescription()
    {
        var names = ChoraleFitness.BuiltInTerms.Select(t => t.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(ChoraleFitness.BuiltInTerms, t =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", t.Name);
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
    }
}
