using EvoComposer.Learning.Markov;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Mining;

/// <summary>
/// The harmonic Markov model: the four-voice sonority at each beat's start (the MIDI pitches of soprano, alto,
/// tenor and bass relative to the tonic C, i.e. scale degree and octave of each voice), predicted from up to four
/// previous sonorities, conditioned on the metric position (beat in the measure and measure length) and on the
/// distance to the next phrase end (0, 1, 2, 3, 4 or more beats). Major and minor are fitted apart. Contexts back
/// off from (position, phrase distance, four sonorities) to (position, phrase distance) to nothing, with
/// interpolated Kneser–Ney. Sonorities never seen in the mode share one "unknown" symbol. Immutable and thread-safe.
/// </summary>
public sealed class HarmonicModel
{
    /// <summary>Context levels: metric/phrase position plus up to four previous sonorities (order 5).</summary>
    public const int Levels = 5;
    private const int Unknown = 0;
    private readonly ModeTables[] _modes; // [Major, Minor]

    private sealed class ModeTables(Dictionary<uint, int> ids, uint[] sonorities, BackoffModel model)
    {
        public Dictionary<uint, int> Ids { get; } = ids;
        public uint[] Sonorities { get; } = sonorities;
        public BackoffModel Model { get; } = model;
        public int Id(uint sonority) => Ids.TryGetValue(sonority, out int id) ? id : Unknown;
    }

    private HarmonicModel(ModeTables[] modes) => _modes = modes;

    /// <summary>Fits the model on mined pieces.</summary>
    public static HarmonicModel Fit(IEnumerable<MinedPiece> pieces)
    {
        var byMode = pieces.ToLookup(p => p.Mode);
        var tables = new ModeTables[2];
        Span<ulong> contexts = stackalloc ulong[Levels];
        Span<int> history = stackalloc int[Levels - 1];
        foreach (var mode in new[] { Mode.Major, Mode.Minor })
        {
            var ids = new Dictionary<uint, int>();
            var list = new List<uint> { 0 };
            foreach (var p in byMode[mode])
                foreach (var g in p.Beats)
                    if (!ids.ContainsKey(g.Opening)) { ids[g.Opening] = list.Count; list.Add(g.Opening); }
            var builder = new BackoffModelBuilder(Levels, list.Count);
            foreach (var p in byMode[mode])
                for (int i = 0; i < p.Length; i++)
                {
                    for (int h = 0; h < Levels - 1; h++) history[h] = i - 1 - h >= 0 ? ids[p.Beats[i - 1 - h].Opening] : -1;
                    Contexts(history, p.BeatInMeasure[i], p.BeatsPerMeasure[i], p.DistanceToPhraseEnd[i], contexts);
                    builder.Add(contexts, ids[p.Beats[i].Opening]);
                }
            tables[(int)mode] = new ModeTables(ids, list.ToArray(), builder.Build(Smoothing.KneserNey));
        }
        return new HarmonicModel(tables);
    }

    /// <summary>Distinct sonorities seen in a mode.</summary>
    public int VocabularySize(Mode mode) => _modes[(int)mode].Sonorities.Length - 1;

    private static void Contexts(ReadOnlySpan<int> history, int beatInMeasure, int beatsPerMeasure, int distanceToPhraseEnd, Span<ulong> into)
    {
        ulong k = ContextHash.Mix(ContextHash.Empty, beatsPerMeasure * 16 + beatInMeasure, Math.Min(distanceToPhraseEnd, 4));
        into[0] = k;
        for (int h = 0; h < into.Length - 1; h++)
        {
            k = ContextHash.Mix(k, history[h]);
            into[h + 1] = k;
        }
    }

    /// <summary>
    /// The natural log-probability of a beat's opening sonority (see <see cref="BeatGrouping.Opening"/>) after the
    /// previous ones (<paramref name="previous"/>: most recent first, up to four; fewer at the start of a piece).
    /// </summary>
    public double LogProbability(Mode mode, ReadOnlySpan<uint> previous, int beatInMeasure, int beatsPerMeasure, int distanceToPhraseEnd, uint sonority)
    {
        var t = _modes[(int)mode];
        Span<int> history = stackalloc int[Levels - 1];
        for (int h = 0; h < history.Length; h++) history[h] = h < previous.Length ? t.Id(previous[h]) : -1;
        return LogProbability(mode, history, beatInMeasure, beatsPerMeasure, distanceToPhraseEnd, t.Id(sonority));
    }

