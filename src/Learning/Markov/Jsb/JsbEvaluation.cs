namespace EvoComposer.Learning.Markov.Jsb;

/// <summary>Negative log-likelihood of a split.</summary>
/// <param name="BitsPerFrame">Bits per 16th-note frame (four voices).</param>
/// <param name="BitsPerNote">Bits per note-level variable (one voice in one frame: bits per frame / 4).</param>
/// <param name="Frames">Frames scored.</param>
public sealed record JsbScore(double BitsPerFrame, double BitsPerNote, long Frames)
{
    /// <summary>Nats per note-level variable (the unit of Coconet's and DeepBach's published figures).</summary>
    public double NatsPerNote => BitsPerNote * Math.Log(2);
}

/// <summary>One configuration tried on the validation split.</summary>
/// <param name="Levels">Context levels (order − 1).</param>
/// <param name="Smoothing">Smoothing.</param>
/// <param name="ValidBitsPerFrame">Bits per frame on the validation split.</param>
public sealed record JsbCandidate(int Levels, Smoothing Smoothing, double ValidBitsPerFrame);

/// <summary>The outcome of the benchmark: the chosen configuration, its scores and the baseline's.</summary>
/// <param name="Levels">Chosen context levels.</param>
/// <param name="Smoothing">Chosen smoothing.</param>
/// <param name="Valid">The chosen model on the validation split.</param>
/// <param name="Test">The chosen model on the test split.</param>
/// <param name="BaselineValid">The baseline on the validation split.</param>
/// <param name="BaselineTest">The baseline on the test split.</param>
/// <param name="Candidates">Every configuration tried.</param>
public sealed record JsbEvaluationResult(
    int Levels, Smoothing Smoothing, JsbScore Valid, JsbScore Test, JsbScore BaselineValid, JsbScore BaselineTest,
    IReadOnlyList<JsbCandidate> Candidates)
{
    /// <summary>The order of the chosen model: context levels + 1.</summary>
    public int Order => Levels + 1;
}

/// <summary>The standard JSB benchmark: fit on train, choose order and smoothing on valid, report on test.</summary>
public static class JsbEvaluation
{
    /// <summary>Runs the benchmark.</summary>
    public static JsbEvaluationResult Run(JsbDataset data)
    {
        var model = JsbFrameModel.Fit(data.Train);
        var candidates = new List<JsbCandidate>();
        foreach (var smoothing in new[] { Smoothing.WittenBell, Smoothing.KneserNey })
        {
            var m = model.WithSmoothing(smoothing);
            for (int levels = 1; levels <= JsbFrameModel.MaxLevels; levels++)
                candidates.Add(new JsbCandidate(levels, smoothing, Score(data.Valid, c => m.Bits(c, levels)).BitsPerFrame));
        }
        var best = candidates.MinBy(c => c.ValidBitsPerFrame)!;
        var chosen = model.WithSmoothing(best.Smoothing);
        var baseline = JsbBaselineModel.Fit(data.Train);
        return new JsbEvaluationResult(
            best.Levels, best.Smoothing,
            Score(data.Valid, c => chosen.Bits(c, best.Levels)),
            Score(data.Test, c => chosen.Bits(c, best.Levels)),
            Score(data.Valid, baseline.Bits),
            Score(data.Test, baseline.Bits),
            candidates);
    }

    private static JsbScore Score(IReadOnlyList<int[][]> chorales, Func<int[][], double> bits)
    {
        var perChorale = new double[chorales.Count];
        Parallel.For(0, chorales.Count, i => perChorale[i] = bits(chorales[i]));
        long frames = chorales.Sum(c => (long)c.Length);
        double total = perChorale.Sum();
        return new JsbScore(total / frames, total / frames / 4, frames);
    }
}
