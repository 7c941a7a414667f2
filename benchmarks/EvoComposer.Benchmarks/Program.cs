using BenchmarkDotNet.Running;
using System.Diagnostics;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "profile")
        {
            var files = Directory.GetFiles("/work/shared/corpora/bach-370-chorales/kern", "*.krn").Order().ToArray();
            for (int rep = 0; rep < 5; rep++) foreach (var f in files) ScoreFiles.Read(f);
            var sw = Stopwatch.StartNew();
            for (int rep = 0; rep < 3; rep++) foreach (var f in files) ScoreFiles.Read(f);
            Console.WriteLine($"parse: {sw.Elapsed.TotalMilliseconds / 3:F1} ms");
            var scores = files.Select(ScoreFiles.Read).ToArray();
            for (int rep = 0; rep < 5; rep++) foreach (var s in scores) SliceGrid.FromScore(s);
            sw.Restart();
            for (int rep = 0; rep < 3; rep++) foreach (var s in scores) SliceGrid.FromScore(s);
            Console.WriteLine($"grid: {sw.Elapsed.TotalMilliseconds / 3:F1} ms");
            var grids = scores.Select(SliceGrid.FromScore).ToArray();
            for (int rep = 0; rep < 5; rep++) for (int i = 0; i < grids.Length; i++) HarmonicAnalysis.Analyze(grids[i], scores[i].Key, scores[i].KeySignature.Fifths);
            sw.Restart();
            for (int rep = 0; rep < 3; rep++) for (int i = 0; i < grids.Length; i++) HarmonicAnalysis.Analyze(grids[i], scores[i].Key, scores[i].KeySignature.Fifths);
            Console.WriteLine($"analysis: {sw.Elapsed.TotalMilliseconds / 3:F1} ms");
            var analyses = grids.Select((g, i) => HarmonicAnalysis.Analyze(g, scores[i].Key, scores[i].KeySignature.Fifths)).ToArray();
            var list = new List<Violation>();
            foreach (var rule in RuleCatalogue.All)
            {
                var st = RuleSettings.Default(rule);
                for (int rep = 0; rep < 20; rep++)
                    for (int i = 0; i < grids.Length; i++)
                    {
                        list.Clear();
                        if (rule.AppliesTo(grids[i])) rule.Check(new RuleContext(grids[i], analyses[i], false), st, list);
                    }
                sw.Restart();
                for (int rep = 0; rep < 5; rep++)
                    for (int i = 0; i < grids.Length; i++)
                    {
                        list.Clear();
                        if (rule.AppliesTo(grids[i])) rule.Check(new RuleContext(grids[i], analyses[i], false), st, list);
                    }
                Console.WriteLine($"{rule.Id}: {sw.Elapsed.TotalMilliseconds / 5 * 1000 / grids.Length:F2} us/chorale");
            }
            return;
        }
        if (args.Length > 0 && args[0] == "violations")
        {
            SampleViolations.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
