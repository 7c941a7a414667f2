using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// A four-voice chorale (soprano, alto, tenor, bass) over a <see cref="PhrasePlan"/>: per beat and voice a main
/// note and, optionally, a second note on the half beat (a passing or neighbour note), stored compactly as
/// diatonic indices and alterations in flat arrays indexed <c>[beat * 4 + voice]</c>. Spelled exactly in the key.
/// The genome is canonical: holds of a cadence chord repeat it, a second note survives only where it moves by
/// step from its beat's note and by step to the next beat's, and a plan's fixed soprano is always the plan's.
/// Equality compares genes (and the plan by reference), never fitness. Beside the genes each beat carries its
/// <see cref="BeatSource"/> (where it came from), which operators pass on and which takes no part in equality,
/// hashing or distance. Immutable and thread-safe.
/// </summary>
public sealed class ChoraleGenome : IChromosome<ChoraleGenome>
{
    /// <summary>Voices: soprano, alto, tenor, bass.</summary>
    public const int Voices = 4;
    /// <summary>Voice names, highest first.</summary>
    public static readonly IReadOnlyList<string> VoiceNames = ["soprano", "alto", "tenor", "bass"];

    internal readonly sbyte[] MainDia, MainAlt, SecDia, SecAlt;
    /// <summary>Per beat, where it came from (owned; filled by <see cref="GenomeEditor.ToGenome"/> before the genome is shared).</summary>
    internal readonly BeatSource[] Origins;
    private readonly int _hash;

