using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Mining;

/// <summary>
/// How pairs of voices move together from beat to beat when both move: for each of the six pairs and each mode, the
/// harmonic interval (mod 12) at the next beat and the direction of each voice's move, given the interval at this
/// beat; add-one smoothed. Learned from the beats' opening sonorities. Used as one more expert when sampling, as a
/// likelihood ratio against a uniform choice (so it neither favours nor penalises holding a note), so that what
/// Bach avoids (parallel fifths and octaves) stays rare. Immutable and thread-safe.
/// </summary>
internal sealed class VoicePairModel
{
    private const int Classes = 13, Moves = 12 * 4; // 12 interval classes + "rest"; interval × up/down × up/down
    private readonly double[] _probability; // [mode][pair][previous class][move]

    private VoicePairModel(double[] probability) => _probability = probability;

    private static readonly (int Upper, int Lower)[] Pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];

    public static VoicePairModel Fit(IEnumerable<MinedPiece> pieces)
    {
        var counts = new double[2 * 6 * Classes * Moves];
        foreach (var piece in pieces)
            for (int i = 1; i < piece.Length; i++)
            {
                var (a, b) = (Pitches(piece.Beats[i - 1].Opening), Pitches(piece.Beats[i].Opening));
                for (int p = 0; p < 6; p++)
                    if (Index((int)piece.Mode, p, a, b) is int k and >= 0) counts[k]++;
            }
        var probability = new double[counts.Length];
        for (int row = 0; row < counts.Length; row += Moves)
        {
            double total = 0;
            for (int m = 0; m < Moves; m++) total += counts[row + m];
            for (int m = 0; m < Moves; m++) probability[row + m] = (counts[row + m] + 1) / (total + Moves);
        }
        return new VoicePairModel(probability);
    }

    private static int[] Pitches(uint opening)
    {
        var (s, a, t, b) = BeatGrouping.Unpack(opening);
        return [s, a, t, b];
    }

    private static int Index(int mode, int pair, ReadOnlySpan<int> previous, ReadOnlySpan<int> next)
    {
        var (u, l) = Pairs[pair];
        if (next[u] == 0 || next[l] == 0 || previous[u] == 0 || previous[l] == 0) return -1;
        if (next[u] == previous[u] || next[l] == previous[l]) return -1; // one of them holds: not modelled
        int previousClass = ((previous[u] - previous[l]) % 12 + 12) % 12;
        int interval = ((next[u] - next[l]) % 12 + 12) % 12;
        int moveU = next[u] > previous[u] ? 1 : 0, moveL = next[l] > previous[l] ? 1 : 0;
        return ((mode * 6 + pair) * Classes + previousClass) * Moves + interval * 4 + moveU * 2 + moveL;
    }

    /// <summary>
    /// The product over the pairs in which both voices move of P(how the pair moves) / (1/48), the probability of a
    /// uniform choice among the 48 outcomes: above 1 for common motions, below 1 for rare ones.
    /// </summary>
    public double Ratio(Mode mode, ReadOnlySpan<int> previous, ReadOnlySpan<int> next)
    {
        double p = 1;
        for (int pair = 0; pair < 6; pair++)
            if (Index((int)mode, pair, previous, next) is int k and >= 0) p *= _probability[k] * Moves;
        return p;
    }
}
