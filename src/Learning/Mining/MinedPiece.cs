using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Mining;

/// <summary>
/// A four-voice piece cut into quarter-note beats, transposed so that its tonic is C: the form every model
/// learns from and every generated piece takes. Per beat: the grouping, the measure number as in the source, the
/// beat in the measure (0-based), the measure's length in beats, and whether a phrase ends there (the last beat
/// of a note with a fermata, and the last beat of the piece). Immutable.
/// </summary>
public sealed class MinedPiece
{
    /// <summary>Creates a mined piece; arrays are copied.</summary>
    public MinedPiece(string source, Key key, int transposition, BeatGrouping[] beats, int[] measures, int[] beatInMeasure, int[] beatsPerMeasure, bool[] phraseEnds)
    {
        int n = beats.Length;
        if (measures.Length != n || beatInMeasure.Length != n || beatsPerMeasure.Length != n || phraseEnds.Length != n)
            throw new ArgumentException("One entry per beat in every array.");
        Source = source;
        Key = key;
        Transposition = transposition;
        Beats = (BeatGrouping[])beats.Clone();
        Measures = (int[])measures.Clone();
        BeatInMeasure = (int[])beatInMeasure.Clone();
        BeatsPerMeasure = (int[])beatsPerMeasure.Clone();
        PhraseEnds = (bool[])phraseEnds.Clone();
        var distance = new int[n];
        int next = n;
        for (int i = n - 1; i >= 0; i--)
        {
            if (phraseEnds[i]) next = i;
            distance[i] = next - i;
        }
        DistanceToPhraseEnd = distance;
    }

    /// <summary>The source file.</summary>
    public string Source { get; }
    /// <summary>The key of the source (declared or estimated).</summary>
    public Key Key { get; }
    /// <summary>Mode of the key.</summary>
    public Mode Mode => Key.Mode;
    /// <summary>Semitones added to the source's pitches to bring its tonic to C (−6…5).</summary>
    public int Transposition { get; }
    /// <summary>The beats.</summary>
    public IReadOnlyList<BeatGrouping> Beats { get; }
    /// <summary>Measure number of each beat, as in the source.</summary>
    public IReadOnlyList<int> Measures { get; }
    /// <summary>Beat within its measure, 0-based (a pickup beat in 4/4 is beat 3).</summary>
    public IReadOnlyList<int> BeatInMeasure { get; }
    /// <summary>Quarter-note beats in the measure of each beat.</summary>
    public IReadOnlyList<int> BeatsPerMeasure { get; }
    /// <summary>Whether a phrase ends on the beat.</summary>
    public IReadOnlyList<bool> PhraseEnds { get; }
    /// <summary>Beats from each beat to the next phrase end (0 on a phrase end).</summary>
    public IReadOnlyList<int> DistanceToPhraseEnd { get; }
    /// <summary>Number of beats.</summary>
    public int Length => Beats.Count;

    /// <summary>The spelled interval that takes the source to the common tonic C.</summary>
    public Interval TranspositionInterval => MinedScores.IntervalToC(Key);

    internal void Write(BinaryWriter w)
    {
        w.Write(Source);
        w.Write(Key.ToString());
        w.Write(Transposition);
        w.Write(Length);
        for (int i = 0; i < Length; i++)
        {
            Beats[i].Write(w);
            w.Write(Measures[i]);
            w.Write((byte)BeatInMeasure[i]);
            w.Write((byte)BeatsPerMeasure[i]);
            w.Write(PhraseEnds[i]);
        }
    }

    internal static MinedPiece Read(BinaryReader r)
    {
        string source = r.ReadString();
        string keyText = r.ReadString();
        if (!Key.TryParse(keyText, out var key)) throw new InvalidDataException($"bad key '{keyText}'");
        int transposition = r.ReadInt32(), n = r.ReadInt32();
        if (n < 0 || n > (r.BaseStream.Length - r.BaseStream.Position) / 22 + 1) throw new InvalidDataException($"a piece claims {n} beats");
        var beats = new BeatGrouping[n];
        var measures = new int[n];
        var beatIn = new int[n];
        var perMeasure = new int[n];
        var ends = new bool[n];
        for (int i = 0; i < n; i++)
        {
            beats[i] = BeatGrouping.Read(r);
            measures[i] = r.ReadInt32();
            beatIn[i] = r.ReadByte();
            perMeasure[i] = r.ReadByte();
            ends[i] = r.ReadBoolean();
        }
        return new MinedPiece(source, key, transposition, beats, measures, beatIn, perMeasure, ends);
    }
}
