using System.Diagnostics;

namespace EvoComposer.Cli.Rendering;

/// <summary>Runs an outside program to completion, with a time limit, capturing what it prints.</summary>
internal static class ExternalProcess
{
    /// <summary>What a program returned and printed (standard output and error together).</summary>
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>The last non-empty lines of the output, joined on one line, for an error message.</summary>
        public string Tail(int lines = 2) => string.Join(" / ",
            Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/>; kills it after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The program did not finish in time.</exception>
    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        process.StandardInput.Close();
        var output = new System.Text.StringBuilder();
        var lockObject = new object();
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (lockObject) output.Append(e.Data).Append('\n');
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit(); // flushes the asynchronous readers
        lock (lockObject) return new Result(process.ExitCode, output.ToString());
    }
}
