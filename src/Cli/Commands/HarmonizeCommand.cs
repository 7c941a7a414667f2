using System.CommandLine;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Theory.Formats;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer harmonize MELODY_FILE [--key] [--mode] [--seed] [--weights] [--population] [--generations]
/// [--islands] [--threads] [--out DIR] [--force]</c>: the melody (the file's first part) is the soprano and never
/// changes; alto, tenor and bass evolve. Phrases end at the melody's fermatas. Outputs as <c>compose</c>.
/// </summary>
internal static class HarmonizeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var shared = new CompositionCommandOptions();
        var file = new Argument<string>("melody") { Description = "The melody (any readable score; its first part is used)." };
        var command = new Command("harmonize", "Harmonize a melody in four voices with the genetic algorithm; the melody stays as written.") { file };
        shared.AddTo(command);
        shared.UseErrorWriter(context.Error);
        command.SetAction(parse =>
        {
            if (parse.GetValue(shared.PrintWeights))
            {
                context.Output.Write(FitnessWeights.DefaultJson);
                return CliApp.Success;
            }
            string path = parse.GetValue(file)!;
            var score = ScoreFiles.Read(path);
            var key = shared.ParseKey(parse, null);
            PhrasePlan plan;
            try { plan = MelodyPlanner.Plan(score, key); }
            catch (ArgumentException e) { throw new CliUsageException($"{path}: {e.Message}"); }
            string dir = shared.PrepareOutput(parse);
            var options = shared.Build(parse, plan);
            return shared.Run(context, parse, "harmonize", options, dir, [new("melody", path)]);
        });
        return command;
    }
}
