using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

/// <summary>Datasets whose answer is known.</summary>
internal static class SyntheticData
{
    public static readonly FeatureSchema Schema = new([
        new FeatureInfo("signal.x", "Informative: class 1 is high.", "x", false),
        new FeatureInfo("signal.y", "Informative: class 2 is high.", "y", false),
        new FeatureInfo("noise", "No signal at all.", "noise", false),
    ]);

    /// <summary>
    /// Three classes at (0,0), (6,0) and (0,6) with noise in [−1, 1] on the signals (so they are separable), and a
    /// third feature of pure noise. Rows come in groups of <paramref name="perGroup"/> of one class.
    /// </summary>
    public static LabeledDataset Separable(int rowsPerClass, int seed, int perGroup = 5)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var labels = new List<int>();
        var groups = new List<string>();
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < rowsPerClass; i++)
            {
                double x = (k == 1 ? 6 : 0) + random.NextDouble() * 2 - 1;
                double y = (k == 2 ? 6 : 0) + random.NextDouble() * 2 - 1;
                rows.Add([x, y, random.NextDouble() * 10 - 5]);
                labels.Add(k);
                groups.Add($"c{k}-g{i / perGroup}");
            }
        return new LabeledDataset(Schema, ["a", "b", "c"], rows, labels, groups);
    }
}
