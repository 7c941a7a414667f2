using System.CommandLine;
using System.Globalization;
using EvoComposer.Evolution.Composition;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer compose [--key D] [--mode major|minor] [--meter 4/4] [--phrases N] [shared options]</c> (see
/// <see cref="CompositionCommandOptions"/>): evolves a four-voice chorale and writes <c>DIR/piece.mid</c>,
/// <c>DIR/piece.musicxml</c>, <c>DIR/report.json</c>, <c>DIR/report.md</c> and <c>DIR/fitness.svg</c>, and unless
/// <c>--no-render</c> <c>DIR/piece.png</c> and <c>DIR/piece.wav</c>. Exit 0, or 2 for an absurd option or an output that exists without <c>--force</c>.
/// </summary>
internal static class ComposeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var meter = new Option<string>("--meter") { Description = "A simple meter such as 4/4, 3/4, 2/2.", DefaultValueFactory = _ => "4/4" };
        var phrases = new Option<int>("--phrases") { Description = "Number of phrases (about two measures each).", DefaultValueFactory = _ => 4 };
        var command = new Command("compose", "Compose a four-voice chorale with the genetic algorithm; writes piece.mid and an explained report.") { meter, phrases };
        return CompositionCommandOptions.Complete(command, context, (parse, shared) =>
        {
            var key = shared.ParseKey(parse, null) ?? new Key(Step.C, 0, Mode.Major);
            string meterText = parse.GetValue(meter)!;
            if (!Meter.TryParse(meterText, out var m)) throw new CliUsageException($"--meter: '{meterText}' is not a meter such as 4/4");
            if (m.IsCompound) throw new CliUsageException($"--meter: compound meters such as {m} are not supported yet");
            int n = parse.GetValue(phrases);
            if (n < 1 || n > 64) throw new CliUsageException($"--phrases must be within 1…64, not {n}");
            try { return (PhrasePlan.Default(key, m, n), [new("mode", key.Mode == Mode.Minor ? "minor" : "major"), new("phrasesRequested", n.ToString(CultureInfo.InvariantCulture))]); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        });
    }
}
