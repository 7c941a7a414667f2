using System.CommandLine;
using System.Diagnostics;
using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Mining;

namespace EvoComposer.Cli.Commands;

/// <summary><c>evocomposer mine [--corpus SET] [--out FILE]</c>: builds every model of a corpus set into one file.</summary>
public static class MineCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var corpus = new Option<string>("--corpus") { Description = "The corpus set (see corpora/manifest.json).", DefaultValueFactory = _ => ChoraleModels.DefaultSet };
        var output = new Option<string?>("--out") { Description = "The model file to write (default: the cache, where other commands look)." };
        var corpora = new Option<string?>("--corpora") { Description = "The corpus root (default: $EVOCOMPOSER_CORPORA, then ../shared/corpora)." };
        var filter = new Option<string?>("--filter") { Description = "Keep only pieces whose labels match, e.g. 'mode=minor,meter=4/4' (fields: composer, epoch, genre, key, mode, meter, voices, length, measures, density, tempo, register, low, high, activity, minor)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --out file." };
        var command = new Command("mine", "Mines a corpus set: Markov models, the recombinancy lexicon and the originality index, in one versioned file.")
        {
            corpus, output, corpora, filter, force,
        };
        command.SetAction(pr =>
        {
            var set = CliModels.Set(pr.GetValue(corpus)!);
            string? outPath = pr.GetValue(output);
            if (outPath is not null && File.Exists(outPath) && !pr.GetValue(force))
                throw new CliUsageException($"{outPath} exists; pass --force to overwrite it");
            CorpusFilter? f = null;
            if (pr.GetValue(filter) is { } text)
            {
                try { f = CorpusFilter.Parse(text); }
                catch (FormatException e) { throw new CliUsageException(e.Message); }
            }
            var clock = Stopwatch.StartNew();
            var models = CliModels.Guard(() => ChoraleModels.Mine(set, pr.GetValue(corpora), f));
            var mined = clock.Elapsed;
            string path = outPath ?? Path.Combine(ChoraleModels.DefaultCacheFolder(), $"{set.Name}-{models.Fingerprint}.ecm");
            if (f is not null && outPath is null) throw new CliUsageException("a filtered corpus is not cached: pass --out FILE");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            models.Save(path);
            foreach (var p in models.Problems) context.Error.WriteLine($"evocomposer: skipped {p.Source}: {p.Reason}");
            int major = models.Pieces.Count(p => p.Mode == Theory.Music.Mode.Major);
            context.Output.WriteLine($"mined {models.Pieces.Count} pieces of '{set.Name}' ({major} major, {models.Pieces.Count - major} minor, " +
                $"{models.Pieces.Sum(p => p.Length)} beats, {models.Lexicon.Count} groupings) in {mined.TotalSeconds:0.00} s; " +
                $"{models.Problems.Count} files skipped; wrote {path} ({new FileInfo(path).Length / 1024} KiB)");
            return CliApp.Success;
        });
        return command;
    }
}

/// <summary>Shared model loading for the commands.</summary>
internal static class CliModels
{
    /// <summary>The named set of the manifest, or a usage error listing the known ones.</summary>
    public static CorpusSet Set(string name)
    {
        try { return CorpusManifest.Load().Get(name); }
        catch (KeyNotFoundException e) { throw new CliUsageException(e.Message); }
        catch (InvalidDataException e) { throw new CliUsageException(e.Message); }
    }

    /// <summary>Runs a loader, turning a missing corpus or a bad model file into one-line usage errors.</summary>
    public static T Guard<T>(Func<T> load)
    {
        try { return load(); }
        catch (DirectoryNotFoundException e) { throw new CliUsageException(e.Message); }
        catch (ModelFileException e) { throw new CliUsageException(e.Message); }
        catch (KeyNotFoundException e) { throw new CliUsageException(e.Message); }
    }

    /// <summary>The models from an explicit file, else from the cache (mined on first use).</summary>
    public static ChoraleModels Load(string? modelFile, string set, string? corpora, TextWriter log) =>
        Guard(() => modelFile is not null ? ChoraleModels.Load(modelFile) : ChoraleModels.LoadOrBuild(set, corpora, null, log));
}