    /// <summary>
    /// Takes ownership of the arrays and makes them canonical. <c>SecDia</c> 0 means no second note. Holds get
    /// <see cref="BeatSource.Hold"/>; other beats keep <paramref name="origins"/> (default: <see cref="BeatSource.Given"/>).
    /// </summary>
    internal ChoraleGenome(PhrasePlan plan, sbyte[] mainDia, sbyte[] mainAlt, sbyte[] secDia, sbyte[] secAlt, BeatSource[]? origins = null)
    {
        Plan = plan;
        MainDia = mainDia;
        MainAlt = mainAlt;
        SecDia = secDia;
        SecAlt = secAlt;
        Origins = origins ?? Enumerable.Repeat(BeatSource.Given, plan.Beats).ToArray();
        for (int b = 0; b < plan.Beats; b++) if (plan.IsHold[b]) Origins[b] = BeatSource.Hold;
        Canonicalize();
        var h = new HashCode();
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(mainDia.AsSpan()));
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(mainAlt.AsSpan()));
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(secDia.AsSpan()));
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(secAlt.AsSpan()));
        _hash = h.ToHashCode();
    }

    /// <summary>
    /// Creates a genome from spelled pitches, <c>main[beat, voice]</c> and <c>second[beat, voice]</c> (null: none).
    /// Genes the plan fixes (holds, the melody) are overwritten; invalid second notes are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">Arrays of the wrong shape, or a pitch outside octaves 1–7.</exception>
    public static ChoraleGenome Create(PhrasePlan plan, Pitch[,] main, Pitch?[,] second)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(second);
        if (main.GetLength(0) != plan.Beats || main.GetLength(1) != Voices || second.GetLength(0) != plan.Beats || second.GetLength(1) != Voices)
            throw new ArgumentException($"Expected [{plan.Beats}, {Voices}] pitch arrays.");
        int n = plan.Beats * Voices;
        var md = new sbyte[n]; var ma = new sbyte[n]; var sd = new sbyte[n]; var sa = new sbyte[n];
        for (int b = 0; b < plan.Beats; b++)
            for (int v = 0; v < Voices; v++)
            {
                int c = b * Voices + v;
                (md[c], ma[c]) = Encode(main[b, v]);
                if (second[b, v] is { } s) (sd[c], sa[c]) = Encode(s);
            }
        return new ChoraleGenome(plan, md, ma, sd, sa);
    }

    private static (sbyte, sbyte) Encode(Pitch p)
    {
        if (p.Octave < 1 || p.Octave > 7) throw new ArgumentException($"{p} is outside the octaves a chorale uses.");
        return ((sbyte)p.DiatonicIndex, (sbyte)p.Alter);
    }

    /// <summary>The plan.</summary>
    public PhrasePlan Plan { get; }
    /// <summary>Number of beats.</summary>
    public int Beats => Plan.Beats;
    /// <inheritdoc/>
    public int Length => MainDia.Length * 2;

    /// <summary>Where each beat came from, in order (carried through the operators; not part of equality).</summary>
    public IReadOnlyList<BeatSource> Sources => Origins;

    /// <summary>True when a voice may change (false for the soprano of a harmonization).</summary>
    public bool IsFree(int voice) => voice != 0 || Plan.Melody is null;

    /// <summary>The note sounding at the start of a beat in a voice.</summary>
    public Pitch Main(int beat, int voice)
    {
        int c = beat * Voices + voice;
        return Pitch.FromDiatonicIndex(MainDia[c], MainAlt[c]);
    }

    /// <summary>The note attacked on the half beat, if any.</summary>
    public Pitch? Second(int beat, int voice)
    {
        int c = beat * Voices + voice;
        return SecDia[c] == 0 ? null : Pitch.FromDiatonicIndex(SecDia[c], SecAlt[c]);
    }

    /// <summary>MIDI number of a beat's main note.</summary>
    internal int MainMidi(int c) => KeyScale.Midi(MainDia[c], MainAlt[c]);
    /// <summary>MIDI number of a cell's second note (meaningless when there is none).</summary>
    internal int SecMidi(int c) => KeyScale.Midi(SecDia[c], SecAlt[c]);
    /// <summary>The last note sounding in a cell (its second note, else its main note): diatonic and MIDI.</summary>
    internal (int Dia, int Midi) LastOf(int c) => SecDia[c] != 0 ? (SecDia[c], SecMidi(c)) : (MainDia[c], MainMidi(c));

    /// <summary>True when the soprano's main note at a beat continues the previous note (a tie in the fixed melody).</summary>
    internal bool IsTied(int beat, int voice) => voice == 0 && Plan.Melody is { } m && m.Tied[beat];

    private void Canonicalize()
    {
        var plan = Plan;
        int beats = plan.Beats;
        if (plan.Melody is { } melody)
        {
            for (int b = 0; b < beats; b++)
            {
                int c = b * Voices;
                (MainDia[c], MainAlt[c]) = Encode(melody.Main[b]);
                if (melody.Second[b] is { } s) (SecDia[c], SecAlt[c]) = Encode(s);
                else SecDia[c] = SecAlt[c] = 0;
            }
        }
        for (int b = 0; b < beats; b++)
        {
            bool hold = plan.IsHold[b];
            for (int v = 0; v < Voices; v++)
            {
                if (!IsFree(v)) continue;
                int c = b * Voices + v;
                if (hold)
                {
                    MainDia[c] = MainDia[c - Voices];
                    MainAlt[c] = MainAlt[c - Voices];
                }
                if (SecDia[c] == 0) { SecAlt[c] = 0; continue; }
                bool valid = b + 1 < beats && !plan.IsCadenceChord[b] && !hold
                    && Math.Abs(SecDia[c] - MainDia[c]) == 1 && Math.Abs(MainDia[c + Voices] - SecDia[c]) == 1;
                if (!valid) SecDia[c] = SecAlt[c] = 0;
            }
        }
    }

    /// <summary>A copy of the genes to edit (see <see cref="GenomeEditor"/>); beats it changes get the editor's origin.</summary>
    internal GenomeEditor Edit() => new(Plan, (sbyte[])MainDia.Clone(), (sbyte[])MainAlt.Clone(), (sbyte[])SecDia.Clone(), (sbyte[])SecAlt.Clone(), (BeatSource[])Origins.Clone());

    /// <inheritdoc/>
    public double DistanceTo(ChoraleGenome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.MainDia.Length != MainDia.Length) return 1;
        int d = 0;
        for (int c = 0; c < MainDia.Length; c++)
        {
            if (MainDia[c] != other.MainDia[c] || MainAlt[c] != other.MainAlt[c]) d++;
            if (SecDia[c] != other.SecDia[c] || SecAlt[c] != other.SecAlt[c]) d++;
        }
        return (double)d / (2 * MainDia.Length);
    }

    /// <inheritdoc/>
    public bool Equals(ChoraleGenome? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hash == other._hash && ReferenceEquals(Plan, other.Plan)
            && MainDia.AsSpan().SequenceEqual(other.MainDia) && MainAlt.AsSpan().SequenceEqual(other.MainAlt)
            && SecDia.AsSpan().SequenceEqual(other.SecDia) && SecAlt.AsSpan().SequenceEqual(other.SecAlt)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ChoraleGenome);
    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>
    /// The slice grid the rule catalogue and fitness terms read, built straight from the genes (no score is
    /// made): a slice at every beat that is not a hold, and one on the half beat where any voice moves.
    /// </summary>
    public SliceGrid ToSliceGrid() => ChoraleRendering.ToSliceGrid(this);

    /// <summary>The chorale as a score: four parts, spelled in the plan's key, holds and ties merged, fermatas on cadence chords.</summary>
    public Score ToScore(ScoreMetadata? metadata = null) => ChoraleRendering.ToScore(this, metadata);

    /// <summary>"S: D4 E4 … | A: …".</summary>
    public override string ToString() =>
        string.Join(" | ", Enumerable.Range(0, Voices).Select(v => VoiceNames[v][0] + ": " +
            string.Join(" ", Enumerable.Range(0, Beats).Select(b => Main(b, v) + (Second(b, v) is { } s ? "~" + s : "")))));
}

