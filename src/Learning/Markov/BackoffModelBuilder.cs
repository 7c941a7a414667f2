namespace EvoComposer.Learning.Markov;

/// <summary>
/// Collects the counts of a variable-order back-off model over a fixed vocabulary of integer symbols
/// (0 … <see cref="VocabularySize"/>−1). Each observation gives one context key per level, from the most general
/// (level 1) to the most specific (level <see cref="Levels"/>); level 0 is the empty context. A level's key must
/// determine the keys of the levels below it (build keys with <see cref="ContextHash.Mix(ulong, long)"/> on top of
/// the lower key), so that back-off and Kneser–Ney continuation counts are well defined. Not thread-safe.
/// </summary>
public sealed class BackoffModelBuilder
{
    private readonly BackoffTables _tables;

    /// <summary>Creates an empty builder.</summary>
    /// <param name="levels">Context levels above the empty context (the model's maximal order minus one).</param>
    /// <param name="vocabularySize">Number of distinct symbols the model predicts.</param>
    public BackoffModelBuilder(int levels, int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        _tables = new BackoffTables(levels, vocabularySize);
    }

    /// <summary>Context levels above the empty one.</summary>
    public int Levels => _tables.Levels;
    /// <summary>Number of symbols.</summary>
    public int VocabularySize => _tables.VocabularySize;
    /// <summary>Observations so far.</summary>
    public long Observations => _tables.Stats[0].TryGetValue(ContextHash.Empty, out var s) ? s.Total : 0;

    /// <summary>Counts one symbol after its contexts (<paramref name="contexts"/>[j] is the key of level j+1).</summary>
    public void Add(ReadOnlySpan<ulong> contexts, int symbol)
    {
        if (contexts.Length != _tables.Levels) throw new ArgumentException($"Expected {_tables.Levels} context keys, got {contexts.Length}.", nameof(contexts));
        if ((uint)symbol >= (uint)_tables.VocabularySize) throw new ArgumentOutOfRangeException(nameof(symbol), symbol, "Symbol outside the vocabulary.");
        ulong lowerKey = 0;
        for (int j = 0; j <= _tables.Levels; j++)
        {
            ulong key = j == 0 ? ContextHash.Empty : contexts[j - 1];
            ulong pair = ContextHash.Mix(key, symbol);
            ref int count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tables.Raw[j], pair, out _);
            ref var stats = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tables.Stats[j], key, out _);
            stats.Total++;
            if (count++ == 0)
            {
                stats.Types++;
                if (j > 0)
                {
                    ref int cont = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tables.Continuation[j - 1], ContextHash.Mix(lowerKey, symbol), out _);
                    cont++;
                    ref var lower = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tables.Stats[j - 1], lowerKey, out _);
                    lower.ContinuationTotal++;
                }
            }
            lowerKey = key;
        }
    }

    /// <summary>An immutable model over the counts so far (the builder must not be used afterwards).</summary>
    public BackoffModel Build(Smoothing smoothing = Smoothing.KneserNey)
    {
        _tables.ComputeDiscounts();
        return new BackoffModel(_tables, smoothing);
    }
}
