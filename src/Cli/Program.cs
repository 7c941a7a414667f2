namespace EvoComposer.Cli;

/// <summary>The <c>evocomposer</c> command.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("evocomposer: no commands yet");
        return 2;
    }
}
