using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer sample --method markov|recombinant [--seed N] [--key K] [--phrases N] [--out DIR]</c>: a piece
/// straight from the mined models, without the GA, with its provenance and originality.
/// </summary>
public static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var method = new Option<string>("--method") { Description = "recombinant (Cope-style recombinancy) or markov (the harmonic Markov model).", DefaultValueFactory = _ => "recombinant" };
        method.AcceptOnlyFromAmong("recombinant", "markov");
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same piece.", DefaultValueFactory = _ => 1 };
        var key = new Option<string>("--key") { Description = "Key: 'D' or 'D major', 'd' or 'D minor', 'Bb', 'f#'.", DefaultValueFactory = _ => "C" };
        var meter = new Option<string>("--meter") { Description = "Meter in quarter notes: 4/4 or 3/4 (any n/4 the corpus has pieces in).", DefaultValueFactory = _ => "4/4" };
        var phrases = new Option<int>("--phrases") { Description = "Number of phrases (1-32).", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "Output folder for piece.mid, report.json and report.md.", DefaultValueFactory = _ => "out/sample" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing output files." };
        var models = new Option<string?>("--models") { Description = "A model file written by 'mine' (default: the cache, built on first use)." };
        var corpus = new Option<string>("--corpus") { Description = "The corpus set.", DefaultValueFactory = _ => ChoraleModels.DefaultSet };
        var corpora = new Option<string?>("--corpora") { Description = "The corpus root." };
        var maxCopied = new Option<int>("--max-copied") { Description = "Recombinant: the longest run of beats copied verbatim from the corpus (1-64).", DefaultValueFactory = _ => RecombinantComposer.DefaultMaxCopiedBeats };
        var command = new Command("sample", "Generates a piece straight from the mined models (no GA), with provenance and originality.")
        {
            method, seed, key, meter, phrases, output, force, models, corpus, corpora, maxCopied,
        };
        command.SetAction(pr =>
        {
            if (!Key.TryParse(pr.GetValue(key)!, out var k)) throw new CliUsageException($"'{pr.GetValue(key)}' is not a key such as D, d, 'F# minor' or Bb");
            if (!Meter.TryParse(pr.GetValue(meter)!, out var mt) || mt.Denominator != 4 || mt.Numerator > 12)
                throw new CliUsageException($"'{pr.GetValue(meter)}' is not a meter in quarter notes such as 4/4 or 3/4");
            int perMeasure = mt.Numerator;
            int n = pr.GetValue(phrases);
            if (n < 1 || n > 32) throw new CliUsageException($"--phrases must be 1-32, not {n}");
            int limit = pr.GetValue(maxCopied);
            if (limit < 1 || limit > 64) throw new CliUsageException($"--max-copied must be 1-64, not {limit}");
            string dir = pr.GetValue(output)!;
            string[] files = ["piece.mid", "report.json", "report.md"];
            if (!pr.GetValue(force) && files.FirstOrDefault(f => File.Exists(Path.Combine(dir, f))) is { } existing)
                throw new CliUsageException($"{Path.Combine(dir, existing)} exists; pass --force to overwrite it");
            var m = CliModels.Load(pr.GetValue(models), pr.GetValue(corpus)!, pr.GetValue(corpora), context.Error);
            int s = pr.GetValue(seed);
            var random = new Random(s);
            string how = pr.GetValue(method)!;
            GeneratedPiece piece;
            try { piece = how == "markov" ? m.SampleMarkov(k, n, random, perMeasure) : m.ComposeRecombinant(k, n, random, perMeasure, limit); }
            catch (InvalidOperationException e) { throw new CliUsageException(e.Message); }
            var score = piece.ToScore(k, new ScoreMetadata { Title = $"{how} sample, seed {s}", Composer = "EvoComposer" });
            var originality = m.MeasureOriginality(piece.Beats);
            var logp = m.ScoreBeats(piece.ToMined());
            Directory.CreateDirectory(dir);
            Theory.Formats.Midi.MidiScoreWriter.Write(score, Path.Combine(dir, "piece.mid"));
            File.WriteAllText(Path.Combine(dir, "report.json"), ReportJson(how, s, k, n, m, piece, originality, logp));
            File.WriteAllText(Path.Combine(dir, "report.md"), ReportMarkdown(how, s, k, piece, originality, logp));
            context.Output.WriteLine($"{how} sample, seed {s}, {k}: {piece.Length} beats, {score.NoteCount} notes; longest copied span {originality.LongestCopiedBeats} beats, " +
                $"corpus joins {originality.CorpusJoinShare:P0}; wrote {dir}/piece.mid, report.json, report.md");
            return CliApp.Success;
        });
        return command;
    }

    private static string D(double x) => Math.Round(x, 4).ToString(CultureInfo.InvariantCulture);

    internal static string ReportJson(string method, int seed, Key key, int phrases, ChoraleModels models, GeneratedPiece piece, Originality o, double[] logp)
    {
        var json = new
        {
            method,
            seed,
            key = new { tonic = key.TonicName, mode = key.Mode == Mode.Major ? "major" : "minor" },
            meter = $"{piece.BeatsPerMeasure}/4",
            phrases,
            beats = piece.Length,
            corpus = new { set = models.SetName, fingerprint = models.Fingerprint, pieces = models.Pieces.Count },
            provenance = piece.Provenance.Select((p, i) => p is null ? null : new
            {
                onset = i,
                source = p.Source,
                measure = p.Measure,
                beat = p.Beat,
                transposition = (p.TranspositionToC + MinedScores.IntervalToC(key).Inverse).ToString(),
            }).Where(p => p is not null),
            originality = new
            {
                longestCopiedBeats = o.LongestCopiedBeats,
                longestCopiedSource = o.LongestSource,
                longestCopiedOnset = o.LongestStartBeat,
                corpusJoinShare = Math.Round(o.CorpusJoinShare, 4),
            },
            markov = new
            {
                logProbability = Math.Round(logp.Sum(), 3),
                meanPerBeat = Math.Round(logp.Length == 0 ? 0 : logp.Average(), 4),
                perBeat = logp.Select(x => Math.Round(x, 3)),
            },
        };
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true });
    }

    private static string ReportMarkdown(string method, int seed, Key key, GeneratedPiece piece, Originality o, double[] logp)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {char.ToUpperInvariant(method[0])}{method[1..]} sample, seed {seed}, {key}");
        md.AppendLine();
        md.AppendLine($"{piece.Length} beats in {piece.BeatsPerMeasure}/4, {piece.PhraseEnds.Count(e => e)} phrases. The music is in `piece.mid`.");
        md.AppendLine();
        md.AppendLine("## Originality");
        md.AppendLine();
        md.AppendLine($"- Longest span copied verbatim (up to transposition) from the corpus: **{o.LongestCopiedBeats} beats**" +
            (o.LongestSource is null ? "" : $" (from {o.LongestSource}, starting at beat {o.LongestStartBeat})") + ".");
        md.AppendLine($"- Beat-to-beat joins that occur in the corpus: **{o.CorpusJoinShare:P0}**.");
        md.AppendLine($"- Markov log-probability: {D(logp.Sum())} in all, {D(logp.Length == 0 ? 0 : logp.Average())} per beat.");
        md.AppendLine();
        if (piece.Provenance.Any(p => p is not null))
        {
            md.AppendLine("## Provenance");
            md.AppendLine();
            md.AppendLine("| onset | source | measure | beat | transposition to C |");
            md.AppendLine("|---:|---|---:|---:|---|");
            for (int i = 0; i < piece.Length; i++)
                if (piece.Provenance[i] is { } p)
                    md.AppendLine($"| {i} | {p.Source} | {p.Measure} | {p.Beat} | {p.TranspositionToC} |");
        }
        else md.AppendLine("Every beat was sampled from the harmonic Markov model (one sonority per beat); no beat is copied by construction.");
        return md.ToString();
    }
}
