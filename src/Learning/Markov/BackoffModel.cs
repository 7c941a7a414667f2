namespace EvoComposer.Learning.Markov;

/// <summary>
/// A variable-order back-off model over integer symbols with interpolated Witten–Bell or Kneser–Ney smoothing.
/// Contexts are integer keys (see <see cref="BackoffModelBuilder"/>); passing fewer keys than
/// <see cref="Levels"/> evaluates a lower-order model over the same counts, and an unseen context backs off to the
/// longest seen one below it. For every context the probabilities over the vocabulary sum to 1.
/// Immutable and thread-safe.
/// </summary>
public sealed class BackoffModel
{
    private readonly BackoffTables _t;
    // The look-up index over _t (built once; _t's dictionaries stay for writing): level j's context statistics, and
    // its (context, symbol) raw and continuation counts side by side.
    private readonly FlatTable<ContextStats>[] _stats;
    private readonly FlatTable<PairCounts>[] _counts;

    internal BackoffModel(BackoffTables tables, Smoothing smoothing)
    {
        _t = tables;
        Smoothing = smoothing;
        _stats = new FlatTable<ContextStats>[tables.Levels + 1];
        _counts = new FlatTable<PairCounts>[tables.Levels + 1];
        for (int j = 0; j <= tables.Levels; j++)
        {
            _stats[j] = new FlatTable<ContextStats>(tables.Stats[j]);
            _counts[j] = FlatTable<PairCounts>.Union(tables.Raw[j], tables.Continuation[j], static (raw, continuation) => new PairCounts { Raw = raw, Continuation = continuation });
        }
    }

    private BackoffModel(BackoffModel other, Smoothing smoothing)
    {
        _t = other._t;
        _stats = other._stats;
        _counts = other._counts;
        Smoothing = smoothing;
    }

    /// <summary>The smoothing in use.</summary>
    public Smoothing Smoothing { get; }
    /// <summary>Context levels above the empty one.</summary>
    public int Levels => _t.Levels;
    /// <summary>Number of symbols.</summary>
    public int VocabularySize => _t.VocabularySize;

    /// <summary>The same counts under another smoothing.</summary>
    public BackoffModel WithSmoothing(Smoothing smoothing) => smoothing == Smoothing ? this : new BackoffModel(this, smoothing);

    /// <summary>The number of times <paramref name="symbol"/> followed the context of the given level (0 = empty context).</summary>
    public int Count(int level, ulong context, int symbol) =>
        _counts[level].Get(ContextHash.Mix(level == 0 ? ContextHash.Empty : context, symbol)).Raw;

    /// <summary>How often a context of the given level was seen.</summary>
    public int ContextCount(int level, ulong context) =>
        _stats[level].Get(level == 0 ? ContextHash.Empty : context).Total;

    /// <summary>P(symbol | contexts); <paramref name="contexts"/>[j] is the key of level j+1 (at most <see cref="Levels"/> keys).</summary>
    public double Probability(ReadOnlySpan<ulong> contexts, int symbol)
    {
        if (contexts.Length > _t.Levels) throw new ArgumentException($"At most {_t.Levels} context keys.", nameof(contexts));
        if ((uint)symbol >= (uint)_t.VocabularySize) return 0;
        int top = contexts.Length;
        double p = 1.0 / _t.VocabularySize;
        bool kn = Smoothing == Smoothing.KneserNey;
        for (int j = 0; j <= top; j++)
        {
            ulong key = j == 0 ? ContextHash.Empty : contexts[j - 1];
            ref readonly var s = ref _stats[j].Get(key);
            if (s.Total == 0) break;
            ref readonly var counts = ref _counts[j].Get(ContextHash.Mix(key, symbol));
            if (kn)
            {
                bool cont = j < top;
                int c = cont ? counts.Continuation : counts.Raw;
                int total = cont ? s.ContinuationTotal : s.Total;
                if (total == 0) break;
                double d = cont ? _t.ContinuationDiscount[j] : _t.RawDiscount[j];
                p = (Math.Max(c - d, 0) + d * s.Types * p) / total;
            }
            else
                p = (counts.Raw + s.Types * p) / (s.Total + s.Types);
        }
        return p;
    }

