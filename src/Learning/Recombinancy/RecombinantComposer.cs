using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Recombinancy;

/// <summary>
/// Composes by recombinancy as David Cope describes EMI: a phrase plan (metric positions and phrase ends) is taken
/// from a random corpus piece of the mode and meter; the first beat is a piece's opening beat; each next beat is a
/// grouping whose opening pitches equal the current grouping's destination, preferring groupings from another
/// piece, then other beats of the same piece, and the original successor last, so that every join is one Bach
/// wrote but the music keeps moving between sources. Beats at phrase ends are groupings that ended a phrase in
/// their source (at a fermata), other beats are not; the final beat is a phrase end on the tonic in the bass. A
/// dead end backtracks; a search that exceeds its budget restarts with another plan, a bounded number of times.
/// Given an <see cref="OriginalityIndex"/>, a beat that would make a verbatim copy of the corpus (up to
/// transposition) longer than a limit is refused, so the limit is guaranteed, not just likely.
/// Thread-safe: all state is local; randomness comes from the caller.
/// </summary>
public static class RecombinantComposer
{
    /// <summary>Node expansions per attempt before the search restarts.</summary>
    public const int ExpansionBudget = 4000;
    /// <summary>Attempts (phrase plans) before giving up.</summary>
    public const int MaxAttempts = 25;

    /// <summary>The default limit on verbatim copies, in beats (Cope's program copies up to 7).</summary>
    public const int DefaultMaxCopiedBeats = 4;

