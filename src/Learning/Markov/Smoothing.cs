namespace EvoComposer.Learning.Markov;

/// <summary>How a <see cref="BackoffModel"/> shares probability between a context and its shorter back-off contexts.</summary>
public enum Smoothing
{
    /// <summary>Interpolated Witten–Bell: a context passes on mass in proportion to the number of distinct symbols seen after it.</summary>
    WittenBell,
    /// <summary>Interpolated Kneser–Ney: absolute discounting, lower levels estimated from continuation counts.</summary>
    KneserNey,
}
