using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer evaluate style [--json]</c>: grouped k-fold cross-validation of a style classifier (excerpts of
/// one piece never in both training and test), the confusion matrix, and the features that mark each class in a
/// model trained on all the data. A subcommand of <see cref="EvaluateCommand"/>.
/// </summary>
public static class EvaluateStyleCommand
{
    /// <summary>Builds the <c>style</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var task = new Option<string>("--task") { Description = "style (default) or real-vs-generated.", DefaultValueFactory = _ => StyleCommandSupport.StyleTask };
        var folds = new Option<int>("--folds") { Description = "Number of folds (default 5).", DefaultValueFactory = _ => 5 };
        var corpora = StyleCommandSupport.CorporaOption();
        var kind = StyleCommandSupport.ModelKindOption();
        var l2 = StyleCommandSupport.L2Option();
        var measures = StyleCommandSupport.MeasuresOption();
        var melodic = StyleCommandSupport.MelodicOption();
        var keepRepeats = StyleCommandSupport.KeepRepeatsOption();
        var seed = StyleCommandSupport.SeedOption();
        var maxPieces = StyleCommandSupport.MaxPiecesOption();
        var generated = StyleCommandSupport.GeneratedOption();
        var samples = StyleCommandSupport.SamplesOption();
        var methods = StyleCommandSupport.MethodsOption();
        var top = new Option<int>("--top") { Description = "Features listed per class (default 5).", DefaultValueFactory = _ => 5 };
        var importance = new Option<int>("--importance") { Description = "Also report permutation importance on the held-out folds (each fold's model on its own test excerpts) with this many seeded shuffles per feature (0: off, default).", DefaultValueFactory = _ => 0 };
        var without = new Option<string?>("--without") { Description = "Features to leave out, by name, comma-separated, or 'none' to use every feature (default: the task's own list: cadence.duration for real-vs-generated, none for style)." };
        var command = new Command("style", "Cross-validates a style classifier grouped by piece and lists the features that mark each class.")
        {
            json, task, folds, corpora, kind, l2, measures, melodic, keepRepeats, seed, maxPieces, generated, samples, methods, top, importance, without,
        };
        command.SetAction(pr =>
        {
            string name = StyleCommandSupport.CheckTask(pr.GetValue(task)!);
            var trainer = StyleCommandSupport.Trainer(pr.GetValue(kind), name, pr.GetValue(l2), pr.GetValue(seed));
            int k = pr.GetValue(folds), topCount = pr.GetValue(top), repeats = pr.GetValue(importance);
            if (k < 2 || k > 50) throw new CliUsageException($"--folds must be 2-50, not {k}");
            if (topCount < 1) throw new CliUsageException($"--top must be positive, not {topCount}");
            if (repeats < 0) throw new CliUsageException($"--importance must not be negative, not {repeats}");
            var options = StyleCommandSupport.Options(name, pr.GetValue(measures), pr.GetValue(melodic), pr.GetValue(seed), pr.GetValue(maxPieces), pr.GetValue(keepRepeats));
            if (pr.GetValue(without) is { } left)
            {
                var names = left.Trim() == "none" ? [] : left.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
                foreach (string unknown in names.Where(n => !StyleFeatures.Schema.Contains(n)).Order(StringComparer.Ordinal))
                    throw new CliUsageException($"--without: no feature named '{unknown}' (every model file lists the feature names)");
                options = options with { ExcludedFeatures = [.. names] };
            }
            var watch = Stopwatch.StartNew();
            var data = StyleCommandSupport.Load(name, options, pr.GetValue(corpora), pr.GetValue(generated), pr.GetValue(samples), pr.GetValue(methods)!, context);
            double loadSeconds = watch.Elapsed.TotalSeconds;
            var counts = data.Data.ClassCounts();
            CrossValidationResult cv;
            var heldOut = new List<(ClassifierModel, LabeledDataset)>();
            try { cv = CrossValidation.Grouped(trainer, data.Data, k, options.Seed, onFold: repeats > 0 ? (m, test) => heldOut.Add((m, test)) : null); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
            var bySource = Enumerable.Range(0, data.Data.Count)
                .GroupBy(i => data.Data.Group(i).Split('/')[0], StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Source: g.Key, Excerpts: g.Count(), Accuracy: g.Count(i => cv.Predicted[i] == data.Data.Label(i)) / (double)g.Count()))
                .ToList();
            var model = trainer.Fit(data.Data);
            var topFeatures = model.Classes.ToDictionary(c => c, c => model.TopFeatures(c, topCount));
            // Importance on the held-out folds: each excerpt is scored by the model that did not see its piece.
            var importances = repeats > 0 ? PermutationImportance.HeldOut(heldOut, repeats, options.Seed) : [];
            double seconds = watch.Elapsed.TotalSeconds;

            if (pr.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    task = name,
                    accuracy = Math.Round(cv.Accuracy, 6),
                    classes = cv.Classes,
                    confusion = cv.Confusion,
                    folds = cv.Folds,
                    foldAccuracies = cv.FoldAccuracies.Select(a => Math.Round(a, 6)),
                    pieceAccuracy = Math.Round(cv.GroupAccuracy, 6),
                    recall = cv.Classes.Select((c, i) => new { @class = c, recall = Math.Round(cv.Recall[i], 6) }),
                    bySource = bySource.Select(b => new { source = b.Source, excerpts = b.Excerpts, accuracy = Math.Round(b.Accuracy, 6) }),
                    grouping = "piece",
                    excerpts = cv.Rows,
                    pieces = cv.Groups,
                    piecesPerClass = data.PiecesPerClass,
                    excerptsPerClass = cv.Classes.Select((c, i) => new { @class = c, excerpts = counts[i] }),
                    measures = options.Measures,
                    featureSet = options.Melodic ? "melodic" : "all",
                    mergeRepeats = options.MergeRepeats,
                    excludedFeatures = options.ExcludedFeatures,
                    features = data.Data.Schema.Count,
                    model = model.Kind,
                    seed = options.Seed,
                    skippedFiles = data.Problems.Length,
                    topFeatures = topFeatures.ToDictionary(p => p.Key, p => p.Value.Select(w => new { feature = w.Feature, strength = Math.Round(w.Strength, 4), text = w.Text })),
                    permutationImportance = repeats > 0
                        ? importances.Take(15).Select(i => new { feature = i.Feature, accuracyDrop = Math.Round(i.AccuracyDrop, 5), accuracyDropSd = Math.Round(i.AccuracyDropSd, 5), logLossIncrease = Math.Round(i.LogLossIncrease, 5), logLossIncreaseSd = Math.Round(i.LogLossIncreaseSd, 5) })
                        : null,
                    seconds = new { load = Math.Round(loadSeconds, 2), total = Math.Round(seconds, 2) },
                }, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
                return CliApp.Success;
            }
            string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
            string S(double x) => (x < 0 ? "\u2212" : "+") + F(Math.Abs(x));
            var o = context.Output;
            o.WriteLine($"{name}: {model.Kind}, {(options.Melodic ? "melodic" : "all")} features ({data.Data.Schema.Count}), excerpts of {options.Measures} measures, " +
                        $"{cv.Folds}-fold cross-validation grouped by piece, seed {options.Seed}");
            o.WriteLine($"{cv.Rows} excerpts from {cv.Groups} pieces; {data.Problems.Length} files skipped");
            o.WriteLine($"accuracy {F(cv.Accuracy)} (folds: {string.Join(", ", cv.FoldAccuracies.Select(F))}); per piece (log-probabilities summed over its excerpts) {F(cv.GroupAccuracy)}");
            int width = Math.Max(10, cv.Classes.Max(c => c.Length) + 1);
            o.WriteLine("confusion (rows: true, columns: predicted)");
            o.WriteLine(new string(' ', width) + string.Concat(cv.Classes.Select(c => c.PadLeft(width))) + "    recall");
            for (int i = 0; i < cv.Classes.Length; i++)
                o.WriteLine(cv.Classes[i].PadRight(width) + string.Concat(cv.Confusion[i].Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(width))) + "    " + F(cv.Recall[i]));
            o.WriteLine("accuracy by source: " + string.Join(", ", bySource.Select(b => $"{b.Source} {F(b.Accuracy)} ({b.Excerpts.ToString(CultureInfo.InvariantCulture)} excerpts)")));
            o.WriteLine("features that mark each class (model trained on all excerpts):");
            foreach (var (cls, weights) in topFeatures)
                o.WriteLine($"  {cls}: {string.Join("; ", weights.Select(w => $"{w.Text} [{w.Feature}]"))}");
            if (repeats > 0)
            {
                o.WriteLine($"permutation importance on the held-out folds ({repeats} shuffles each, pooled over folds; mean ± sd):");
                foreach (var i in importances.Take(15))
                    o.WriteLine($"  {i.Feature,-28} log-loss rise {S(i.LogLossIncrease)} ± {F(i.LogLossIncreaseSd)}   accuracy drop {S(i.AccuracyDrop)} ± {F(i.AccuracyDropSd)}");
            }
            o.WriteLine($"({seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
            return CliApp.Success;
        });
        return command;
    }
}
