namespace EvoComposer.Cli.Tests;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard error split into lines, without the empty last one.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the CLI in process through <c>CliApp.Run</c>, capturing both writers.</summary>
internal static class CliRunner
{
    /// <summary>Runs on the real machine.</summary>
    public static CliResult Run(params string[] args) => RunOn(Host.Machine, args);

    /// <summary>Runs with a stand-in machine (tools, files, corpus).</summary>
    public static CliResult RunOn(Host host, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CliApp.Run(args, new CliContext(output, error) { Host = host });
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
