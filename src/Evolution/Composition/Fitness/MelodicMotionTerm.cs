using System.Runtime.CompilerServices;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>Shared arithmetic of the chorale terms.</summary>
internal static class Intervals
{
    public static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>1 for true, 0 for false, without a branch (for counts of random candidates, where branches mispredict).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bit(bool b) => Unsafe.BitCast<bool, byte>(b);

}

/// <summary>Melodic motion beyond a step in the inner voices and beyond a third in the soprano (a quarter per semitone).</summary>
public sealed class MelodicMotionTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "melodic-motion";
    /// <inheritdoc/>
    public override string Description => "How far the voices move: a quarter per semitone beyond a whole tone (alto, tenor) or a major third (soprano).";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        var g = input.Grid;
        var midi = g.Midi;
        var att = g.Attacked;
        double cost = 0;
        for (int v = input.Genome.IsFree(0) ? 0 : 1; v < 3; v++)
        {
            int free = v == 0 ? 4 : 2;
            int prev = -1;
            for (int s = 0; s < g.SliceCount; s++)
            {
                int c = s * 4 + v;
                if (!att[c]) continue;
                if (prev >= 0)
                {
                    int semis = Math.Abs(midi[c] - midi[prev]);
                    if (semis > free)
                    {
                        double x = 0.25 * (semis - free);
                        cost += x;
                        if (findings is not null && semis >= 5) Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} leaps {semis} semitones", x, v);
                    }
                }
                prev = c;
            }
        }
        return cost;
    }
}
