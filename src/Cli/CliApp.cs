using System.CommandLine;
using EvoComposer.Cli.Commands;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvoComposer.Theory.Formats;
using Spectre.Console;

namespace EvoComposer.Cli;

/// <summary>
/// Builds the command tree and runs it with given output and error writers, so tests can run the CLI in
/// process. Every failure becomes one line on the error writer: bad usage and unreadable input exit with 2,
/// never with a stack trace. Conventions for adding a command: README.md beside this file.
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
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, new CliContext(output, error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected));

    /// <summary>Parses and runs <paramref name="args"/> with a given context (tests use it to stand in another <see cref="Host"/>).</summary>
    internal static int Run(string[] args, CliContext context)
    {
        TextWriter error = context.Error;
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
            return parse.Invoke(new InvocationConfiguration { Output = context.Output, Error = error, EnableDefaultExceptionHandler = false });
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
        InspectCommand.Create(context),
        DoctorCommand.Create(context),
        RenderCommand.Create(context),
        RulesCommand.Create(context),
        CheckCommand.Create(context),
    ];
}

/// <summary>The writers a command prints to (standard output and error, or test buffers).</summary>
public sealed class CliContext(TextWriter output, TextWriter error, bool errorIsTerminal = false)
{
    /// <summary>Where results go.</summary>
    public TextWriter Output { get; } = output;
    /// <summary>Where errors, warnings and progress go.</summary>
    public TextWriter Error { get; } = error;
    /// <summary>True when <see cref="Error"/> is an interactive terminal: only then may a command draw progress bars.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;
    /// <summary>The machine's programs, files and corpus, as commands see them.</summary>
    internal Host Host { get; init; } = Host.Machine;

    /// <summary>
    /// A Spectre.Console view of <see cref="Output"/> for tables: no colours, no ANSI codes, so that what is
    /// printed is the same on a terminal, in a pipe and in a test.
    /// </summary>
    public IAnsiConsole OutputConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Output),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary>
    /// Writes one JSON document to <see cref="Output"/>: compact UTF-8 (non-ASCII letters unescaped) and a newline.
    /// Every <c>--json</c> output goes through here.
    /// </summary>
    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        Output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>A Spectre.Console view of <see cref="Error"/> for progress bars (use only when <see cref="ErrorIsTerminal"/>).</summary>
    public IAnsiConsole ErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
}

/// <summary>A usage error (absurd option, missing file, conflicting arguments): printed as one line, exit 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
