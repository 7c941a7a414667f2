using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Evolution.Composition;
using EvoComposer.Learning.Mining;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer evaluate style-heldout [--seeds N] [--json]</c>: P(real) of held-out chorales (every 10th) beside
/// that of composed chorales and Markov and recombinant samples, under a real-versus-generated model trained without
/// the held-out chorales (<see cref="HeldOutStyleEvaluation"/>). A subcommand of <see cref="EvaluateCommand"/>.
/// </summary>
public static class EvaluateStyleHeldOutCommand
{
    /// <summary>Builds the <c>style-heldout</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var seeds = new Option<int>("--seeds") { Description = "Chorales composed per variant, seeds 1…N, keys alternating C major / A minor (default 10).", DefaultValueFactory = _ => 10 };
        var samples = new Option<int>("--samples") { Description = "Markov and recombinant samples scored, each (default 10).", DefaultValueFactory = _ => 10 };
        var trainingSamples = new Option<int>("--training-samples") { Description = "Generated pieces the model is trained on (default 370, as the cached model).", DefaultValueFactory = _ => 370 };
        var population = new Option<int?>("--population") { Description = "GA population per island (default: compose's)." };
        var generations = new Option<int?>("--generations") { Description = "GA generations (default: compose's)." };
        var threads = new Option<int>("--threads") { Description = "Threads evaluating fitness (default 1; the result does not depend on it).", DefaultValueFactory = _ => 1 };
        var noStyleVariant = new Option<bool>("--no-style-variant") { Description = "Skip the chorales composed with the style term on." };
        var corpora = StyleCommandSupport.CorporaOption();
        var command = new Command("style-heldout", "P(real) of held-out chorales (chor010, chor020, …, chor370: 36; the set has no chor150) beside composed chorales and Markov and recombinant samples, under a real-vs-generated model trained without them.")
        {
            json, seeds, samples, trainingSamples, population, generations, threads, noStyleVariant, corpora,
        };
        command.SetAction(pr =>
        {
            int n = pr.GetValue(seeds), s = pr.GetValue(samples), t = pr.GetValue(trainingSamples), th = pr.GetValue(threads);
            if (n < 1 || n > 1000) throw new CliUsageException($"--seeds must be within 1…1000, not {n}");
            if (s < 1 || s > 10_000) throw new CliUsageException($"--samples must be within 1…10000, not {s}");
            if (t < 2 || t > 100_000) throw new CliUsageException($"--training-samples must be within 2…100000, not {t}");
            if (th < 1 || th > 512) throw new CliUsageException($"--threads must be within 1…512, not {th}");
            if (pr.GetValue(population) is { } p && (p < 2 || p > 100_000)) throw new CliUsageException($"--population must be within 2…100000, not {p}");
            if (pr.GetValue(generations) is { } g && (g < 0 || g > 1_000_000)) throw new CliUsageException($"--generations must be within 0…1000000, not {g}");
            string? root = pr.GetValue(corpora);
            HeldOutStyleResult result;
            try
            {
                var models = ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, root, null, context.Error);
                result = HeldOutStyleEvaluation.Run(models, new HeldOutStyleOptions
                {
                    Seeds = n, Samples = s, TrainingSamples = t, Threads = th, Population = pr.GetValue(population), Generations = pr.GetValue(generations),
                    WithStyle = !pr.GetValue(noStyleVariant), CorpusRoot = root,
                }, context.Error);
            }
            catch (DirectoryNotFoundException e) { throw new CliUsageException(e.Message); }
            if (pr.GetValue(json)) context.Output.WriteLine(ToJson(result));
            else WriteTable(context.Output, result);
            return CliApp.Success;
        });
        return command;
    }

    private static object? Summary(PRealSummary? s) => s is null ? null : new
    {
        count = s.Count,
        meanPReal = Math.Round(s.MeanPReal, 4),
        medianPReal = Math.Round(s.MedianPReal, 4),
    };

    internal static string ToJson(HeldOutStyleResult r) => JsonSerializer.Serialize(new
    {
        heldOut = Summary(r.HeldOut),
        composed = Summary(r.Composed),
        composedWithStyle = Summary(r.ComposedWithStyle),
        markov = Summary(r.Markov),
        recombinant = Summary(r.Recombinant),
        pReal = "per piece: mean of P(real) over its 16-measure excerpts (hop 8, at most 6; a piece of 8-15 measures is one excerpt); model trained without the held-out chorales (every 10th kern chorale)",
    }, new JsonSerializerOptions { WriteIndented = true });

    private static void WriteTable(TextWriter o, HeldOutStyleResult r)
    {
        string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        o.WriteLine("P(real) per piece (mean over its 16-measure excerpts), model trained without every 10th chorale");
        o.WriteLine("group                 pieces    mean  median");
        foreach (var (name, s) in new (string, PRealSummary?)[] { ("held-out chorales", r.HeldOut), ("composed", r.Composed), ("composed with style", r.ComposedWithStyle), ("markov", r.Markov), ("recombinant", r.Recombinant) })
            if (s is not null) o.WriteLine($"{name,-20} {s.Count,7} {F(s.MeanPReal),7} {F(s.MedianPReal),7}");
    }
}
