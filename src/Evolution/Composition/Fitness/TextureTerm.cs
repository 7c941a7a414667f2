using EvoComposer.Theory.Analysis;

namespace EvoComposer.Evolution.Composition.Fitness;

/// <summary>
/// How far the chorale's texture is from Bach's: the <see cref="TextureProfile"/> distance, Σ |statistic − Bach's
/// mean| / Bach's spread between chorales, over eighth-note motion, soprano, bass and inner-voice motion, harmonic
/// rhythm, inversions and root motion. A penalty: give it a negative weight.
/// </summary>
public sealed class TextureTerm : ChoraleTerm
{
    /// <inheritdoc/>
    public override string Name => "texture";
    /// <inheritdoc/>
    public override string Description => "Distance of the texture from the Bach chorales' averages, in their spreads: eighth-note motion, soprano and bass steps and leaps, inner-voice leaps, chord changes per beat, root position, root motion by fifths, X–Y–X chord returns.";
    /// <inheritdoc/>
    public override FindingSeverity Severity => FindingSeverity.Info;

    /// <inheritdoc/>
    protected override double Measure(ChoraleEvaluation input, List<TermFinding>? findings)
    {
        Span<double> values = stackalloc double[TextureProfile.Count];
        // The grid has one slice on the beat per beat that is not a hold, whose chord the evaluation has identified.
        var plan = input.Plan;
        var all = input.Chords;
        var hold = plan.IsHold.AsSpan();
        Span<Chord> chords = plan.Beats <= 256 ? stackalloc Chord[plan.Beats] : new Chord[plan.Beats];
        int n = 0;
        for (int b = 0; b < all.Length; b++)
            if (!hold[b]) chords[n++] = all[b];
        TextureProfile.Measure(input.Grid, plan.BeatLength, values, chords[..n]);
        double distance = TextureProfile.Distance(values);
        if (findings is not null)
            for (int i = 0; i < values.Length; i++)
            {
                double z = (values[i] - TextureProfile.BachMeans[i]) / TextureProfile.BachDeviations[i];
                if (Math.Abs(z) >= 1)
                    Add(findings, 0, $"{TextureProfile.Descriptions[i]}: {values[i]:0.00} (Bach's chorales: {TextureProfile.BachMeans[i]:0.00})", Math.Abs(z));
            }
        return distance;
    }
}