    /// <summary>The log-probability of every beat's opening sonority in a piece (which must be in C).</summary>
    public double[] LogProbabilities(MinedPiece piece)
    {
        var t = _modes[(int)piece.Mode];
        var result = new double[piece.Length];
        var ids = new int[piece.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = t.Id(piece.Beats[i].Opening);
        Span<int> history = stackalloc int[Levels - 1];
        for (int i = 0; i < piece.Length; i++)
        {
            for (int h = 0; h < history.Length; h++) history[h] = i - 1 - h >= 0 ? ids[i - 1 - h] : -1;
            result[i] = LogProbability(piece.Mode, history, piece.BeatInMeasure[i], piece.BeatsPerMeasure[i], piece.DistanceToPhraseEnd[i], ids[i]);
        }
        return result;
    }

    private readonly long _owner = ExactMemo.NewOwner();

    /// <summary>
    /// The log-probability of sonority id <paramref name="symbol"/> after the ids in <paramref name="history"/>
    /// (-1: none), remembered in <see cref="ExactMemo"/> under the exact inputs the context keys are made from.
    /// </summary>
    private double LogProbability(Mode mode, ReadOnlySpan<int> history, int beatInMeasure, int beatsPerMeasure, int distanceToPhraseEnd, int symbol)
    {
        var t = _modes[(int)mode];
        Span<ulong> contexts = stackalloc ulong[Levels];
        if (t.Sonorities.Length >= 0xFFFF)
        {
            // Ids do not fit the memo's 16-bit fields: the model's own (hashed) memo.
            Contexts(history, beatInMeasure, beatsPerMeasure, distanceToPhraseEnd, contexts);
            return t.Model.LogProbability(contexts, symbol);
        }
        ulong a = 0;
        for (int h = 0; h < history.Length; h++) a |= (ulong)(uint)(history[h] + 1) << (16 * h);
        ulong b = (ulong)(uint)(beatsPerMeasure * 16 + beatInMeasure) << 32 | (uint)Math.Min(distanceToPhraseEnd, 4);
        ulong c = (ulong)_owner << 24 | (ulong)(uint)symbol << 8 | (ulong)(uint)mode;
        if (ExactMemo.TryGet(a, b, c, out double known)) return known;
        Contexts(history, beatInMeasure, beatsPerMeasure, distanceToPhraseEnd, contexts);
        return ExactMemo.Remember(a, b, c, Math.Log(t.Model.Probability(contexts, symbol)));
    }

    /// <summary>The known sonorities of a mode, indexed as in <see cref="Distribution"/> (index 0 is the unknown symbol, 0).</summary>
    public IReadOnlyList<uint> Sonorities(Mode mode) => _modes[(int)mode].Sonorities;

    /// <summary>The distribution over <see cref="Sonorities"/> after the previous ones (most recent first); slot 0 is the unknown symbol.</summary>
    public double[] Distribution(Mode mode, ReadOnlySpan<uint> previous, int beatInMeasure, int beatsPerMeasure, int distanceToPhraseEnd)
    {
        var t = _modes[(int)mode];
        Span<int> history = stackalloc int[Levels - 1];
        for (int h = 0; h < history.Length; h++) history[h] = h < previous.Length ? t.Id(previous[h]) : -1;
        Span<ulong> contexts = stackalloc ulong[Levels];
        Contexts(history, beatInMeasure, beatsPerMeasure, distanceToPhraseEnd, contexts);
        var p = new double[t.Sonorities.Length];
        t.Model.Distribution(contexts, p);
        return p;
    }

    /// <summary>The probabilities of the sonorities with ids <paramref name="ids"/> (indices into <see cref="Sonorities"/>), as <see cref="Distribution"/> gives them.</summary>
    internal void Probabilities(Mode mode, ReadOnlySpan<uint> previous, int beatInMeasure, int beatsPerMeasure, int distanceToPhraseEnd, ReadOnlySpan<int> ids, Span<double> probabilities)
    {
        var t = _modes[(int)mode];
        Span<int> history = stackalloc int[Levels - 1];
        for (int h = 0; h < history.Length; h++) history[h] = h < previous.Length ? t.Id(previous[h]) : -1;
        Span<ulong> contexts = stackalloc ulong[Levels];
        Contexts(history, beatInMeasure, beatsPerMeasure, distanceToPhraseEnd, contexts);
        t.Model.Probabilities(contexts, ids, probabilities);
    }

    /// <summary>Draws a known sonority (never the unknown symbol) after the previous ones (most recent first).</summary>
    public uint Sample(Mode mode, ReadOnlySpan<uint> previous, int beatInMeasure, int beatsPerMeasure, int distanceToPhraseEnd, Random random)
    {
        var t = _modes[(int)mode];
        if (t.Sonorities.Length <= 1) throw new InvalidOperationException($"no {mode} pieces were mined");
        var p = Distribution(mode, previous, beatInMeasure, beatsPerMeasure, distanceToPhraseEnd);
        p[Unknown] = 0;
        double u = random.NextDouble() * p.Sum(), acc = 0;
        for (int w = 1; w < p.Length; w++)
        {
            acc += p[w];
            if (u < acc) return t.Sonorities[w];
        }
        return t.Sonorities[^1];
    }

    internal void Write(BinaryWriter w)
    {
        foreach (var t in _modes)
        {
            w.Write(t.Sonorities.Length);
            foreach (uint s in t.Sonorities) w.Write(s);
            t.Model.Write(w);
        }
    }

    internal static HarmonicModel Read(BinaryReader r)
    {
        var modes = new ModeTables[2];
        for (int m = 0; m < 2; m++)
        {
            int n = r.ReadInt32();
            if (n < 1 || n > 1_000_000) throw new InvalidDataException($"bad sonority count {n}");
            var sonorities = new uint[n];
            var ids = new Dictionary<uint, int>(n);
            for (int i = 0; i < n; i++)
            {
                sonorities[i] = r.ReadUInt32();
                if (i > 0) ids[sonorities[i]] = i;
            }
            modes[m] = new ModeTables(ids, sonorities, BackoffModel.Read(r));
        }
        return new HarmonicModel(modes);
    }
}
