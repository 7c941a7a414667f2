using BenchmarkDotNet.Running;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*'</c>;
/// <c>-- fitness-profile</c> prints the GA fitness broken down by component instead; <c>-- fitness-loop [full|rules] [SECONDS]</c>
/// evaluates the fitness of 16-bar chorales in a loop (for a sampling profiler such as <c>perf</c>); <c>-- span-profile</c>
/// times the Markov span sampler (<see cref="SpanSamplerProfile"/>); <c>-- plan-profile [SECONDS]</c> times the plan terms on fresh candidates (<see cref="PlanTermsProfile"/>);
/// <c>-- rule-profile [loop SECONDS]</c> times the rule catalogue as the rule terms run it (<see cref="RuleCatalogueProfile"/>).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "fitness-profile")
        {
            FitnessProfile.Run();
            return;
        }
        if (args.Length > 0 && args[0] == "fitness-loop")
        {
            FitnessProfile.Loop(args.Length > 1 && args[1] == "full", args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
            return;
        }
        if (args.Length > 0 && args[0] == "fitness-threads")
        {
            FitnessProfile.ThreadSafety();
            return;
        }
        if (args.Length > 0 && args[0] == "plan-profile")
        {
            PlanTermsProfile.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
            return;
        }
        if (args.Length > 0 && args[0] == "rule-profile")
        {
            RuleCatalogueProfile.Run(args.Length > 2 && args[1] == "loop" ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0);
            return;
        }
        if (args.Length > 0 && args[0] == "span-profile")
        {
            SpanSamplerProfile.Run();
            return;
        }
        if (args.Length > 0 && args[0] == "violations")
        {
            SampleViolations.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