    /// <summary>Natural logarithm of <see cref="Probability"/>.</summary>
    public double LogProbability(ReadOnlySpan<ulong> contexts, int symbol)
    {
        // A small per-thread memo of recent answers (a pure function of the model, the contexts and the symbol):
        // a GA scores the same sonorities in the same contexts over and over. Per thread, so nothing is shared.
        // Two independent 64-bit hashes of (model, symbol, contexts): ContextHash.Mix alone let different context
        // chains collide (62 of 19,791 corpus beats scored differently depending on call order), so the memo was not pure.
        ulong key = ContextHash.Mix(ContextHash.Mix((ulong)_id, symbol), contexts.Length);
        ulong check = Finalize((ulong)_id * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)symbol ^ ((ulong)contexts.Length << 40));
        foreach (ulong c in contexts)
        {
            key = ContextHash.Mix(key, (long)c);
            check = Finalize(check ^ Finalize(c + 0x632BE59BD9B4E019UL));
        }
        if (key == 0) key = 1;
        var memo = t_memo ??= new MemoEntry[MemoSize];
        ref var entry = ref memo[(int)(key & (MemoSize - 1))];
        if (entry.Key == key && entry.Check == check) return entry.Value;
        double value = Math.Log(Probability(contexts, symbol));
        entry.Key = key;
        entry.Check = check;
        entry.Value = value;
        return value;
    }

    private const int MemoSize = 1 << 14;
    private static long s_lastId;
    private readonly long _id = Interlocked.Increment(ref s_lastId);
    [ThreadStatic] private static MemoEntry[]? t_memo;

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private struct MemoEntry
    {
        public ulong Key;
        public ulong Check;
        public double Value;
    }

    /// <summary>Fills <paramref name="probabilities"/> (one per symbol) with the distribution after the contexts.</summary>
    public void Distribution(ReadOnlySpan<ulong> contexts, Span<double> probabilities)
    {
        if (probabilities.Length != _t.VocabularySize) throw new ArgumentException("One slot per symbol.", nameof(probabilities));
        Probabilities(contexts, [], everySymbol: true, probabilities);
    }

    /// <summary>
    /// <see cref="Probability"/> of each of <paramref name="symbols"/> after the same contexts, into
    /// <paramref name="probabilities"/> (same length): equal to calling it once per symbol, bit for bit, but the
    /// contexts' statistics are looked up once instead of once per symbol.
    /// </summary>
    public void Probabilities(ReadOnlySpan<ulong> contexts, ReadOnlySpan<int> symbols, Span<double> probabilities)
    {
        if (probabilities.Length != symbols.Length) throw new ArgumentException("One slot per symbol.", nameof(probabilities));
        Probabilities(contexts, symbols, everySymbol: false, probabilities);
    }

    /// <summary>The batch walk behind <see cref="Distribution"/> and <see cref="Probabilities(ReadOnlySpan{ulong}, ReadOnlySpan{int}, Span{double})"/>; <paramref name="everySymbol"/>: symbol i into slot i.</summary>
    private void Probabilities(ReadOnlySpan<ulong> contexts, ReadOnlySpan<int> symbols, bool everySymbol, Span<double> probabilities)
    {
        if (contexts.Length > _t.Levels) throw new ArgumentException($"At most {_t.Levels} context keys.", nameof(contexts));
        int top = contexts.Length;
        bool kn = Smoothing == Smoothing.KneserNey;
        // The symbol-independent part of Probability's walk: the levels it reaches and their statistics.
        Span<ulong> keys = stackalloc ulong[top + 1];
        Span<ContextStats> stats = stackalloc ContextStats[top + 1];
        int reached = 0;
        for (int j = 0; j <= top; j++)
        {
            ulong key = j == 0 ? ContextHash.Empty : contexts[j - 1];
            var s = _stats[j].Get(key);
            if (s.Total == 0) break;
            if (kn && (j < top ? s.ContinuationTotal : s.Total) == 0) break;
            keys[j] = key;
            stats[j] = s;
            reached = j + 1;
        }
        double uniform = 1.0 / _t.VocabularySize;
        for (int i = 0; i < probabilities.Length; i++)
        {
            int symbol = everySymbol ? i : symbols[i];
            if ((uint)symbol >= (uint)_t.VocabularySize)
            {
                probabilities[i] = 0;
                continue;
            }
            double p = uniform;
            for (int j = 0; j < reached; j++)
            {
                ref readonly var s = ref stats[j];
                ref readonly var counts = ref _counts[j].Get(ContextHash.Mix(keys[j], symbol));
                if (kn)
                {
                    bool cont = j < top;
                    int c = cont ? counts.Continuation : counts.Raw;
                    int total = cont ? s.ContinuationTotal : s.Total;
                    double d = cont ? _t.ContinuationDiscount[j] : _t.RawDiscount[j];
                    p = (Math.Max(c - d, 0) + d * s.Types * p) / total;
                }
                else
                    p = (counts.Raw + s.Types * p) / (s.Total + s.Types);
            }
            probabilities[i] = p;
        }
    }

    /// <summary>Draws a symbol after the contexts.</summary>
    public int Sample(ReadOnlySpan<ulong> contexts, Random random)
    {
        double u = random.NextDouble(), acc = 0;
        for (int w = 0; w < _t.VocabularySize; w++)
        {
            acc += Probability(contexts, w);
            if (u < acc) return w;
        }
        return _t.VocabularySize - 1;
    }

    /// <summary>Writes the counts (the smoothing is written too).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write((byte)Smoothing);
        _t.Write(writer);
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is damaged.</exception>
    public static BackoffModel Read(BinaryReader reader)
    {
        var smoothing = (Smoothing)reader.ReadByte();
        if (!Enum.IsDefined(smoothing)) throw new InvalidDataException($"unknown smoothing {(int)smoothing}");
        return new BackoffModel(BackoffTables.Read(reader), smoothing);
    }
}
