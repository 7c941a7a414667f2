using System.Globalization;
using EvoComposer.Learning.Mining;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Thread CPU time of <see cref="ChoraleModels.ResampleSpan"/> (the Markov span mutation's draw) over the first 40
/// mined corpus pieces: every 2-beat and 4-beat span at every fourth beat, free and with the soprano kept; best of
/// three passes, and a checksum of what was drawn (equal before and after a speed change means the same draws). Run:
/// <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- span-profile</c>.
/// </summary>
public static class SpanSamplerProfile
{
    /// <summary>Prints the time per draw and the checksum.</summary>
    public static void Run()
    {
        var models = ChoraleModels.LoadOrBuild();
        var pieces = models.Pieces.Take(40).ToArray();
        double best = double.MaxValue;
        long checksum = 0;
        int draws = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            var random = new Random(1);
            checksum = 0;
            draws = 0;
            double cpu = ThreadCpu.Microseconds;
            foreach (var piece in pieces)
                for (int start = 0; start + 4 <= piece.Length; start += 4)
                    foreach (int length in new[] { 2, 4 })
                        foreach (bool keep in new[] { false, true })
                        {
                            var drawn = models.ResampleSpan(piece, start, start + length, random, new SpanSamplingOptions(KeepSoprano: keep));
                            foreach (var beat in drawn) checksum = checksum * 31 + beat.Opening;
                            draws++;
                        }
            best = Math.Min(best, (ThreadCpu.Microseconds - cpu) / draws);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ResampleSpan: {best:0.0} us cpu per draw ({draws} draws, best of 3); checksum {checksum:x16}"));
    }
}
