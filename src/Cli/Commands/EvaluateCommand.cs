using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoComposer.Learning.Markov.Jsb;
using EvoComposer.Theory.Corpora;

namespace EvoComposer.Cli.Commands;

/// <summary><c>evocomposer evaluate markov [--json] [--corpora DIR]</c>: the JSB chorales benchmark; <c>evaluate style</c> and <c>evaluate harmonize</c> are its siblings.</summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var corpora = new Option<string?>("--corpora") { Description = "The corpus root (default: $EVOCOMPOSER_CORPORA, then ../shared/corpora)." };
        var markov = new Command("markov", "The JSB chorales benchmark: fit on train, choose order, smoothing and voice order on valid, report the NLL on test beside an order-1 baseline.")
        {
            json, corpora,
        };
        markov.SetAction(pr =>
        {
            string root = CorpusLocator.Find(pr.GetValue(corpora))
                ?? throw new CliUsageException("no corpus found: pass --corpora DIR, set EVOCOMPOSER_CORPORA, or place the shared corpora at ../shared/corpora");
            JsbDataset data;
            try { data = JsbDataset.Load(Path.Combine(root, "jsb-split")); }
            catch (InvalidDataException e) { throw new CliUsageException(e.Message); }
            var result = JsbEvaluation.Run(data);
            if (pr.GetValue(json)) context.Output.WriteLine(ToJson(result));
            else WriteTable(context.Output, result);
            return CliApp.Success;
        });
        return new Command("evaluate", "Evaluates models on standard benchmarks.") { markov, EvaluateStyleCommand.Create(context), EvaluateHarmonizeCommand.Create(context), EvaluateStyleHeldOutCommand.Create(context) };
    }

    private static object Split(JsbScore s) => new
    {
        bitsPerFrame = Math.Round(s.BitsPerFrame, 4),
        bitsPerNote = Math.Round(s.BitsPerNote, 4),
        natsPerNote = Math.Round(s.NatsPerNote, 4),
        frames = s.Frames,
    };

    internal static string ToJson(JsbEvaluationResult r) => JsonSerializer.Serialize(new
    {
        valid = Split(r.Valid),
        test = Split(r.Test),
        order = r.Order,
        smoothing = r.Smoothing == Learning.Markov.Smoothing.KneserNey ? "kneser-ney" : "witten-bell",
        voiceOrder = r.VoiceOrder,
        model = $"factorised frame model: the voices in the order {r.VoiceOrder}, each conditioned on the previous frame and the voices already chosen (see JsbFrameModel)",
        unit = "bitsPerNote = bits per note-level variable (one voice in one 16th-note frame) = bitsPerFrame / 4",
        baseline = new
        {
            description = "each voice independently, order 1 (its own previous pitch), Witten-Bell",
            valid = Split(r.BaselineValid),
            test = Split(r.BaselineTest),
        },
        candidates = r.Candidates.Select(c => new
        {
            order = c.Levels + 1,
            voiceOrder = c.VoiceOrder,
            smoothing = c.Smoothing == Learning.Markov.Smoothing.KneserNey ? "kneser-ney" : "witten-bell",
            validBitsPerFrame = Math.Round(c.ValidBitsPerFrame, 4),
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    private static void WriteTable(TextWriter o, JsbEvaluationResult r)
    {
        string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        o.WriteLine($"JSB chorales, 16th-note frames; model order {r.Order}, {r.Smoothing}, voices predicted in the order {r.VoiceOrder}");
        o.WriteLine("               bits/frame  bits/note  nats/note");
        o.WriteLine($"model valid    {F(r.Valid.BitsPerFrame),10} {F(r.Valid.BitsPerNote),10} {F(r.Valid.NatsPerNote),10}");
        o.WriteLine($"model test     {F(r.Test.BitsPerFrame),10} {F(r.Test.BitsPerNote),10} {F(r.Test.NatsPerNote),10}");
        o.WriteLine($"baseline valid {F(r.BaselineValid.BitsPerFrame),10} {F(r.BaselineValid.BitsPerNote),10} {F(r.BaselineValid.NatsPerNote),10}");
        o.WriteLine($"baseline test  {F(r.BaselineTest.BitsPerFrame),10} {F(r.BaselineTest.BitsPerNote),10} {F(r.BaselineTest.NatsPerNote),10}");
        o.WriteLine("(a note = one voice in one frame; baseline: each voice alone, order 1, Witten-Bell)");
    }
}
