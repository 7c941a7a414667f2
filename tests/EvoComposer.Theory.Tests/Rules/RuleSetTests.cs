using EvoComposer.Theory.Rules;

namespace EvoComposer.Theory.Tests.Rules;

public class RuleSetTests
{
    [Fact]
    public void Presets_Load_AndDifferWhereTeachersWouldExpect()
    {
        var strict = RuleSet.Preset("strict");
        var bach = RuleSet.Preset("bach");
        var species = RuleSet.Preset("species");
        Assert.Equal(Severity.Error, strict["parallel-fifths"].Severity);
        Assert.Equal(Severity.Error, bach["parallel-fifths"].Severity);
        Assert.Equal(Severity.Info, bach["voice-crossing"].Severity);
        Assert.True(bach["voice-range"]["sopranoHigh"] > strict["voice-range"]["sopranoHigh"]);
        Assert.False(strict["species-dissonance"].Enabled);
        Assert.True(species["species-dissonance"].Enabled);
        Assert.False(species["parallel-fifths"].Enabled);
    }

    [Fact]
    public void Parse_ExtendsAPreset_AndOverridesOneRule()
    {
        var set = RuleSet.Parse("""
            { "name": "mine", "extends": "strict",
              "rules": { "parallel-fifths": { "severity": "warning", "weight": 2, "parameters": { "beatsOnly": true } }, "voice-crossing": false } }
            """);
        Assert.Equal(Severity.Warning, set["parallel-fifths"].Severity);
        Assert.Equal(2, set["parallel-fifths"].Weight);
        Assert.True(set["parallel-fifths"].Flag("beatsOnly"));
        Assert.False(set["voice-crossing"].Enabled);
        Assert.Equal(Severity.Error, set["parallel-octaves"].Severity); // from strict
    }

    [Theory]
    [InlineData("""{ "rules": { "parallel-fiths": true } }""", "$.rules.parallel-fiths", "no rule 'parallel-fiths'")]
    [InlineData("""{ "rules": { "spacing": { "severity": "fatal" } } }""", "$.rules.spacing.severity", "'fatal' is not one of error, warning, info")]
    [InlineData("""{ "rules": { "spacing": { "parameters": { "upper": 10 } } } }""", "$.rules.spacing.parameters.upper", "has no parameter 'upper'")]
    [InlineData("""{ "rules": { "spacing": { "parameters": { "upperMaxSemitones": "ten" } } } }""", "$.rules.spacing.parameters.upperMaxSemitones", "must be a number")]
    [InlineData("""{ "rules": { "spacing": { "weight": -1 } } }""", "$.rules.spacing.weight", "must be a number ≥ 0")]
    [InlineData("""{ "extends": "lenient" }""", "$.extends", "'lenient' is not a preset")]
    [InlineData("""{ "rulez": {} }""", "$.rulez", "unknown field")]
    [InlineData("""{ "rules": { """, "$", "not valid JSON")]
    public void Parse_BadFile_NamesTheFileThePathAndTheProblem(string json, string path, string reason)
    {
        var e = Assert.Throws<RuleSetException>(() => RuleSet.Parse(json, "mine.json"));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(reason, e.Message);
        Assert.StartsWith("mine.json: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ToJson_RoundTrips_EveryPreset()
    {
        foreach (var name in RuleSet.PresetNames)
        {
            var set = RuleSet.Preset(name);
            var again = RuleSet.Parse(set.ToJson());
            foreach (var r in set.Rules)
            {
                var o = again[r.Rule.Id];
                Assert.Equal((r.Enabled, r.Severity, r.Weight), (o.Enabled, o.Severity, o.Weight));
                Assert.Equal(r.Values.ToArray(), o.Values.ToArray());
            }
        }
    }

    [Fact]
    public void Catalogue_IdsAreStableKebabCase_AndEveryRuleIsDocumented()
    {
        Assert.Equal(RuleCatalogue.All.Length, RuleCatalogue.All.Select(r => r.Id).Distinct().Count());
        foreach (var r in RuleCatalogue.All)
        {
            Assert.Matches("^[a-z]+(-[a-z0-9]+)*$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.True(r.Description.Length > 60, r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Reference));
            foreach (var p in r.Parameters) Assert.False(string.IsNullOrWhiteSpace(p.Description));
        }
    }
}
