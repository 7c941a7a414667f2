using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Learning.Corpora;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer corpus list</c> (the sets of the manifest) and <c>evocomposer corpus show SET [--filter F] [--json]</c>
/// (every piece with its labels, and the files that could not be used, with reasons).
/// </summary>
public static class CorpusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var list = new Command("list", "Lists the corpus sets of the manifest and whether each is present.");
        var corporaList = new Option<string?>("--corpora") { Description = "The corpus root." };
        list.Options.Add(corporaList);
        list.SetAction(pr =>
        {
            var manifest = CorpusManifest.Load();
            foreach (var set in manifest.Sets)
            {
                string where;
                try { where = CorpusManifest.ResolveFolder(set, pr.GetValue(corporaList)); }
                catch (DirectoryNotFoundException) { where = $"missing (upstream: {set.Upstream})"; }
                context.Output.WriteLine($"{set.Name,-20} {set.Format,-9} {set.Licence,-40} {where}");
            }
            return CliApp.Success;
        });

        var name = new Argument<string>("set") { Description = "The corpus set, e.g. bach-chorales." };
        var filter = new Option<string?>("--filter") { Description = "Keep only pieces whose labels match, e.g. 'mode=minor,meter=3/4,length<60'." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var corpora = new Option<string?>("--corpora") { Description = "The corpus root." };
        var show = new Command("show", "Loads a set and prints every piece's labels (composer, epoch, genre, key, meter, length, density, tempo, register, activity, minor-chord share) and the files skipped; an ABC file gives one piece per tune (file.abc#X Title).")
        {
            name, filter, json, corpora,
        };
        show.SetAction(pr =>
        {
            var set = CliModels.Set(pr.GetValue(name)!);
            CorpusFilter? f = null;
            if (pr.GetValue(filter) is { } text)
            {
                try { f = CorpusFilter.Parse(text); }
                catch (FormatException e) { throw new CliUsageException(e.Message); }
            }
            var result = CliModels.Guard(() => CorpusLoader.Load(set, pr.GetValue(corpora), f));
            if (pr.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    set = set.Name,
                    folder = result.Folder,
                    pieces = result.Pieces.Select(p => new
                    {
                        source = p.Source,
                        composer = p.Labels.Composer,
                        epoch = p.Labels.Epoch,
                        genre = p.Labels.Genre,
                        key = new { tonic = p.Labels.Key.TonicName, mode = p.Labels.Mode.ToString().ToLowerInvariant(), declared = p.Labels.KeyDeclared },
                        meter = p.Labels.Meter.ToString(),
                        voices = p.Labels.Voices,
                        length = Math.Round(p.Labels.LengthQuarters, 4),
                        measures = p.Labels.Measures,
                        noteDensity = Math.Round(p.Labels.NoteDensity, 3),
                        tempo = p.Labels.Tempo,
                        register = new { mean = Math.Round(p.Labels.MeanPitch, 2), low = p.Labels.LowestPitch, high = p.Labels.HighestPitch },
                        rhythmicActivity = Math.Round(p.Labels.RhythmicActivity, 3),
                        minorChordShare = Math.Round(p.Labels.MinorChordShare, 3),
                    }),
                    skipped = result.Problems.Select(p => new { source = p.Source, reason = p.Reason }),
                }, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
                context.Output.WriteLine("source               key          meter  voices  length  density  activity  register  minor");
                foreach (var p in result.Pieces)
                {
                    var l = p.Labels;
                    context.Output.WriteLine($"{p.Source,-20} {l.Key + (l.KeyDeclared ? "" : "?"),-12} {l.Meter,-6} {l.Voices,6} {F(l.LengthQuarters),7} {F(l.NoteDensity),8} {F(l.RhythmicActivity),9} {F(l.MeanPitch),9} {F(l.MinorChordShare),6}");
                }
                foreach (var p in result.Problems) context.Output.WriteLine($"skipped {p.Source}: {p.Reason}");
                context.Output.WriteLine($"{result.Pieces.Count} pieces, {result.Problems.Count} files or tunes skipped ('?' = key estimated, not declared)");
            }
            return CliApp.Success;
        });
        return new Command("corpus", "Corpus sets: list them, or show a set's pieces with their labels.") { list, show };
    }
}