    /// <summary>Composes a piece of <paramref name="phrases"/> phrases.</summary>
    /// <param name="lexicon">The lexicon.</param>
    /// <param name="mode">Major or minor.</param>
    /// <param name="phrases">Number of phrases.</param>
    /// <param name="random">The source of randomness (seeded by the caller).</param>
    /// <param name="beatsPerMeasure">Quarter-note beats per measure.</param>
    /// <param name="originality">When given, limits verbatim copies to <paramref name="maxCopiedBeats"/> beats.</param>
    /// <param name="maxCopiedBeats">The longest verbatim copy allowed when <paramref name="originality"/> is given.</param>
    /// <param name="registerShift">
    /// When given, the semitones the piece will be moved by when it is written out (<c>−MinedScores.SemitonesToC(key)</c>):
    /// among the groupings that may follow, those that keep every voice in its usual range after that shift come
    /// first, so the register does not drift out of the voices' ranges as sources change. Null: no preference.
    /// </param>
    /// <exception cref="InvalidOperationException">No piece could be composed within the bounded search (e.g. the corpus has no pieces of that mode and meter).</exception>
    public static GeneratedPiece Compose(RecombinancyLexicon lexicon, Mode mode, int phrases, Random random, int beatsPerMeasure = 4,
        OriginalityIndex? originality = null, int maxCopiedBeats = DefaultMaxCopiedBeats, int? registerShift = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCopiedBeats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(phrases, 1);
        var templates = PhrasePlan.Templates(lexicon.Pieces, mode, beatsPerMeasure);
        if (phrases > 1 && templates.All(t => lexicon.Pieces[t].PhraseEnds.Count(e => e) <= 1))
            throw new InvalidOperationException("the corpus marks no phrase ends (no fermatas), so it can only give one phrase: use 1 phrase");
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var plan = PhrasePlan.From(lexicon.Pieces[templates[random.Next(templates.Length)]], phrases, random);
            var ids = Search(lexicon, mode, plan.Positions, plan.Ends, beatsPerMeasure, random, originality, maxCopiedBeats, registerShift);
            if (ids is null) continue;
            var beats = new BeatGrouping[ids.Length];
            var provenance = new BeatProvenance?[ids.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                var (p, b) = lexicon[ids[i]];
                var piece = lexicon.Pieces[p];
                beats[i] = piece.Beats[b];
                provenance[i] = new BeatProvenance(piece.Source, piece.Measures[b], piece.BeatInMeasure[b] + 1, piece.TranspositionInterval);
            }
            return new GeneratedPiece("recombinant", mode, beats, plan.Positions, beatsPerMeasure, plan.Ends, provenance, ids);
        }
        throw new InvalidOperationException($"no recombinant piece found after {MaxAttempts} attempts of {ExpansionBudget} steps each");
    }

    private static int[]? Search(RecombinancyLexicon lexicon, Mode mode, int[] positions, bool[] ends, int beatsPerMeasure, Random random,
        OriginalityIndex? originality, int maxCopiedBeats, int? registerShift)
    {
        int n = positions.Length;
        var candidates = new List<int>[n];
        var copies = new List<(int, int)>[n];
        var next = new int[n];
        var chosen = new int[n];
        for (int i = 0; i < n; i++) { candidates[i] = []; copies[i] = []; }
        // Openings: the first beat of a piece at the planned position.
        for (int p = 0; p < lexicon.Pieces.Count; p++)
        {
            var piece = lexicon.Pieces[p];
            if (piece.Mode == mode && piece.BeatInMeasure[0] == positions[0] && piece.BeatsPerMeasure[0] == beatsPerMeasure && Fits(piece, 0, ends[0], n == 1))
                candidates[0].Add(lexicon.IdOf(p, 0));
        }
        Shuffle(candidates[0], random);
        if (registerShift is { } shift0) InRangeFirst(lexicon, candidates[0], shift0, null);
        int depth = 0, expansions = 0;
        while (depth >= 0)
        {
            if (next[depth] >= candidates[depth].Count)
            {
                depth--;
                continue;
            }
            chosen[depth] = candidates[depth][next[depth]++];
            if (originality is not null &&
                originality.Extend(depth == 0 ? [] : copies[depth - 1], lexicon.Grouping(chosen[depth]), copies[depth]) > maxCopiedBeats)
            {
                if (++expansions > ExpansionBudget) return null;
                continue;
            }
            if (depth == n - 1) return chosen;
            if (++expansions > ExpansionBudget) return null;
            Fill(lexicon, mode, chosen[depth], positions[depth + 1], beatsPerMeasure, ends[depth + 1], depth + 1 == n - 1, candidates[depth + 1], random);
            if (registerShift is { } shift) InRangeFirst(lexicon, candidates[depth + 1], shift, chosen[depth]);
            next[depth + 1] = 0;
            depth++;
        }
        return null;
    }

    private static bool Fits(MinedPiece piece, int beat, bool phraseEnd, bool last)
    {
        if (piece.PhraseEnds[beat] != phraseEnd) return false;
        if (last) return piece.Beats[beat].Pitch(3, 3) % 12 == 0; // the final bass on the tonic
        return beat + 1 < piece.Length; // a grouping with a destination
    }

    private static void Fill(RecombinancyLexicon lexicon, Mode mode, int current, int position, int beatsPerMeasure, bool phraseEnd, bool last, List<int> into, Random random)
    {
        into.Clear();
        if (lexicon.Destination(current) is not { } destination) return;
        var (piece, beat) = lexicon[current];
        foreach (int id in lexicon.WithOpening(mode, destination, position, beatsPerMeasure))
        {
            var e = lexicon[id];
            if (!Fits(lexicon.Pieces[e.Piece], e.Beat, phraseEnd, last)) continue;
            into.Add(id);
        }
        Shuffle(into, random);
        // Tiers, each in random order: other pieces first, then other beats of this piece, the original successor last.
        int w = 0;
        for (int tier = 0; tier < 2; tier++)
            for (int i = w; i < into.Count; i++)
            {
                var e = lexicon[into[i]];
                int t = e.Piece != piece ? 0 : e.Beat != beat + 1 ? 1 : 2;
                if (t == tier) (into[w], into[i]) = (into[i], into[w++]);
            }
    }

    /// <summary>
    /// Harmonizes a fixed soprano by recombinancy, greedily beat by beat: where the previous grouping's destination
    /// opens with the melody's pitch, the next grouping is one that opens with that destination (a join Bach wrote,
    /// as in EMI); elsewhere any grouping whose soprano opens with the melody's pitch at the beat's metric position
    /// (then at any position, then an octave away, moved by that octave). Among the candidates, those that end a
    /// phrase in their source where the plan ends one (and not elsewhere), then those whose destination's soprano is
    /// the melody's next pitch (so that the chain of joins can go on), then those from another piece are preferred;
    /// the choice among the rest is random. Only the soprano's opening pitch is matched: the result's soprano may
    /// differ from the melody inside a beat. Provenance is kept per beat. A beat that nothing fits (rare) keeps the
    /// previous beat's lower voices.
    /// </summary>
    /// <param name="lexicon">The lexicon.</param>
    /// <param name="mode">Major or minor.</param>
    /// <param name="soprano">Per beat, the melody's MIDI pitch at the beat's onset, relative to C.</param>
    /// <param name="positions">Per beat, its position in the measure (0-based).</param>
    /// <param name="beatsPerMeasure">Quarter-note beats per measure.</param>
    /// <param name="ends">Per beat, whether a phrase ends there.</param>
    /// <param name="random">The source of randomness (seeded by the caller).</param>
    public static GeneratedPiece Harmonize(RecombinancyLexicon lexicon, Mode mode, IReadOnlyList<int> soprano, int[] positions, int beatsPerMeasure, bool[] ends, Random random)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(soprano);
        int n = positions.Length;
        if (soprano.Count != n || ends.Length != n) throw new ArgumentException("One pitch, position and phrase-end flag per beat.");
        var beats = new BeatGrouping[n];
        var provenance = new BeatProvenance?[n];
        var ids = new int[n];
        var pool = new List<int>();
        var kept = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int wanted = soprano[i], shift = 0;
            pool.Clear();
            if (i > 0 && ids[i - 1] >= 0 && lexicon.Destination(ids[i - 1]) is { } destination && (destination & 0xFF) == wanted)
                foreach (int id in lexicon.WithOpening(mode, destination, positions[i], beatsPerMeasure)) pool.Add(id);
            if (pool.Count == 0)
                foreach (int id in lexicon.WithSoprano(mode, wanted, positions[i], beatsPerMeasure)) pool.Add(id);
            for (int p = 0; pool.Count == 0 && p < beatsPerMeasure; p++)
                foreach (int id in lexicon.WithSoprano(mode, wanted, p, beatsPerMeasure)) pool.Add(id);
            foreach (int octave in (ReadOnlySpan<int>)[12, -12])
            {
                if (pool.Count > 0) break;
                for (int p = 0; pool.Count == 0 && p < beatsPerMeasure; p++)
                    foreach (int id in lexicon.WithSoprano(mode, wanted + octave, p == 0 ? positions[i] : (positions[i] + p) % beatsPerMeasure, beatsPerMeasure)) pool.Add(id);
                if (pool.Count > 0) shift = -octave;
            }
            if (pool.Count == 0)
            {
                ids[i] = -1;
                var before = i > 0 ? beats[i - 1] : default;
                beats[i] = BeatGrouping.Chord(wanted, before.Pitch(1, 3), before.Pitch(2, 3), before.Pitch(3, 3));
                continue;
            }
            int previousPiece = i > 0 && ids[i - 1] >= 0 ? lexicon[ids[i - 1]].Piece : -1;
            Prefer(pool, kept, id => { var e = lexicon[id]; return lexicon.Pieces[e.Piece].PhraseEnds[e.Beat] == ends[i]; });
            if (i + 1 < n)
                Prefer(pool, kept, id => lexicon.Destination(id) is { } d && (int)(d & 0xFF) == soprano[i + 1] - shift);
            Prefer(pool, kept, id => lexicon[id].Piece != previousPiece);
            int chosen = pool[random.Next(pool.Count)];
            var (piece, beat) = lexicon[chosen];
            var source = lexicon.Pieces[piece];
            ids[i] = shift == 0 ? chosen : -1;
            beats[i] = shift == 0 ? source.Beats[beat] : source.Beats[beat].Transpose(shift);
            // A grouping moved by an octave to meet the melody is no longer the corpus bar's: it gets no provenance.
            provenance[i] = shift != 0 ? null : new BeatProvenance(source.Source, source.Measures[beat], source.BeatInMeasure[beat] + 1, source.TranspositionInterval);
        }
        return new GeneratedPiece("recombinant", mode, beats, positions, beatsPerMeasure, ends, provenance);
    }

    /// <summary>Keeps the members of <paramref name="pool"/> that satisfy <paramref name="test"/>, unless none does.</summary>
    private static void Prefer(List<int> pool, List<int> kept, Func<int, bool> test)
    {
        kept.Clear();
        foreach (int id in pool) if (test(id)) kept.Add(id);
        if (kept.Count == 0 || kept.Count == pool.Count) return;
        pool.Clear();
        pool.AddRange(kept);
    }

    /// <summary>Semitones inside each end of a voice's range that a grouping should keep to, so the register stays near the middle.</summary>
    public const int RangeMargin = 2;

    /// <summary>
    /// Orders the candidates within each tier of <see cref="Fill"/> (other pieces, other beats of this piece, the
    /// original successor; the order is kept otherwise): groupings that stay <see cref="RangeMargin"/> semitones inside
    /// every voice's range after <paramref name="shift"/> first, then those that stay in range, then the rest.
    /// </summary>
    private static void InRangeFirst(RecombinancyLexicon lexicon, List<int> candidates, int shift, int? current)
    {
        var (piece, beat) = current is { } c ? (lexicon[c].Piece, lexicon[c].Beat) : (-1, -1);
        var ordered = candidates.OrderBy(id =>
        {
            var e = lexicon[id];
            int tier = current is null || e.Piece != piece ? 0 : e.Beat != beat + 1 ? 1 : 2;
            var source = lexicon.Pieces[e.Piece];
            var g = source.Beats[e.Beat];
            // The beat where this grouping leads (its source's next beat) decides where the music goes next.
            int inner = MinedScores.OutsideRange(g, shift, RangeMargin) + (e.Beat + 1 < source.Length ? MinedScores.OutsideRange(source.Beats[e.Beat + 1], shift, RangeMargin) : 0);
            int range = inner == 0 ? 0 : MinedScores.OutsideRange(g, shift) == 0 ? 1 : 2;
            return tier * 3 + range;
        }).ToArray();
        candidates.Clear();
        candidates.AddRange(ordered);
    }

    private static void Shuffle(List<int> list, Random random)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
