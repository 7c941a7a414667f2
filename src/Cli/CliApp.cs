using System.CommandLine;
using EvoComposer.Cli.Commands;
using EvoComposer.Theory.Formats;

namespace EvoComposer.Cli;

/// <summary>
/// Builds the command tree and runs it with given output and error writers, so tests can run the CLI in
/// process. Every failure becomes one line on the error writer: bad usage and unreadable input exit with 2,
/// never with a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code: success.</summary>
    public const int Success = 0;
    /// <summary>Exit code: the command ran and found the problems it was asked to find.</summary>
    public const int ProblemsFound = 1;
    /// <summary>Exit code: bad usage or unreadable input.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code: an internal error (a bug): still one line, no stack trace.</summary>
    public const int InternalError = 3;

    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("EvoComposer: a symbolic composition engine (Markov and recombinant models, rules, style classifiers, a parallel genetic algorithm).");
        foreach (var command in Commands(context)) root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"evocomposer: {parse.Errors[0].Message} (see 'evocomposer --help')");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ScoreFormatException e)
        {
            error.WriteLine($"evocomposer: {e.Message}");
            return BadInput;
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"evocomposer: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("evocomposer: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            error.WriteLine($"evocomposer: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return InternalError;
        }
    }

    // One line per command; each command lives in its own file under Commands/.
    private static IEnumerable<Command> Commands(CliContext context) =>
    [
        ComposeCommand.Create(context),
        HarmonizeCommand.Create(context),
    ];
}

/// <summary>The writers a command prints to (standard output and error, or test buffers).</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    /// <summary>Where results go.</summary>
    public TextWriter Output { get; } = output;
    /// <summary>Where errors, warnings and progress go.</summary>
    public TextWriter Error { get; } = error;
}

/// <summary>A usage error (absurd option, missing file, conflicting arguments): printed as one line, exit 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
