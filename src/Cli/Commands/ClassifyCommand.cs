using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Learning.Style;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Formats;

namespace EvoComposer.Cli.Commands;

/// <summary>
/// <c>evocomposer classify FILE [--explain] [--model FILE] [--json]</c>: the style of a score under a trained
/// model. The score is cut into excerpts as in training; probabilities are averaged over them, and the
/// explanation is that of the mean feature vector (for the linear model, exactly the mean of the excerpts' contributions).
/// </summary>
public static class ClassifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A score in any supported format." };
        var explain = new Option<bool>("--explain") { Description = "Show each feature's contribution to the predicted class." };
        var modelPath = new Option<string?>("--model") { Description = "Model file (default: the cache's models/style-KEY.json, written by 'train style')." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var top = new Option<int>("--top") { Description = "Contributions shown with --explain (default 10).", DefaultValueFactory = _ => 10 };
        var command = new Command("classify", "Classifies the style of a score with a trained model.") { file, explain, modelPath, json, top };
        command.SetAction(pr =>
        {
            int count = pr.GetValue(top);
            if (count < 1) throw new CliUsageException($"--top must be positive, not {count}");
            // The user's file first: a missing or damaged score is the first thing to hear about.
            string source = pr.GetValue(file)!;
            var score = ScoreFiles.Read(source);
            string path = pr.GetValue(modelPath) ?? StyleCommandSupport.DefaultModelPath(StyleCommandSupport.StyleTask);
            SavedModel saved;
            try { saved = ClassifierFile.Load(path); }
            catch (ClassifierFileException e) { throw new CliUsageException(e.Message); }
            var model = saved.Model;
            int measures = saved.Properties.TryGetValue("measures", out var m) && int.TryParse(m, CultureInfo.InvariantCulture, out int parsed) ? parsed : 8;
            bool melodic = saved.Properties.TryGetValue("feature-set", out var f) && f == "melodic";
            bool merge = saved.Properties.TryGetValue(StyleScorer.MergeRepeatsProperty, out var r) && r == "true";
            var options = new StyleTaskOptions { Measures = measures, Hop = Math.Max(1, measures / 2), Melodic = melodic, MergeRepeats = merge, MaxExcerptsPerPiece = int.MaxValue };
            var excerpts = StyleTasks.Excerpts(score, options);
            if (excerpts.Count == 0)
            {
                var whole = melodic ? CompactExcerpt.FromScore(score).TopVoice() : CompactExcerpt.FromScore(score);
                excerpts = [merge ? whole.WithRepeatsMerged() : whole];
            }

            int[] projection;
            try { projection = StyleFeatures.Schema.ProjectionTo(model.Schema); }
            catch (KeyNotFoundException e) { throw new CliUsageException($"{path}: {e.Message} (the model was trained by another version)"); }
            var mean = new double[model.Schema.Count];
            var probabilities = new double[model.Classes.Length];
            var full = new double[StyleFeatures.Schema.Count];
            var row = new double[model.Schema.Count];
            var p = new double[model.Classes.Length];
            foreach (var excerpt in excerpts)
            {
                StyleFeatures.ExtractInto(excerpt, full);
                for (int j = 0; j < row.Length; j++) { row[j] = full[projection[j]]; mean[j] += row[j] / excerpts.Count; }
                model.Probabilities(row, p);
                for (int k = 0; k < p.Length; k++) probabilities[k] += p[k] / excerpts.Count;
            }
            int best = 0;
            for (int k = 1; k < probabilities.Length; k++) if (probabilities[k] > probabilities[best]) best = k;
            string predicted = model.Classes[best];
            var explanation = model.Explain(new FeatureVector(model.Schema, mean), predicted);
            var shown = explanation.Contributions.Take(count).ToList();

            if (pr.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    file = source,
                    model = model.Kind,
                    predicted,
                    probabilities = model.Classes.Select((c, k) => new { @class = c, probability = Math.Round(probabilities[k], 6) }),
                    excerpts = excerpts.Count,
                    measures,
                    explanation = pr.GetValue(explain)
                        ? shown.Select(c => new { feature = c.Feature, value = Math.Round(c.Value, 6), reference = Math.Round(c.Reference, 6), contribution = Math.Round(c.Contribution, 6), text = c.Text })
                        : null,
                }, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
                return CliApp.Success;
            }
            string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
            context.Output.WriteLine($"{Path.GetFileName(source)}: {predicted} ({F(probabilities[best])}); " +
                string.Join(", ", model.Classes.Select((c, k) => $"{c} {F(probabilities[k])}")) +
                $"; {excerpts.Count} excerpt{(excerpts.Count == 1 ? "" : "s")} of {measures} measures");
            if (pr.GetValue(explain))
            {
                context.Output.WriteLine($"why {predicted} ({model.Kind}; contributions in log-odds):");
                foreach (var c in shown) context.Output.WriteLine($"  {c.Text}");
            }
            return CliApp.Success;
        });
        return command;
    }
}
