using System.Diagnostics;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>
/// A quick breakdown of the chorale fitness of 16-bar chorales by component (µs per chorale, one thread), with the
/// cached corpus models and style model when they exist. Run:
/// <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- fitness-profile</c>.
/// </summary>
internal static class GenomeBeatsAccess
{
    /// <summary>The genome as mined beats in C, as the Markov term sees it.</summary>
    public static MinedPiece ToMined(ChoraleGenome g) => MinedScores.FromScore(g.ToScore(), "genome", g.Plan.Key);
}

internal static class FitnessProfile
{
    public static void Run()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        var genomes = Enumerable.Range(0, 200).Select(i => new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization))).ToArray();
        ChoraleModels? models = null;
        try { models = ChoraleModels.LoadOrBuild(); } catch (Exception e) { Console.WriteLine($"no models: {e.Message}"); }
        string stylePath = Path.Combine(ChoraleModels.DefaultCacheFolder(), "models", "real-vs-generated.json");
        StyleScorer? style = File.Exists(stylePath) ? StyleScorer.Load(stylePath) : null;
        var extra = new List<ChoraleTerm>();
        if (models is not null) extra.Add(new MarkovTerm(models));
        if (style is not null) extra.Add(new StyleTerm(style));
        var fitness = ChoraleFitness.Create(FitnessWeights.Default, extra);
        var active = fitness.Terms.Where(t => t.Weight != 0).Select(t => t.Term).ToArray();

        double Time(string name, Action<ChoraleGenome> action)
        {
            for (int rep = 0; rep < 3; rep++) foreach (var g in genomes) action(g);
            var best = double.MaxValue;
            for (int round = 0; round < 5; round++)
            {
                var sw = Stopwatch.StartNew();
                for (int rep = 0; rep < 5; rep++) foreach (var g in genomes) action(g);
                best = Math.Min(best, sw.Elapsed.TotalMicroseconds / (5 * genomes.Length));
            }
            Console.WriteLine($"{name,-28} {best,8:F2} us");
            return best;
        }

        if (Environment.GetEnvironmentVariable("PROFILE_COMPOSE") == "1")
        {
            // A GA run's own mix of genomes (a population converging), where repeated contexts are common.
            var options = new CompositionOptions { Plan = plan, Seed = 1, Threads = 1, Generations = 30, Models = models, Style = style };
            ChoraleComposer.Compose(options with { Generations = 2 });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var result = ChoraleComposer.Compose(options);
            double evaluations = 2.0 * options.Population * (options.Generations + 1);
            Console.WriteLine($"compose 16 bars, 30 generations: {sw.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s cpu, ~{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / evaluations:F0} us cpu per evaluation (incl. operators); fitness {result.Fitness:F4}");
            return;
        }
        Time("grid", g => g.ToSliceGrid());
        Time("prepare (grid + chords)", g => new ChoraleEvaluation(g));
        var prepared = genomes.ToDictionary(g => g, g => new ChoraleEvaluation(g));
        Time("analysis (keys, chords)", g => _ = new ChoraleEvaluation(g).RuleContext.Analysis);
        foreach (var g in genomes) _ = prepared[g].RuleContext.Analysis;
        if (models is not null)
        {
            var mined = genomes.ToDictionary(g => g, g => GenomeBeatsAccess.ToMined(g));
            Time("markov: genome to beats", g => GenomeBeatsAccess.ToMined(g));
            Time("markov: harmonic", g => models.Harmonic.LogProbabilities(mined[g]));
            Time("markov: melodic", g => models.Melodic.AddLogProbabilities(mined[g], new double[mined[g].Length]));
        }
        double rules = 0, own = 0;
        var perTerm = new List<(string, double)>();
        foreach (var term in active)
        {
            var t = (ChoraleTerm)term;
            double us = Measure(() => { foreach (var g in genomes) t.Evaluate(prepared[g]); }) / genomes.Length;
            perTerm.Add((t.Name, us));
            if (t is RuleTerm) rules += us; else if (t.Name is not ("markov" or "style")) own += us;
        }
        foreach (var (n, us) in perTerm.OrderByDescending(x => x.Item2).Take(12)) Console.WriteLine($"  term {n,-26} {us,8:F2} us");
        Console.WriteLine($"{"rule terms (analysis made)",-28} {rules,8:F2} us");
        Console.WriteLine($"{"composition terms",-28} {own,8:F2} us");
        Time("total fitness", g => fitness.Evaluate(g));
        var builtIn = ChoraleFitness.Create(FitnessWeights.Default);
        Time("total, built-in terms only", g => builtIn.Evaluate(g));
    }

    private static double Measure(Action action)
    {
        for (int rep = 0; rep < 3; rep++) action();
        double best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int rep = 0; rep < 3; rep++) action();
            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / 3);
        }
        return best;
    }
}
