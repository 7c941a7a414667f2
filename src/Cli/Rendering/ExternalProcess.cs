using System.Diagnostics;

namespace EvoComposer.Cli.Rendering;

/// <summary>
/// Runs an outside program with a time limit, capturing what it prints: to completion at once (<see cref="Run"/>), or
/// started now and given its standard input later (<see cref="Start"/>), so a slow start-up overlaps other work.
/// </summary>
internal sealed class ExternalProcess : IDisposable
{
    /// <summary>What a program returned and printed (standard output and error together).</summary>
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>The last non-empty lines of the output, joined on one line, for an error message.</summary>
        public string Tail(int lines = 2) => string.Join(" / ",
            Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
    }

    private readonly Process _process;
    private readonly string _program;
    private readonly System.Text.StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private bool _finished;

    private ExternalProcess(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        _program = program;
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        _process.OutputDataReceived += Collect;
        _process.ErrorDataReceived += Collect;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/> with an empty standard input; kills it after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The program did not finish in time.</exception>
    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(program, arguments, workingDirectory);
        return process.Finish(null, timeout);
    }

    /// <summary>
    /// Starts <paramref name="program"/> in <paramref name="workingDirectory"/>; it waits for its standard input until
    /// <see cref="Finish"/>. Disposing an unfinished process kills it.
    /// </summary>
    public static ExternalProcess Start(string program, IEnumerable<string> arguments, string workingDirectory) =>
        new(program, arguments, workingDirectory);

    /// <summary>Writes <paramref name="standardInput"/> (if any), closes the program's input and waits for it; kills it after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The program did not finish in time.</exception>
    public Result Finish(string? standardInput, TimeSpan timeout)
    {
        if (_finished) throw new InvalidOperationException($"{_program} was already finished");
        _finished = true;
        try
        {
            if (standardInput is not null) _process.StandardInput.Write(standardInput);
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program ended without reading its input (it failed at start-up): its exit code and output say why.
        }
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(_program)} did not finish within {timeout.TotalSeconds:0} s");
        }
        _process.WaitForExit(); // flushes the asynchronous readers
        lock (_outputLock) return new Result(_process.ExitCode, _output.ToString());
    }

    /// <summary>Kills the program if it was never finished, and releases it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_finished && !_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
        _process.Dispose();
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null) return;
        lock (_outputLock) _output.Append(e.Data).Append('\n');
    }
}
