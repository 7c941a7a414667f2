using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Benchmarks;

/// <summary>
/// The rule catalogue as the GA's rule terms run it (count-only contexts), on 200 random 16-bar chorales, in µs of this
/// thread's CPU per chorale: the rule terms (shared motion lists included) as the difference between preparing a candidate
/// (grid, chords, analysis) with and without them, as the GA does, with the bytes they allocate; the catalogue run ten times
/// on the same candidate (data in the cache, branches learnt: a floor, not what the GA pays); then each rule alone on
/// contexts whose shared lists are made already (its own loop, over all the candidates in turn).
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- rule-profile</c>; with <c>loop SECONDS</c>
/// it only prepares candidates and runs the rule terms, for a sampling profiler such as <c>perf</c>.
/// </summary>
internal static class RuleCatalogueProfile
{
    public static void Run(double loopSeconds = 0)
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        var evaluations = Enumerable.Range(0, 200)
            .Select(i => new ChoraleEvaluation(new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization))))
            .ToArray();
        foreach (var e in evaluations) _ = e.Analysis;
        var settings = RuleTerm.RuleSet.Enabled.Where(s => s.Rule.Family == RuleFamily.Chorale).ToArray();
        RuleContext Fresh(ChoraleEvaluation e) => new(e.Grid, e.Analysis, explain: false, e.Plan.Key, e.Plan.Key.Signature.Fifths, countOnly: true);
        var list = new List<Violation>();
        int Count(RuleContext c, RuleSettings s)
        {
            if (!s.Rule.AppliesTo(c.Grid)) return 0;
            list.Clear();
            s.Rule.Check(c, s, list);
            return list.Count;
        }

        double Time(Action<int> action)
        {
            for (int rep = 0; rep < 3; rep++) for (int i = 0; i < evaluations.Length; i++) action(i);
            double best = double.MaxValue;
            for (int round = 0; round < 7; round++)
            {
                double cpu = ThreadCpu.Microseconds;
                for (int rep = 0; rep < 5; rep++) for (int i = 0; i < evaluations.Length; i++) action(i);
                best = Math.Min(best, (ThreadCpu.Microseconds - cpu) / (5 * evaluations.Length));
            }
            return best;
        }

        Console.WriteLine($"grids: {evaluations.Average(e => e.Grid.SliceCount):F1} slices, {evaluations.Average(e => e.Grid.NoteCount):F1} notes on average");
        // In the GA a candidate's grid and analysis are made just before its rules run, so they are in the cache: time the rule
        // terms as the difference between preparing (grid, chords, analysis) with and without them.
        var genomes = evaluations.Select(e => e.Genome).ToArray();
        var terms = RuleTerm.Catalogue;
        double checksum = 0;
        if (loopSeconds > 0)
        {
            // For a sampling profiler: prepare candidates and run the rule terms on them, as the GA does, for a while.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < loopSeconds)
                foreach (var g in genomes) { var e = new ChoraleEvaluation(g); foreach (var t in terms) checksum += t.Evaluate(e); }
            Console.WriteLine($"checksum {checksum}");
            return;
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var g in genomes) _ = new ChoraleEvaluation(g).Analysis;
        long prepBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var g in genomes) { var e = new ChoraleEvaluation(g); foreach (var t in terms) checksum += t.Evaluate(e); }
        double bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - before - prepBytes) / genomes.Length;
        double prepare = Time(i => _ = new ChoraleEvaluation(genomes[i]).Analysis);
        double with = Time(i => { var e = new ChoraleEvaluation(genomes[i]); foreach (var t in terms) t.Evaluate(e); });
        Console.WriteLine($"prepare + analysis {prepare,7:F2} us cpu; with the {terms.Count} rule terms {with,7:F2} us: rule terms {with - prepare,6:F2} us cpu, {bytes / 1024,6:F2} KB allocated per chorale (violations {checksum})");
        double again = Time(i => { for (int k = 0; k < 10; k++) { var c = Fresh(evaluations[i]); foreach (var s in settings) Count(c, s); } }) / 10;
        Console.WriteLine($"the catalogue again on the same candidate (data in the cache), fresh contexts: {again,6:F2} us cpu");
        Console.WriteLine("each rule on contexts made already (shared lists made, data not in the cache):");
        var warm = evaluations.Select(Fresh).ToArray();
        foreach (var c in warm) foreach (var s in settings) Count(c, s);
        double sum = 0;
        foreach (var s in settings)
        {
            double us = Time(i => Count(warm[i], s));
            sum += us;
            Console.WriteLine($"  {s.Rule.Id,-30} {us,7:F2} us");
        }
        Console.WriteLine($"  sum of rules {sum,7:F2} us");
    }
}
