namespace EvoComposer.Theory.Rules;

/// <summary>
/// A rule-set file is wrong. Names the file, the JSON path of the offending value and what is wrong, so the CLI
/// prints one line: <c>mine.json: $.rules.parallel-fifths.severity: 'fatal' is not one of error, warning, info</c>.
/// </summary>
public sealed class RuleSetException(string? file, string jsonPath, string reason, Exception? inner = null)
    : Exception($"{(file is null ? "" : file + ": ")}{jsonPath}: {reason}", inner)
{
    /// <summary>The file, when the rule set came from one.</summary>
    public string? File { get; } = file;
    /// <summary>The JSON path of the problem ("$.rules.spacing.parameters.upperMaxSemitones").</summary>
    public string JsonPath { get; } = jsonPath;
    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}
