using EvoComposer.Learning.Style;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Style;

public class StyleScorerTests
{
    // "real": stepwise melodies over a held bass; "generated": leaping ones.
    private static Score Piece(int seed, bool steps)
    {
        var random = new Random(seed);
        int pitch = 72;
        var top = new int[32];
        for (int i = 0; i < top.Length; i++)
        {
            top[i] = pitch;
            int move = steps ? random.Next(1, 3) : random.Next(5, 10);
            pitch += pitch > 76 ? -move : pitch < 66 ? move : random.Next(2) == 0 ? move : -move;
        }
        return SyntheticScores.Quarters(top, Enumerable.Repeat(48, 32).ToArray());
    }

    private static readonly ClassifierModel Model = new LogisticRegressionTrainer().Fit(StyleTasks.Build(["real", "generated"],
        Enumerable.Range(0, 30).Select(i => new LabeledScore(i % 2 == 0 ? "real" : "generated", $"p{i}", Piece(i, i % 2 == 0))),
        new StyleTaskOptions { Measures = 4, Hop = 4 }).Data);

    [Fact]
    public void LogProbability_IsTheModelsLogProbabilityOfTheTargetClass()
    {
        var scorer = new StyleScorer(Model, "real");
        var excerpt = CompactExcerpt.FromScore(Piece(101, steps: true));
        double logP = scorer.LogProbability(excerpt);
        Assert.True(logP <= 0);
        Assert.Equal(Math.Log(Model.Predict(StyleFeatures.Extract(excerpt))["real"]), logP, 9);
    }

    [Fact]
    public void LogProbability_PrefersTheRealClassForRealLikeMusic()
    {
        var scorer = new StyleScorer(Model, "real");
        Assert.True(scorer.LogProbability(Piece(200, steps: true).Let(CompactExcerpt.FromScore)) >
                    scorer.LogProbability(Piece(201, steps: false).Let(CompactExcerpt.FromScore)));
    }

    [Fact]
    public void LogProbability_InParallel_EqualsSequential()
    {
        var scorer = new StyleScorer(Model, "real");
        var excerpts = Enumerable.Range(0, 64).Select(i => CompactExcerpt.FromScore(Piece(300 + i, i % 3 == 0))).ToArray();
        var sequential = excerpts.Select(scorer.LogProbability).ToArray();
        var parallel = new double[excerpts.Length];
        Parallel.For(0, excerpts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = scorer.LogProbability(excerpts[i]));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Constructor_UnknownClass_Throws() =>
        Assert.Throws<KeyNotFoundException>(() => new StyleScorer(Model, "bach"));
}

internal static class LetExtensions
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
