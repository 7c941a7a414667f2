using EvoComposer.Learning.Markov;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Markov;

public class BackoffModelTests
{
    // A bigram model over the symbols a=0, b=1, c=2, d=3 (d never seen): context level 1 = previous symbol.
    private static BackoffModel Bigram(int[] sequence, Smoothing smoothing)
    {
        var builder = new BackoffModelBuilder(1, 4);
        for (int i = 0; i < sequence.Length; i++)
            builder.Add([Key(i == 0 ? -1 : sequence[i - 1])], sequence[i]);
        return builder.Build(smoothing);
    }

    /// <summary>A trigram model (Kneser–Ney) over six symbols of <paramref name="sequence"/>, as the properties use it.</summary>
    private static BackoffModel TrigramKneserNey(int[] sequence)
    {
        var builder = new BackoffModelBuilder(2, 6);
        for (int i = 0; i < sequence.Length; i++)
        {
            ulong k1 = ContextHash.Mix(ContextHash.Empty, i == 0 ? -1 : sequence[i - 1]);
            builder.Add([k1, ContextHash.Mix(k1, i < 2 ? -1 : sequence[i - 2])], sequence[i]);
        }
        return builder.Build(Smoothing.KneserNey);
    }

    private static ulong Key(int previous) => ContextHash.Mix(ContextHash.Empty, previous);

    private static readonly int[] Abab = [0, 1, 0, 1, 0, 2];

    [Fact]
    public void Count_AfterTinyCorpus_MatchesHandCount()
    {
        var m = Bigram(Abab, Smoothing.WittenBell);
        Assert.Equal(2, m.Count(1, Key(0), 1)); // a→b twice
        Assert.Equal(1, m.Count(1, Key(0), 2)); // a→c once
        Assert.Equal(0, m.Count(1, Key(1), 2));
        Assert.Equal(3, m.Count(0, 0, 0));     // a three times
        Assert.Equal(3, m.ContextCount(1, Key(0)));
    }

    [Fact]
    public void Probability_WittenBell_MatchesFormula()
    {
        var m = Bigram(Abab, Smoothing.WittenBell);
        // Unigram: counts a3 b2 c1 d0, N=6, T=3: P0(b) = (2 + 3/4) / 9.
        double p0b = (2 + 3 * 0.25) / 9;
        // After a: b2 c1, N=3, T=2: P(b|a) = (2 + 2·P0(b)) / 5.
        Assert.Equal((2 + 2 * p0b) / 5, m.Probability([Key(0)], 1), 12);
    }

    [Theory]
    [InlineData(Smoothing.WittenBell)]
    [InlineData(Smoothing.KneserNey)]
    public void Distribution_ForSeveralContexts_SumsToOne(Smoothing smoothing)
    {
        var m = Bigram(Abab, smoothing);
        var probabilities = new double[4];
        foreach (ulong[] context in new[] { [Key(0)], [Key(1)], [Key(2)], [Key(99)], Array.Empty<ulong>() })
        {
            m.Distribution(context, probabilities);
            Assert.Equal(1.0, probabilities.Sum(), 10);
            Assert.All(probabilities, p => Assert.True(p > 0));
        }
    }

