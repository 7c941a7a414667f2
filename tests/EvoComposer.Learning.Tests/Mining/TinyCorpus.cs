using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Mining;

/// <summary>Hand-written four-voice pieces in C, one held chord per beat, 4/4, phrase ends every four beats.</summary>
internal static class TinyCorpus
{
    public static readonly BeatGrouping I = BeatGrouping.Chord(72, 67, 64, 48), IV = BeatGrouping.Chord(72, 69, 65, 53),
        V = BeatGrouping.Chord(71, 67, 62, 55), Vi = BeatGrouping.Chord(72, 69, 64, 57), Ii = BeatGrouping.Chord(74, 69, 65, 50);

    public static MinedPiece Piece(string name, params BeatGrouping[] beats) => Piece(name, Mode.Major, beats);

    public static MinedPiece Piece(string name, Mode mode, BeatGrouping[] beats)
    {
        int n = beats.Length;
        return new MinedPiece(name, new Key(Step.C, 0, mode), 0, beats,
            Enumerable.Range(0, n).Select(i => i / 4 + 1).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 4).ToArray(),
            Enumerable.Repeat(4, n).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 4 == 3 || i == n - 1).ToArray());
    }

    public static MinedPiece[] Pieces() =>
    [
        Piece("a.krn", I, IV, V, I, Vi, Ii, V, I),
        Piece("b.krn", I, Vi, IV, V, I, IV, V, I),
        Piece("c.krn", I, V, Vi, IV, Ii, V, V, I),
        Piece("d.krn", I, Ii, V, I, IV, I, V, I),
    ];
}
