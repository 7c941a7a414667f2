using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>
/// Krumhansl–Schmuckler key finding: the duration-weighted pitch-class profile correlated with the
/// Krumhansl–Kessler major and minor profiles in all twelve rotations. The tonic is spelled from the piece's
/// key signature where that fits.
/// </summary>
internal static class KeyEstimator
{
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    public static Key Estimate(Score score)
    {
        var histogram = new double[12];
        foreach (var part in score.Parts)
            foreach (var n in part.Notes)
                histogram[n.Pitch.PitchClass] += n.Duration.ToDouble();
        double best = double.NegativeInfinity;
        int bestTonic = 0;
        var bestMode = Mode.Major;
        for (int tonic = 0; tonic < 12; tonic++)
            foreach (var mode in new[] { Mode.Major, Mode.Minor })
            {
                double r = Correlation(histogram, mode == Mode.Major ? MajorProfile : MinorProfile, tonic);
                if (r > best) { best = r; bestTonic = tonic; bestMode = mode; }
            }
        return Spell(bestTonic, bestMode, score.KeySignature.Fifths);
    }

    /// <summary>The key with that tonic pitch class and mode whose signature is nearest the given one.</summary>
    internal static Key Spell(int tonicPitchClass, Mode mode, int signatureFifths)
    {
        Key? best = null;
        for (int fifths = -7; fifths <= 7; fifths++)
        {
            var k = Key.FromFifths(fifths, mode);
            if (k.TonicPitchClass != tonicPitchClass) continue;
            if (best is null || Math.Abs(fifths - signatureFifths) < Math.Abs(best.Value.Fifths - signatureFifths)) best = k;
        }
        return best ?? Key.FromFifths(0, mode);
    }

    private static double Correlation(double[] histogram, double[] profile, int tonic)
    {
        double mx = histogram.Average(), my = profile.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 12; i++)
        {
            double x = histogram[(i + tonic) % 12] - mx, y = profile[i] - my;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxx == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