    [Fact]
    public void Distribution_RandomCorporaAndContexts_SumsToOne()
    {
        var gen = Gen.ArrayOf(Gen.Choose(0, 5)).Where(a => a.Length > 0).ToArbitrary();
        Prop.ForAll(gen, seq =>
        {
            var kn = TrigramKneserNey(seq);
            var probabilities = new double[6];
            foreach (var model in new[] { kn, kn.WithSmoothing(Smoothing.WittenBell) })
                for (int i = 0; i < seq.Length; i++)
                {
                    ulong k1 = ContextHash.Mix(ContextHash.Empty, seq[i]);
                    model.Distribution([k1, ContextHash.Mix(k1, i == 0 ? -1 : seq[i - 1])], probabilities);
                    if (Math.Abs(probabilities.Sum() - 1) > 1e-9) return false;
                }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Probabilities_RandomCorporaContextsAndSymbols_EqualProbabilityBitForBit()
    {
        var gen = Gen.ArrayOf(Gen.Choose(0, 5)).Where(a => a.Length > 0).ToArbitrary();
        Prop.ForAll(gen, seq =>
        {
            var kn = TrigramKneserNey(seq);
            int[] symbols = [5, 0, -1, 3, 6, 3, 1];
            var batch = new double[symbols.Length];
            var distribution = new double[6];
            foreach (var model in new[] { kn, kn.WithSmoothing(Smoothing.WittenBell) })
                for (int i = 0; i < seq.Length; i++)
                {
                    ulong k1 = ContextHash.Mix(ContextHash.Empty, seq[i]);
                    ulong[] full = [k1, ContextHash.Mix(k1, i == 0 ? -1 : seq[i - 1])];
                    for (int length = 0; length <= full.Length; length++)
                    {
                        var contexts = full.AsSpan(0, length);
                        model.Probabilities(contexts, symbols, batch);
                        model.Distribution(contexts, distribution);
                        for (int k = 0; k < symbols.Length; k++)
                            if (BitConverter.DoubleToInt64Bits(batch[k]) != BitConverter.DoubleToInt64Bits(model.Probability(contexts, symbols[k]))) return false;
                        for (int w = 0; w < distribution.Length; w++)
                            if (BitConverter.DoubleToInt64Bits(distribution[w]) != BitConverter.DoubleToInt64Bits(model.Probability(contexts, w))) return false;
                    }
                }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Probability_UnseenContextWittenBell_EqualsLowerOrder()
    {
        var m = Bigram(Abab, Smoothing.WittenBell);
        // Context "d" never occurred: the bigram equals the unigram (empty context).
        for (int w = 0; w < 4; w++) Assert.Equal(m.Probability([], w), m.Probability([Key(3)], w), 12);
        Assert.NotEqual(m.Probability([], 1), m.Probability([Key(0)], 1));
    }

    [Fact]
    public void Probability_UnseenContextKneserNey_UsesContinuationCounts()
    {
        var m = Bigram(Abab, Smoothing.KneserNey);
        // Both unseen contexts back off to the same lower-order distribution, built from continuation counts:
        // a follows 2 distinct contexts (start, b), b one (a), c one (a): so a is the likeliest.
        for (int w = 0; w < 4; w++) Assert.Equal(m.Probability([Key(3)], w), m.Probability([Key(42)], w), 12);
        Assert.True(m.Probability([Key(3)], 0) > m.Probability([Key(3)], 1));
        Assert.Equal(m.Probability([Key(3)], 1), m.Probability([Key(3)], 2), 12);
    }

    [Fact]
    public void Probability_SeenContext_PrefersWhatFollowedIt()
    {
        var m = Bigram(Abab, Smoothing.KneserNey);
        Assert.True(m.Probability([Key(0)], 1) > m.Probability([Key(0)], 0));
        Assert.True(m.Probability([Key(1)], 0) > 0.5);
    }

    [Fact]
    public void Sample_SameSeed_SameSymbols()
    {
        var m = Bigram(Abab, Smoothing.KneserNey);
        int[] Draw(int seed)
        {
            var r = new Random(seed);
            return Enumerable.Range(0, 50).Select(_ => m.Sample([Key(0)], r)).ToArray();
        }
        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
    }

    [Fact]
    public void WriteRead_RoundTrip_SameProbabilities()
    {
        var m = Bigram(Abab, Smoothing.KneserNey);
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) m.Write(w);
        stream.Position = 0;
        var back = BackoffModel.Read(new BinaryReader(stream));
        for (int w = 0; w < 4; w++) Assert.Equal(m.Probability([Key(0)], w), back.Probability([Key(0)], w));
    }

    [Fact]
    public void LogProbability_RepeatedAndAcrossModelsAndThreads_IsTheLogOfProbability()
    {
        // The per-thread memo must never answer for another model, context or symbol.
        var wb = Bigram(Abab, Smoothing.WittenBell);
        var kn = wb.WithSmoothing(Smoothing.KneserNey);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.For(0, 8, t =>
        {
            for (int rep = 0; rep < 3; rep++)
                foreach (var m in new[] { wb, kn })
                    for (int previous = -1; previous < 4; previous++)
                        for (int symbol = 0; symbol < 4; symbol++)
                        {
                            ulong[] contexts = [Key(previous)];
                            double expected = Math.Log(m.Probability(contexts, symbol));
                            if (m.LogProbability(contexts, symbol) != expected) failures.Enqueue($"{m.Smoothing} {previous}->{symbol}");
                            if (m.LogProbability([], symbol) != Math.Log(m.Probability([], symbol))) failures.Enqueue($"{m.Smoothing} unigram {symbol}");
                        }
        });
        Assert.Empty(failures);
        Assert.NotEqual(wb.LogProbability([Key(0)], 1), kn.LogProbability([Key(0)], 1));
    }
}
