namespace EvoComposer.Learning.Markov.Jsb;

/// <summary>
/// The baseline for the JSB benchmark: each voice independently, order 1 (its previous pitch, absolute),
/// Witten–Bell smoothed over 129 symbols (128 pitches and silence). Immutable and thread-safe once fitted.
/// </summary>
public sealed class JsbBaselineModel
{
    private readonly BackoffModel _model;

    private JsbBaselineModel(BackoffModel model) => _model = model;

    /// <summary>Fits the baseline.</summary>
    public static JsbBaselineModel Fit(IEnumerable<int[][]> chorales)
    {
        var builder = new BackoffModelBuilder(1, 129);
        Span<ulong> contexts = stackalloc ulong[1];
        foreach (var chorale in chorales)
            for (int t = 0; t < chorale.Length; t++)
                for (int v = 0; v < 4; v++)
                {
                    contexts[0] = Context(chorale, t, v);
                    builder.Add(contexts, Symbol(chorale[t][v]));
                }
        return new JsbBaselineModel(builder.Build(Smoothing.WittenBell));
    }

    /// <summary>Total negative log-likelihood in bits of a chorale.</summary>
    public double Bits(int[][] chorale)
    {
        Span<ulong> contexts = stackalloc ulong[1];
        double bits = 0;
        for (int t = 0; t < chorale.Length; t++)
            for (int v = 0; v < 4; v++)
            {
                contexts[0] = Context(chorale, t, v);
                bits -= Math.Log2(_model.Probability(contexts, Symbol(chorale[t][v])));
            }
        return bits;
    }

    private static int Symbol(int pitch) => pitch < 0 ? 128 : pitch;
    private static ulong Context(int[][] chorale, int t, int v) => ContextHash.Mix(ContextHash.Empty, v, t == 0 ? -1 : chorale[t - 1][v]);
}
