namespace EvoComposer.Learning.Mining;

/// <summary>
/// A Markov model that re-samples a span of a four-voice passage in place: beats [start, end) are drawn afresh given
/// the beats before <c>start</c> (the left context) and scored for how they lead into beat <c>end</c> (the join), so
/// that a span can be replaced in the middle of a piece. Implemented by <see cref="ChoraleModels"/>.
/// </summary>
public interface ISpanSampler
{
    /// <summary>
    /// New groupings (in C, one per beat) for beats [<paramref name="start"/>, <paramref name="end"/>) of
    /// <paramref name="passage"/>. Deterministic for a given <paramref name="random"/> state; reads nothing of the
    /// passage after beat <paramref name="end"/> but the note that starts there.
    /// </summary>
    /// <param name="passage">The passage in C (its beats outside the span are the context).</param>
    /// <param name="start">First beat re-sampled.</param>
    /// <param name="end">One past the last beat re-sampled (at most the passage's length).</param>
    /// <param name="random">The source of randomness (seeded by the caller).</param>
    /// <param name="options">A fixed soprano, a register.</param>
    /// <exception cref="ArgumentOutOfRangeException">An empty span or one outside the passage.</exception>
    BeatGrouping[] ResampleSpan(MinedPiece passage, int start, int end, Random random, SpanSamplingOptions options = default);
}

/// <summary>How a span is re-sampled (see <see cref="ISpanSampler"/>).</summary>
/// <param name="KeepSoprano">Keep the passage's soprano (the pitch at each beat's start): only the lower voices are drawn.</param>
/// <param name="RegisterShift">Semitones the passage will be moved by from C (to the piece's key); when given, a voice outside its usual range there makes a sonority less likely.</param>
public readonly record struct SpanSamplingOptions(bool KeepSoprano = false, int? RegisterShift = null);
