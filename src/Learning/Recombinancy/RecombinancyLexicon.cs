using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Recombinancy;

/// <summary>One grouping of the lexicon: a beat of a mined piece.</summary>
/// <param name="Piece">Index of the piece in <see cref="RecombinancyLexicon.Pieces"/>.</param>
/// <param name="Beat">Beat index in the piece.</param>
public readonly record struct LexiconEntry(int Piece, int Beat);

/// <summary>
/// David Cope's lexicon for recombinancy (EMI): every beat of every piece (all four voices, transposed to the
/// common tonic C) stored with its destination, the pitches with which the next beat of its source begins. A
/// grouping may follow another when its opening pitches equal the other's destination, so every join repeats a
/// voice leading of the corpus. Entries are indexed by opening and by destination, per mode and metric position.
/// Immutable and thread-safe.
/// </summary>
public sealed class RecombinancyLexicon
{
    private readonly Dictionary<ulong, int[]> _byOpening, _byDestination, _bySoprano;
    private readonly LexiconEntry[] _entries;
    private readonly int[] _pieceStart;

    /// <summary>Builds the lexicon of the given pieces.</summary>
    public RecombinancyLexicon(IReadOnlyList<MinedPiece> pieces)
    {
        Pieces = pieces;
        var entries = new List<LexiconEntry>();
        _pieceStart = new int[pieces.Count + 1];
        var byOpening = new Dictionary<ulong, List<int>>();
        var byDestination = new Dictionary<ulong, List<int>>();
        var bySoprano = new Dictionary<ulong, List<int>>();
        for (int p = 0; p < pieces.Count; p++)
        {
            _pieceStart[p] = entries.Count;
            var piece = pieces[p];
            for (int b = 0; b < piece.Length; b++)
            {
                int id = entries.Count;
                entries.Add(new LexiconEntry(p, b));
                Add(byOpening, Key(piece.Mode, piece.Beats[b].Opening, piece.BeatInMeasure[b], piece.BeatsPerMeasure[b]), id);
                Add(bySoprano, Key(piece.Mode, piece.Beats[b].Opening & 0xFF, piece.BeatInMeasure[b], piece.BeatsPerMeasure[b]), id);
                if (b + 1 < piece.Length)
                    Add(byDestination, Key(piece.Mode, piece.Beats[b + 1].Opening, piece.BeatInMeasure[b], piece.BeatsPerMeasure[b]), id);
            }
        }
        _pieceStart[pieces.Count] = entries.Count;
        _entries = entries.ToArray();
        _byOpening = byOpening.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _byDestination = byDestination.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _bySoprano = bySoprano.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    private static void Add(Dictionary<ulong, List<int>> index, ulong key, int id)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(id);
    }

    internal static ulong Key(Mode mode, uint pitches, int beatInMeasure, int beatsPerMeasure) =>
        (ulong)pitches | (ulong)(byte)beatInMeasure << 32 | (ulong)(byte)beatsPerMeasure << 40 | (ulong)mode << 48;

    /// <summary>The pieces the groupings come from.</summary>
    public IReadOnlyList<MinedPiece> Pieces { get; }
    /// <summary>Number of groupings.</summary>
    public int Count => _entries.Length;
    /// <summary>A grouping by id.</summary>
    public LexiconEntry this[int id] => _entries[id];
    /// <summary>The id of a piece's beat.</summary>
    public int IdOf(int piece, int beat) => _pieceStart[piece] + beat;

    /// <summary>The grouping's beat.</summary>
    public BeatGrouping Grouping(int id) => Pieces[_entries[id].Piece].Beats[_entries[id].Beat];
    /// <summary>The pitches with which the grouping's successor in its source begins, or null for a source's last beat.</summary>
    public uint? Destination(int id)
    {
        var (p, b) = _entries[id];
        return b + 1 < Pieces[p].Length ? Pieces[p].Beats[b + 1].Opening : null;
    }

    /// <summary>Ids of groupings that open with these pitches at this metric position (empty when none).</summary>
    public ReadOnlySpan<int> WithOpening(Mode mode, uint opening, int beatInMeasure, int beatsPerMeasure) =>
        _byOpening.TryGetValue(Key(mode, opening, beatInMeasure, beatsPerMeasure), out var ids) ? ids : [];

    /// <summary>Ids of groupings whose soprano opens with this pitch (relative to C) at this metric position (empty when none).</summary>
    public ReadOnlySpan<int> WithSoprano(Mode mode, int soprano, int beatInMeasure, int beatsPerMeasure) =>
        soprano is < 1 or > 127 ? [] : _bySoprano.TryGetValue(Key(mode, (uint)soprano, beatInMeasure, beatsPerMeasure), out var ids) ? ids : [];

    /// <summary>Ids of groupings at this metric position whose destination is these pitches (empty when none).</summary>
    public ReadOnlySpan<int> WithDestination(Mode mode, uint destination, int beatInMeasure, int beatsPerMeasure) =>
        _byDestination.TryGetValue(Key(mode, destination, beatInMeasure, beatsPerMeasure), out var ids) ? ids : [];

    /// <summary>
    /// Groupings that fit between two neighbours (for a GA mutation that re-draws one beat): the join from
    /// <paramref name="previous"/> into the grouping occurs in the corpus (the grouping opens with the destination of a
    /// source beat that closes like <paramref name="previous"/>), and the grouping's destination is the opening of
    /// <paramref name="next"/>. Either neighbour may be null (the start or end of a passage).
    /// </summary>
    public List<int> FittingBetween(Mode mode, BeatGrouping? previous, BeatGrouping? next, int beatInMeasure, int beatsPerMeasure, OriginalityIndex joins)
    {
        var result = new List<int>();
        if (next is { } n)
        {
            foreach (int id in WithDestination(mode, n.Opening, beatInMeasure, beatsPerMeasure))
                if (previous is not { } pr || joins.HasJoin(pr.Closing, Grouping(id).Opening)) result.Add(id);
        }
        else
        {
            for (int id = 0; id < _entries.Length; id++)
            {
                var e = _entries[id];
                var piece = Pieces[e.Piece];
                if (piece.Mode != mode || piece.BeatInMeasure[e.Beat] != beatInMeasure || piece.BeatsPerMeasure[e.Beat] != beatsPerMeasure) continue;
                if (previous is not { } pr || joins.HasJoin(pr.Closing, piece.Beats[e.Beat].Opening)) result.Add(id);
            }
        }
        return result;
    }
}
