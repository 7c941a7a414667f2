using System.Text.Json;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Cli.Tests.Commands;

public class RulesCommandTests
{
    [Fact]
    public void Rules_Text_ListsEveryRuleWithReferenceAndParameters()
    {
        var result = CliRunner.Run("rules");
        Assert.Equal(0, result.ExitCode);
        foreach (var rule in RuleCatalogue.All) Assert.Contains(rule.Id, result.Output);
        Assert.Contains("Reference: Aldwell & Schachter", result.Output);
        Assert.Contains("beatsOnly = false", result.Output);
    }

    [Fact]
    public void Rules_Json_IsTheCatalogue()
    {
        var result = CliRunner.Run("rules", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var rules = doc.RootElement.GetProperty("rules");
        Assert.Equal(RuleCatalogue.All.Length, rules.GetArrayLength());
        var first = rules[0];
        Assert.Equal("parallel-fifths", first.GetProperty("id").GetString());
        Assert.Equal("error", first.GetProperty("defaultSeverity").GetString());
        Assert.Equal("beatsOnly", first.GetProperty("parameters")[0].GetProperty("name").GetString());
        Assert.False(first.GetProperty("parameters")[0].GetProperty("default").GetBoolean());
    }

    [Fact]
    public void Rules_ExportPreset_PrintsAnEditableRuleSet()
    {
        var result = CliRunner.Run("rules", "--export", "bach");
        Assert.Equal(0, result.ExitCode);
        var set = RuleSet.Parse(result.Output);
        Assert.Equal(Severity.Info, set["voice-crossing"].Severity);
    }
}
