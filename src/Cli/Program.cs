namespace EvoComposer.Cli;

/// <summary>The <c>evocomposer</c> command's entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code (0 success, 1 problems found, 2 bad usage or input).</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
