using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Notation;

/// <summary>
/// Lays out the measures a notation writer prints (where its barlines fall). Stateless and thread-safe.
/// </summary>
internal static class MeasureLayout
{
    /// <summary>
    /// The score's own measures when they run without gaps from 0, else none; then measures of the meter in force
    /// until every note fits (at least one measure). The added measures are full length.
    /// </summary>
    public static List<Measure> FromScore(Score score)
    {
        var result = new List<Measure>();
        bool contiguous = !score.Measures.IsEmpty && score.Measures[0].Onset == Rational.Zero;
        for (int i = 0; contiguous && i < score.Measures.Length; i++)
            contiguous = score.Measures[i].Duration > Rational.Zero &&
                         (i == 0 || score.Measures[i - 1].Onset + score.Measures[i - 1].Duration == score.Measures[i].Onset);
        if (contiguous) result.AddRange(score.Measures);
        Extend(result, score, score.Length);
        return result;
    }

    /// <summary>
    /// Measures from the meters alone: a pickup first (when the score's first measure starts at 0 and is shorter
    /// than its meter), then measures of the meter in force up to the end of the piece (the last note's end, or the
    /// end of the last measure the score marks, whichever is later); the last measure ends there, so it may be
    /// short. An empty score has one empty measure.
    /// </summary>
    public static List<Measure> FromMeters(Score score)
    {
        var result = new List<Measure>();
        var end = score.Measures.IsEmpty ? score.Length : Rational.Max(score.Length, score.Measures[^1].Onset + score.Measures[^1].Duration);
        if (!score.Measures.IsEmpty && score.Measures[0].Onset == Rational.Zero &&
            score.Measures[0].Duration > Rational.Zero && score.Measures[0].Duration < score.Meter.MeasureLength)
            result.Add(new Measure(0, Rational.Zero, score.Measures[0].Duration));
        Extend(result, score, end);
        var last = result[^1];
        if (last.Onset + last.Duration > end) result[^1] = last with { Duration = end - last.Onset };
        return result;
    }

    /// <summary>Adds measures of the meter in force after the last one until <paramref name="end"/> is reached (at least one measure in all).</summary>
    private static void Extend(List<Measure> measures, Score score, Rational end)
    {
        var onset = measures.Count > 0 ? measures[^1].Onset + measures[^1].Duration : Rational.Zero;
        int number = measures.Count > 0 ? measures[^1].Number : 0;
        while (onset < end || measures.Count == 0)
        {
            var m = new Measure(++number, onset, score.MeterAt(onset).MeasureLength);
            measures.Add(m);
            onset += m.Duration;
        }
    }
}
