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
        // Counted in quarter semitones: every cost is a multiple of 0.25, so the sum is exact and equals the sum of the
        // costs in any order. No branches on the notes (random candidates mispredict them).
        int quarters = 0;
        for (int v = input.Genome.IsFree(0) ? 0 : 1; v < 3; v++)
        {
            int free = v == 0 ? 4 : 2;
            int prev = 0, hasPrev = 0;
            for (int s = 0, c = v; s < g.SliceCount; s++, c += 4)
            {
                int attack = Intervals.Bit(att[c]), m = midi[c];
                int d = m - prev, semis = (d ^ (d >> 31)) - (d >> 31);
                int beyond = semis - free;
                int excess = beyond & ~(beyond >> 31) & -(attack & hasPrev);
                quarters += excess;
                if (findings is not null && excess > 0 && semis >= 5) Add(findings, s, $"{ChoraleGenome.VoiceNames[v]} leaps {semis} semitones", 0.25 * excess, v);
                prev += (m - prev) & -attack;
                hasPrev |= attack;
            }
        }
        return 0.25 * quarters;
    }
}
