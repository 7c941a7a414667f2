using System.CommandLine;
using System.Globalization;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer rules [--json] [--export PRESET|FILE]</c>: the rule catalogue (id, title, description, reference,
/// default severity, parameters), or, with <c>--export</c>, a rule set in the editable JSON file format.
/// </summary>
internal static class RulesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the catalogue as JSON." };
        var export = new Option<string?>("--export") { Description = "Print a rule set (a preset: strict, bach, species; or a file) as an editable JSON file." };
        var command = new Command("rules", "List the rule catalogue: what each rule checks, its textbook reference, default severity and parameters.") { json, export };
        command.SetAction(parse =>
        {
            if (parse.GetValue(export) is { } spec)
            {
                context.Output.WriteLine(CheckCommand.LoadRules(spec).ToJson());
                return CliApp.Success;
            }
            if (parse.GetValue(json)) context.WriteJson(WriteCatalogue);
            else WriteText(context.Output);
            return CliApp.Success;
        });
        return command;
    }

    private static void WriteCatalogue(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("rules");
        foreach (var r in RuleCatalogue.All)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("title", r.Title);
            w.WriteString("family", r.Family == RuleFamily.Chorale ? "chorale" : "counterpoint");
            w.WriteString("description", r.Description);
            w.WriteString("reference", r.Reference);
            w.WriteString("defaultSeverity", RuleSet.SeverityName(r.DefaultSeverity));
            w.WriteStartArray("parameters");
            foreach (var p in r.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("type", p.IsBoolean ? "boolean" : "number");
                if (p.IsBoolean) w.WriteBoolean("default", p.Default != 0); else w.WriteNumber("default", p.Default);
                w.WriteString("description", p.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("presets");
        foreach (var name in RuleSet.PresetNames) w.WriteStringValue(name);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteText(TextWriter o)
    {
        foreach (var family in new[] { RuleFamily.Chorale, RuleFamily.Counterpoint })
        {
            o.WriteLine(family == RuleFamily.Chorale ? "Four-part (chorale) rules" : "Two-voice species counterpoint rules");
            o.WriteLine();
            foreach (var r in RuleCatalogue.All.Where(r => r.Family == family))
            {
                o.WriteLine($"{r.Id}  ({RuleSet.SeverityName(r.DefaultSeverity)})  {r.Title}");
                foreach (var line in Wrap(r.Description, 96)) o.WriteLine("    " + line);
                o.WriteLine($"    Reference: {r.Reference}");
                foreach (var p in r.Parameters)
                {
                    string def = p.IsBoolean ? (p.Default != 0 ? "true" : "false") : p.Default.ToString(CultureInfo.InvariantCulture);
                    o.WriteLine($"    --  {p.Name} = {def}: {p.Description}");
                }
                o.WriteLine();
            }
        }
        o.WriteLine($"Presets: {string.Join(", ", RuleSet.PresetNames)} ('evocomposer rules --export strict' prints one to edit; use it with 'check --rules FILE').");
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
