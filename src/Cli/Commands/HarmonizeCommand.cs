using System.CommandLine;
using EvoComposer.Evolution.Composition;
using EvoComposer.Theory.Formats;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer harmonize MELODY_FILE [shared options]</c> (see <see cref="CompositionCommandOptions"/>): the melody
/// (the file's first part) is the soprano and never changes; alto, tenor and bass evolve. Phrases end at the melody's
/// fermatas. Outputs as <c>compose</c>.
/// </summary>
internal static class HarmonizeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("melody") { Description = "The melody (any readable score; its first part is used)." };
        var command = new Command("harmonize", "Harmonize a melody in four voices with the genetic algorithm; the melody stays as written.") { file };
        return CompositionCommandOptions.Complete(command, context, (parse, shared) =>
        {
            string path = parse.GetValue(file)!;
            var score = ScoreFiles.Read(path);
            try { return (MelodyPlanner.Plan(score, shared.ParseKey(parse, null)), [new("melody", path)]); }
            catch (ArgumentException e) { throw new CliUsageException($"{path}: {e.Message}"); }
        });
    }
}
