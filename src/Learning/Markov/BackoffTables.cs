namespace EvoComposer.Learning.Markov;

/// <summary>Per-context statistics: observations, distinct symbols, and the sum of continuation counts.</summary>
internal struct ContextStats
{
    public int Total;
    public int Types;
    public int ContinuationTotal;
}

/// <summary>The count tables shared by a builder and its models.</summary>
internal sealed class BackoffTables
{
    public BackoffTables(int levels, int vocabularySize)
    {
        Levels = levels;
        VocabularySize = vocabularySize;
        Raw = new Dictionary<ulong, int>[levels + 1];
        Continuation = new Dictionary<ulong, int>[levels + 1];
        Stats = new Dictionary<ulong, ContextStats>[levels + 1];
        for (int j = 0; j <= levels; j++)
        {
            Raw[j] = [];
            Continuation[j] = [];
            Stats[j] = [];
        }
        RawDiscount = new double[levels + 1];
        ContinuationDiscount = new double[levels + 1];
    }

    public int Levels { get; }
    public int VocabularySize { get; }
    /// <summary>Level j: (context, symbol) → count.</summary>
    public Dictionary<ulong, int>[] Raw { get; }
    /// <summary>Level j: (context, symbol) → number of distinct level-(j+1) contexts above it that saw the symbol.</summary>
    public Dictionary<ulong, int>[] Continuation { get; }
    /// <summary>Level j: context → statistics.</summary>
    public Dictionary<ulong, ContextStats>[] Stats { get; }
    public double[] RawDiscount { get; }
    public double[] ContinuationDiscount { get; }

    public void ComputeDiscounts()
    {
        for (int j = 0; j <= Levels; j++)
        {
            RawDiscount[j] = Discount(Raw[j]);
            ContinuationDiscount[j] = Discount(Continuation[j]);
        }
    }

    private static double Discount(Dictionary<ulong, int> counts)
    {
        long n1 = 0, n2 = 0;
        foreach (int c in counts.Values)
        {
            if (c == 1) n1++;
            else if (c == 2) n2++;
        }
        double d = n1 + n2 == 0 ? 0.5 : n1 / (double)(n1 + 2 * n2);
        return Math.Clamp(d, 0.05, 0.95);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Levels);
        w.Write(VocabularySize);
        for (int j = 0; j <= Levels; j++)
        {
            WriteCounts(w, Raw[j]);
            WriteCounts(w, Continuation[j]);
            w.Write(Stats[j].Count);
            foreach (var (k, s) in Stats[j])
            {
                w.Write(k);
                w.Write(s.Total);
                w.Write(s.Types);
                w.Write(s.ContinuationTotal);
            }
            w.Write(RawDiscount[j]);
            w.Write(ContinuationDiscount[j]);
        }
    }

    private static void WriteCounts(BinaryWriter w, Dictionary<ulong, int> counts)
    {
        w.Write(counts.Count);
        foreach (var (k, c) in counts)
        {
            w.Write(k);
            w.Write(c);
        }
    }

    public static BackoffTables Read(BinaryReader r)
    {
        int levels = r.ReadInt32(), vocabulary = r.ReadInt32();
        if (levels < 0 || levels > 64 || vocabulary < 1) throw new InvalidDataException($"bad model header (levels {levels}, vocabulary {vocabulary})");
        var t = new BackoffTables(levels, vocabulary);
        for (int j = 0; j <= levels; j++)
        {
            ReadCounts(r, t.Raw[j]);
            ReadCounts(r, t.Continuation[j]);
            int n = CheckedCount(r);
            t.Stats[j].EnsureCapacity(n);
            for (int i = 0; i < n; i++)
                t.Stats[j][r.ReadUInt64()] = new ContextStats { Total = r.ReadInt32(), Types = r.ReadInt32(), ContinuationTotal = r.ReadInt32() };
            t.RawDiscount[j] = r.ReadDouble();
            t.ContinuationDiscount[j] = r.ReadDouble();
        }
        return t;
    }

    private static void ReadCounts(BinaryReader r, Dictionary<ulong, int> into)
    {
        int n = CheckedCount(r);
        into.EnsureCapacity(n);
        for (int i = 0; i < n; i++) into[r.ReadUInt64()] = r.ReadInt32();
    }

    private static int CheckedCount(BinaryReader r)
    {
        int n = r.ReadInt32();
        long left = r.BaseStream.Length - r.BaseStream.Position;
        if (n < 0 || n > left / 12 + 1) throw new InvalidDataException($"a table claims {n} entries but only {left} bytes are left");
        return n;
    }
}

/// <summary>The two counts of a (context, symbol) pair at one level, side by side so one look-up finds both.</summary>
internal struct PairCounts
{
    /// <summary>How often the symbol followed the context.</summary>
    public int Raw;
    /// <summary>The Kneser–Ney continuation count (distinct contexts one level up that saw the symbol).</summary>
    public int Continuation;
}
