using System.CommandLine;
using System.Globalization;
using EvoComposer.Learning.Style.Classifiers;

namespace EvoComposer.Cli.Commands;

/// <summary><c>evocomposer train TASK</c>: trains a style classifier (style | real-vs-generated) and writes its model file.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var task = new Argument<string>("TASK") { Description = "style (Bach, Palestrina, Monteverdi, Essen) or real-vs-generated (Bach chorales against generated samples)." };
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
        var output = new Option<string?>("--out") { Description = "Model file to write (default: the cache, models/TASK-KEY.json, KEY naming the feature set; compose uses real-vs-generated from there)." };
        var command = new Command("train", "Trains a style classifier on excerpts of the corpus and writes its model file.")
        {
            task, corpora, kind, l2, measures, melodic, keepRepeats, seed, maxPieces, generated, samples, methods, output,
        };
        command.SetAction(pr =>
        {
            string name = StyleCommandSupport.CheckTask(pr.GetValue(task)!);
            var trainer = StyleCommandSupport.Trainer(pr.GetValue(kind), name, pr.GetValue(l2), pr.GetValue(seed));
            var options = StyleCommandSupport.Options(name, pr.GetValue(measures), pr.GetValue(melodic), pr.GetValue(seed), pr.GetValue(maxPieces), pr.GetValue(keepRepeats));
            var data = StyleCommandSupport.Load(name, options, pr.GetValue(corpora), pr.GetValue(generated), pr.GetValue(samples), pr.GetValue(methods)!, context);
            var model = trainer.Fit(data.Data);
            string path = pr.GetValue(output) ?? StyleCommandSupport.DefaultModelPath(name);
            ClassifierFile.Save(path, model, StyleCommandSupport.Properties(name, options, data));
            var counts = data.Data.ClassCounts();
            context.Output.WriteLine($"{model.Kind} for '{name}' on {data.Data.Count} excerpts of {options.Measures} measures " +
                $"({string.Join(", ", data.Data.Classes.Select((c, k) => $"{c} {counts[k].ToString(CultureInfo.InvariantCulture)}"))}); " +
                $"training accuracy {model.Accuracy(data.Data).ToString("0.000", CultureInfo.InvariantCulture)}");
            context.Output.WriteLine($"model written to {path}");
            return CliApp.Success;
        });
        return command;
    }
}
