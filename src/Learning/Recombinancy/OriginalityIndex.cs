using EvoComposer.Learning.Mining;

namespace EvoComposer.Learning.Recombinancy;

/// <summary>How much of a piece is copied from the corpus.</summary>
/// <param name="LongestCopiedBeats">The longest run of consecutive beats that occurs verbatim (all four voices, pitches and attacks, relative to the tonic) in one corpus piece.</param>
/// <param name="LongestSource">The corpus piece of that run, or null when no beat occurs in the corpus.</param>
/// <param name="LongestStartBeat">The run's first beat in the generated piece (0-based), or −1.</param>
/// <param name="CorpusJoinShare">Share of beat-to-beat joins (last 16th of a beat → first 16th of the next, four voices) that occur in the corpus; 1 for a piece of one beat.</param>
public sealed record Originality(int LongestCopiedBeats, string? LongestSource, int LongestStartBeat, double CorpusJoinShare);

/// <summary>
/// An index of the corpus' beat groupings and joins for measuring originality: where each grouping occurs, and
/// which joins occur. The longest copied span is found by dynamic programming over the occurrences (a run ending
/// at query beat i and corpus beat p extends the run ending at i−1 and p−1), which is exact. Everything is relative
/// to the common tonic C, so copies are found up to transposition. Immutable and thread-safe.
/// </summary>
public sealed class OriginalityIndex
{
    private readonly Dictionary<BeatGrouping, int[]> _occurrences;
    private readonly HashSet<ulong> _joins;
    private readonly int[] _pieceOfPosition;
    private readonly int[] _pieceStart;
    private readonly IReadOnlyList<MinedPiece> _pieces;

    /// <summary>Indexes the pieces.</summary>
    public OriginalityIndex(IReadOnlyList<MinedPiece> pieces)
    {
        _pieces = pieces;
        var occ = new Dictionary<BeatGrouping, List<int>>();
        _joins = [];
        var owner = new List<int>();
        _pieceStart = new int[pieces.Count];
        int position = 0;
        for (int p = 0; p < pieces.Count; p++)
        {
            _pieceStart[p] = position;
            var beats = pieces[p].Beats;
            for (int b = 0; b < beats.Count; b++, position++)
            {
                if (!occ.TryGetValue(beats[b], out var list)) occ[beats[b]] = list = [];
                list.Add(position);
                owner.Add(p);
                if (b + 1 < beats.Count) _joins.Add(JoinKey(beats[b].Closing, beats[b + 1].Opening));
            }
            owner.Add(-1); // a gap, so that no run crosses pieces
            position++;
        }
        _pieceOfPosition = owner.ToArray();
        _occurrences = occ.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    private static ulong JoinKey(uint closing, uint opening) => (ulong)closing << 32 | opening;

    /// <summary>Whether the corpus has a beat closing with <paramref name="closing"/> followed by one opening with <paramref name="opening"/>.</summary>
    public bool HasJoin(uint closing, uint opening) => _joins.Contains(JoinKey(closing, opening));

    /// <summary>The first place (piece index, beat index) where a grouping occurs in the corpus, or null when it occurs nowhere.</summary>
    public (int Piece, int Beat)? FirstOccurrence(BeatGrouping grouping)
    {
        if (!_occurrences.TryGetValue(grouping, out var positions) || positions.Length == 0) return null;
        int piece = _pieceOfPosition[positions[0]];
        return (piece, positions[0] - _pieceStart[piece]);
    }

    /// <summary>How often a grouping occurs in the corpus.</summary>
    public int Occurrences(BeatGrouping grouping) => _occurrences.TryGetValue(grouping, out var o) ? o.Length : 0;

    /// <summary>
    /// One step of the longest-copy computation, for a search that extends a piece beat by beat:
    /// <paramref name="previous"/> holds the (corpus position, run length) of every copy ending at the previous beat,
    /// sorted by position; <paramref name="into"/> receives those ending at <paramref name="next"/>, sorted. Returns
    /// the longest run ending at <paramref name="next"/> (0 when it is not in the corpus).
    /// </summary>
    internal int Extend(List<(int Position, int Run)> previous, BeatGrouping next, List<(int Position, int Run)> into)
    {
        into.Clear();
        if (!_occurrences.TryGetValue(next, out var positions)) return 0;
        int best = 0, j = 0;
        foreach (int p in positions)
        {
            while (j < previous.Count && previous[j].Position < p - 1) j++;
            int run = j < previous.Count && previous[j].Position == p - 1 ? previous[j].Run + 1 : 1;
            into.Add((p, run));
            if (run > best) best = run;
        }
        return best;
    }

    /// <summary>Measures the originality of a sequence of beats (relative to C).</summary>
    public Originality Measure(IReadOnlyList<BeatGrouping> beats)
    {
        var previous = new Dictionary<int, int>();
        var current = new Dictionary<int, int>();
        int best = 0, bestEnd = -1, bestPosition = -1;
        for (int i = 0; i < beats.Count; i++)
        {
            current.Clear();
            if (_occurrences.TryGetValue(beats[i], out var positions))
                foreach (int p in positions)
                {
                    int run = previous.TryGetValue(p - 1, out int r) ? r + 1 : 1;
                    current[p] = run;
                    if (run > best) { best = run; bestEnd = i; bestPosition = p; }
                }
            (previous, current) = (current, previous);
        }
        int joins = 0;
        for (int i = 0; i + 1 < beats.Count; i++)
            if (HasJoin(beats[i].Closing, beats[i + 1].Opening)) joins++;
        double share = beats.Count < 2 ? 1 : joins / (double)(beats.Count - 1);
        return new Originality(best, bestPosition < 0 ? null : _pieces[_pieceOfPosition[bestPosition]].Source, best == 0 ? -1 : bestEnd - best + 1, share);
    }
}
