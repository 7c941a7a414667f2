using System.Diagnostics;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>Access to the genome as the Markov term sees it, for the profile.</summary>
internal static class GenomeBeatsAccess
{
    /// <summary>The genome as mined beats in C, as the Markov term sees it.</summary>
    public static MinedPiece ToMined(ChoraleGenome g) => MinedScores.FromScore(g.ToScore(), "genome", g.Plan.Key);
}

/// <summary>CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a loaded machine the honest clock.</summary>
internal static class ThreadCpu
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this one call is blittable
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    /// <summary>Microseconds of CPU this thread has used (falls back to wall time where the call is missing).</summary>
    public static double Microseconds
    {
        get
        {
            try
            {
                if (OperatingSystem.IsLinux() && ClockGetTime(3, out var t) == 0) return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
            }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
            return Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
        }
    }
}

/// <summary>
/// A quick breakdown of the chorale fitness of 16-bar chorales by component (µs of this thread's CPU per chorale, best of
/// several rounds: on a loaded machine wall time says little), with the cached corpus models and style model when they
/// exist. The per-term lines run each term ten times on one candidate (its own cost, candidate in cache); the totals
/// evaluate fresh candidates, as the GA does. Run:
/// <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- fitness-profile</c>
/// (<c>PROFILE_COMPOSE=1</c>: a 30-generation composition instead).
/// </summary>
internal static class FitnessProfile
{
    public static void Run()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        var genomes = Enumerable.Range(0, 200).Select(i => new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization))).ToArray();
        ChoraleModels? models = null;
        try { models = ChoraleModels.LoadOrBuild(); } catch (Exception e) { Console.WriteLine($"no models: {e.Message}"); }
        string stylePath = StyleModelCache.PathFor(StyleModelCache.RealVersusGeneratedTask);
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
            for (int round = 0; round < 7; round++)
            {
                double cpu = ThreadCpu.Microseconds;
                for (int rep = 0; rep < 5; rep++) foreach (var g in genomes) action(g);
                best = Math.Min(best, (ThreadCpu.Microseconds - cpu) / (5 * genomes.Length));
            }
            Console.WriteLine($"{name,-28} {best,8:F2} us cpu");
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
        var grids = genomes.ToDictionary(g => g, g => g.ToSliceGrid());
        Time("  chords of every slice", g => { var gr = grids[g]; Theory.Analysis.HarmonicAnalysis.IdentifyChords(gr, new Theory.Analysis.Chord[gr.SliceCount], new Theory.Analysis.ChordMember[gr.SliceCount * 4]); });
        Time("  keys per slice", g => Theory.Analysis.KeyEstimator.PerSlice(grids[g], g.Plan.Key, g.Plan.Key.Signature.Fifths));
        Time("  whole analysis", g => Theory.Analysis.HarmonicAnalysis.Analyze(grids[g], g.Plan.Key, g.Plan.Key.Signature.Fifths));
        Time("  (dictionary lookup)", g => _ = grids[g]);
        Time("prepare (grid + chords)", g => new ChoraleEvaluation(g));
        var prepared = genomes.Select(g => new ChoraleEvaluation(g)).ToArray();
        Time("prepare + analysis", g => _ = new ChoraleEvaluation(g).RuleContext.Analysis);
        foreach (var e in prepared) _ = e.RuleContext.Analysis;
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
            // Each term ten times on the same candidate: its own cost with the candidate in cache, as in a real evaluation.
            double us = Measure(() => { foreach (var e in prepared) for (int k = 0; k < 10; k++) t.Evaluate(e); }) / (10 * genomes.Length);
            perTerm.Add((t.Name, us));
            if (t is RuleTerm) rules += us; else if (t.Name is not ("markov" or "style")) own += us;
        }
        foreach (var (n, us) in perTerm.OrderByDescending(x => x.Item2)) Console.WriteLine($"  term {n,-26} {us,8:F2} us");
        Console.WriteLine($"{"rule terms (analysis made)",-28} {rules,8:F2} us");
        Console.WriteLine($"{"composition terms",-28} {own,8:F2} us");
        Time("total fitness", g => fitness.Evaluate(g));
        var builtIn = ChoraleFitness.Create(FitnessWeights.Default);
        Time("total, built-in terms only", g => builtIn.Evaluate(g));
        var rulesOnly = FitnessWeights.Default;
        foreach (var t in ChoraleFitness.CompositionTerms) rulesOnly = rulesOnly.With(t.Name, 0);
        var rulesFitness = ChoraleFitness.Create(rulesOnly);
        Time("  rule terms only", g => rulesFitness.Evaluate(g));
        var planOnly = FitnessWeights.Default;
        foreach (var t in RuleTerm.Catalogue) planOnly = planOnly.With(t.Name, 0);
        var planFitness = ChoraleFitness.Create(planOnly);
        Time("  plan terms only", g => planFitness.Evaluate(g));
        Console.WriteLine($"style model: {(style is null ? "none (train it with compose first)" : stylePath)}; markov: {(models is null ? "none" : "yes")}");
    }

    /// <summary>Evaluates random 16-bar chorales for <paramref name="seconds"/> (rules + plan terms, or the full fitness).</summary>
    public static void Loop(bool full, double seconds)
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        var genomes = Enumerable.Range(0, 200).Select(i => new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization))).ToArray();
        var extra = new List<ChoraleTerm>();
        if (full)
        {
            var models = ChoraleModels.LoadOrBuild();
            extra.Add(new MarkovTerm(models));
            extra.Add(new StyleTerm(StyleModelCache.LoadOrTrain(new StyleModelCacheOptions { Models = models }, Console.Error)));
        }
        var fitness = ChoraleFitness.Create(FitnessWeights.Default, extra);
        var sw = Stopwatch.StartNew();
        double cpu = ThreadCpu.Microseconds, sum = 0;
        long n = 0, allocated = GC.GetAllocatedBytesForCurrentThread();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            foreach (var g in genomes) sum += fitness.Evaluate(g);
            n += genomes.Length;
        }
        double us = (ThreadCpu.Microseconds - cpu) / n, bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / n;
        Console.WriteLine($"{n} evaluations, {us:F2} us cpu each, {bytes / 1024:F1} KB allocated each (checksum {sum:F3})");
    }

    /// <summary>Every active term of the full fitness on 400 random chorales, one thread and then two: the values must agree.</summary>
    public static void ThreadSafety()
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        var genomes = Enumerable.Range(0, 400).Select(i => new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization))).ToArray();
        var models = ChoraleModels.LoadOrBuild();
        var fitness = ChoraleFitness.Create(FitnessWeights.Default, [new MarkovTerm(models), new StyleTerm(StyleModelCache.LoadOrTrain(new StyleModelCacheOptions { Models = models }, Console.Error))]);
        foreach (var (term, weight) in fitness.Terms.Where(t => t.Weight != 0))
        {
            var serial = genomes.Select(g => term.Evaluate(new ChoraleEvaluation(g))).ToArray();
            int bad = 0;
            for (int round = 0; round < 3; round++)
            {
                var parallel = new double[genomes.Length];
                Parallel.For(0, genomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => parallel[i] = term.Evaluate(new ChoraleEvaluation(genomes[i])));
                bad += serial.Zip(parallel).Count(p => p.First != p.Second);
            }
            if (bad > 0) Console.WriteLine($"{term.Name}: {bad} of {3 * genomes.Length} values differ between one and two threads");
            var again = genomes.Select(g => term.Evaluate(new ChoraleEvaluation(g))).ToArray();
            var fresh = new double[genomes.Length];
            var thread = new Thread(() => { for (int i = genomes.Length - 1; i >= 0; i--) fresh[i] = term.Evaluate(new ChoraleEvaluation(genomes[i])); });
            thread.Start();
            thread.Join();
            for (int i = 0; i < genomes.Length; i++)
                if (serial[i] != again[i] || serial[i] != fresh[i])
                    Console.WriteLine($"{term.Name}: genome {i}: first pass {serial[i]:R}, second pass {again[i]:R}, new thread in reverse order {fresh[i]:R}");
        }
        Console.WriteLine("done");
    }

    private static double Measure(Action action)
    {
        for (int rep = 0; rep < 3; rep++) action();
        double best = double.MaxValue;
        for (int round = 0; round < 7; round++)
        {
            double cpu = ThreadCpu.Microseconds;
            for (int rep = 0; rep < 3; rep++) action();
            best = Math.Min(best, (ThreadCpu.Microseconds - cpu) / 3);
        }
        return best;
    }
}
