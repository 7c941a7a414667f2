using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>
/// The plan terms (<see cref="ChoraleFitness.CompositionTerms"/>) of 64 random 16-bar chorales, in µs of this thread's
/// CPU per chorale (on a loaded machine the honest clock), as the GA meets them: each candidate prepared afresh
/// (<see cref="ChoraleEvaluation"/>), then one term or all of them; a term's figure is that minus the preparation alone,
/// best of five rounds. First prints each term's sum over the chorales (a checksum: a faster term must give the same).
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- plan-profile [SECONDS]</c>.
/// </summary>
internal static class PlanTermsProfile
{
    public static void Run(double seconds)
    {
        var plan = PhrasePlan.Default(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8);
        var genomes = Enumerable.Range(0, 64).Select(i => new RandomChoraleFactory(plan).Create(RandomStream.For((ulong)i + 1, 0, 0, RandomPurpose.Initialization))).ToArray();
        var terms = ChoraleFitness.CompositionTerms.ToArray();
        foreach (var t in terms)
            Console.WriteLine($"checksum {t.Name,-16} {genomes.Sum(g => t.Evaluate(new ChoraleEvaluation(g))):R}");
        double sink = 0;
        (double Us, double Bytes) Fresh(ChoraleTerm[] measured, double secs)
        {
            long n = 0, allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            double cpu = ThreadCpu.Microseconds;
            while (sw.Elapsed.TotalSeconds < secs)
            {
                foreach (var g in genomes)
                {
                    var e = new ChoraleEvaluation(g);
                    sink += e.Chords.Length;
                    foreach (var t in measured) sink += t.Evaluate(e);
                }
                n += genomes.Length;
            }
            return ((ThreadCpu.Microseconds - cpu) / n, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / n);
        }
        ChoraleTerm[][] runs = [[], .. terms.Select(t => new[] { t }), terms];
        var best = new (double Us, double Bytes)[runs.Length];
        Array.Fill(best, (double.MaxValue, 0));
        double slot = seconds / 5 / runs.Length;
        for (int round = 0; round < 5; round++)
            for (int i = 0; i < runs.Length; i++)
            {
                var r = Fresh(runs[i], slot);
                if (r.Us < best[i].Us) best[i] = r;
            }
        Console.WriteLine($"{"preparation alone",-22} {best[0].Us,8:F3} us cpu {best[0].Bytes,8:F0} B");
        for (int i = 0; i < terms.Length; i++)
            Console.WriteLine($"  {terms[i].Name,-20} {best[i + 1].Us - best[0].Us,8:F3} us cpu {best[i + 1].Bytes - best[0].Bytes,8:F0} B");
        Console.WriteLine($"{"all plan terms",-22} {best[^1].Us - best[0].Us,8:F3} us cpu {best[^1].Bytes - best[0].Bytes,8:F0} B (with the preparation {best[^1].Us:F3} us)");
        if (sink == 0.5) Console.WriteLine();
    }
}