/// <summary>
/// Mutable copy of a genome's genes for operators; <see cref="ToGenome"/> makes it canonical and immutable. It
/// remembers the genes it started from (or was last <see cref="Rebase"/>d to): every beat whose genes differ from
/// them in the result takes the origin given to <see cref="ToGenome"/>, unless <see cref="SetSource"/> named one.
/// </summary>
internal sealed class GenomeEditor
{
    private const int V = ChoraleGenome.Voices;
    private sbyte[] _refMainDia, _refMainAlt, _refSecDia, _refSecAlt;
    private readonly bool[] _explicit;

    public GenomeEditor(PhrasePlan plan, sbyte[] mainDia, sbyte[] mainAlt, sbyte[] secDia, sbyte[] secAlt, BeatSource[] sources)
    {
        Plan = plan;
        MainDia = mainDia; MainAlt = mainAlt; SecDia = secDia; SecAlt = secAlt;
        Sources = sources;
        _explicit = new bool[plan.Beats];
        _refMainDia = _refMainAlt = _refSecDia = _refSecAlt = [];
        Rebase();
    }

    public PhrasePlan Plan { get; }
    public readonly sbyte[] MainDia, MainAlt, SecDia, SecAlt;
    /// <summary>Per beat, its origin as it stands.</summary>
    public readonly BeatSource[] Sources;

    public static GenomeEditor Empty(PhrasePlan plan, BeatSource origin)
    {
        int n = plan.Beats * V;
        return new GenomeEditor(plan, new sbyte[n], new sbyte[n], new sbyte[n], new sbyte[n], Enumerable.Repeat(origin, plan.Beats).ToArray());
    }

    /// <summary>Takes the genes as they are now as the reference that later changes are measured against.</summary>
    public void Rebase()
    {
        _refMainDia = (sbyte[])MainDia.Clone();
        _refMainAlt = (sbyte[])MainAlt.Clone();
        _refSecDia = (sbyte[])SecDia.Clone();
        _refSecAlt = (sbyte[])SecAlt.Clone();
        Array.Clear(_explicit);
    }

    /// <summary>Names where a beat comes from (it keeps that origin whatever <see cref="ToGenome"/> is told).</summary>
    public void SetSource(int beat, BeatSource source)
    {
        Sources[beat] = source;
        _explicit[beat] = true;
    }

    public void SetMain(int beat, int voice, int dia, int alter)
    {
        int c = beat * V + voice;
        MainDia[c] = (sbyte)dia;
        MainAlt[c] = (sbyte)alter;
    }

    public void SetSecond(int beat, int voice, int dia, int alter)
    {
        int c = beat * V + voice;
        SecDia[c] = (sbyte)dia;
        SecAlt[c] = (sbyte)alter;
    }

    public void ClearSecond(int beat, int voice) => SetSecond(beat, voice, 0, 0);

    public int Midi(int beat, int voice)
    {
        int c = beat * V + voice;
        return KeyScale.Midi(MainDia[c], MainAlt[c]);
    }

    /// <summary>The canonical genome; beats whose genes changed (after canonicalization) get <paramref name="changed"/> unless named.</summary>
    public ChoraleGenome ToGenome(BeatSource changed)
    {
        var g = new ChoraleGenome(Plan, MainDia, MainAlt, SecDia, SecAlt, Sources);
        // The genome owns the arrays now and they are canonical: mark what differs from the reference.
        for (int b = 0; b < Plan.Beats; b++)
        {
            if (Plan.IsHold[b] || _explicit[b]) continue;
            int c = b * V;
            if (!MainDia.AsSpan(c, V).SequenceEqual(_refMainDia.AsSpan(c, V)) || !MainAlt.AsSpan(c, V).SequenceEqual(_refMainAlt.AsSpan(c, V))
                || !SecDia.AsSpan(c, V).SequenceEqual(_refSecDia.AsSpan(c, V)) || !SecAlt.AsSpan(c, V).SequenceEqual(_refSecAlt.AsSpan(c, V)))
                Sources[b] = changed;
        }
        return g;
    }
}
