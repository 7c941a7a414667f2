using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>Turns a genome into the shared slice grid and into a score.</summary>
internal static class ChoraleRendering
{
    private const int V = ChoraleGenome.Voices;

    public static SliceGrid ToSliceGrid(ChoraleGenome g)
    {
        var plan = g.Plan;
        int beats = plan.Beats;
        // Count slices first: the grid's columns are allocated once, at their size, and written in place.
        int slices = 0;
        var isHold = plan.IsHold.AsSpan();
        for (int b = 0; b < beats; b++)
        {
            if (isHold[b]) continue;
            slices++;
            if (HasSecond(g.SecDia, b)) slices++;
        }
        return SliceGrid.Create(GridVoiceNames, slices, g, Write);
    }

    /// <summary>
    /// Writes a genome's columns: straight into MIDI and diatonic numbers (no spelled pitches), as the grid is built once per
    /// fitness evaluation. Every cell is written (attacks, fermatas), every slice entry too.
    /// </summary>
    private static readonly SliceGridWriter<ChoraleGenome> Write = static (g, columns) =>
    {
        var plan = g.Plan;
        int beats = plan.Beats;
        Span<int> midi = columns.Midi, dia = columns.Diatonic, measures = columns.Measures;
        Span<bool> attacked = columns.Attacked, fermatas = columns.Fermatas;
        Span<Rational> onsets = columns.Onsets, durations = columns.Durations, beatPos = columns.Beats;
        // The plan's columns and the genome's arrays read once (the loop below runs per cell).
        var isHold = plan.IsHold.AsSpan();
        var isCadence = plan.IsCadenceChord.AsSpan();
        ReadOnlySpan<Rational> beatOnsets = plan.BeatOnsets, chordDurations = plan.ChordDurations, beatPositions = plan.BeatPositions;
        ReadOnlySpan<Rational> halfOnsets = plan.HalfOnsets, halfPositions = plan.HalfPositions;
        ReadOnlySpan<int> planMeasures = plan.Measures;
        var halfLength = plan.HalfLength;
        var tied = plan.Melody is { } melody ? melody.Tied.AsSpan() : default; // only the soprano can be tied (IsTied)
        ReadOnlySpan<sbyte> mainDia = g.MainDia, mainAlt = g.MainAlt, secDia = g.SecDia, secAlt = g.SecAlt;
        int s = -1;
        for (int b = 0; b < beats; b++)
        {
            if (isHold[b]) continue;
            int c0 = b * V;
            uint seconds = MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(secDia.Slice(c0, V))); // a byte per voice: 0 = no second note
            s++;
            onsets[s] = beatOnsets[b];
            durations[s] = seconds != 0 ? halfLength : chordDurations[b];
            measures[s] = planMeasures[b];
            beatPos[s] = beatPositions[b];
            // The beat's four notes: diatonic numbers widened four at a time, MIDI numbers by table, attacks and fermatas four bytes at once.
            int cell0 = s * V;
            var mainD = mainDia.Slice(c0, V);
            var mainA = mainAlt.Slice(c0, V);
            Widen(mainD).CopyTo(dia.Slice(cell0, V));
            var m = midi.Slice(cell0, V);
            m[0] = MidiOf(mainD[0], mainA[0]);
            m[1] = MidiOf(mainD[1], mainA[1]);
            m[2] = MidiOf(mainD[2], mainA[2]);
            m[3] = MidiOf(mainD[3], mainA[3]);
            MemoryMarshal.Write(MemoryMarshal.AsBytes(attacked.Slice(cell0, V)), AllTrue);
            MemoryMarshal.Write(MemoryMarshal.AsBytes(fermatas.Slice(cell0, V)), isCadence[b] ? AllTrue : 0u);
            if (!tied.IsEmpty && tied[b]) attacked[cell0] = false;
            if (seconds == 0) continue;
            s++;
            onsets[s] = halfOnsets[b];
            durations[s] = halfLength;
            measures[s] = planMeasures[b];
            beatPos[s] = halfPositions[b];
            // The half beat: a voice with a second note attacks it, the others hold their note.
            var secD = secDia.Slice(c0, V);
            var secA = secAlt.Slice(c0, V);
            var d = dia.Slice(cell0, 2 * V);
            var mm = midi.Slice(cell0, 2 * V);
            var at = attacked.Slice(cell0 + V, V);
            for (int v = 0; v < V; v++)
            {
                bool has = secD[v] != 0;
                d[V + v] = has ? secD[v] : d[v];
                mm[V + v] = has ? MidiOf(secD[v], secA[v]) : mm[v];
                at[v] = has;
            }
        }
    };

    private static readonly System.Collections.Immutable.ImmutableArray<string> GridVoiceNames = [.. ChoraleGenome.VoiceNames];

    /// <summary><see cref="KeyScale.Midi"/> by table for the diatonic indices a genome holds (sbyte: 0–127).</summary>
    private static int MidiOf(sbyte diatonic, sbyte alter) => diatonic >= 0 ? NaturalMidi[diatonic] + alter : KeyScale.Midi(diatonic, alter);

    private static readonly int[] NaturalMidi = [.. Enumerable.Range(0, 128).Select(d => KeyScale.Midi(d, 0))];

    private const uint AllTrue = 0x01010101; // four bools, true

    /// <summary>Four diatonic numbers, widened.</summary>
    private static Vector128<int> Widen(ReadOnlySpan<sbyte> four) =>
        Vector128.WidenLower(Vector128.WidenLower(
            Vector128.CreateScalar(MemoryMarshal.Read<int>(MemoryMarshal.AsBytes(four))).AsSByte()));

    /// <summary>Whether any voice attacks a second note on beat <paramref name="b"/>'s half beat.</summary>
    internal static bool HasSecond(ReadOnlySpan<sbyte> secDia, int b) =>
        MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(secDia.Slice(b * V, V))) != 0;

    private static readonly string[] PartNames = ["Soprano", "Alto", "Tenor", "Bass"];

    public static Score ToScore(ChoraleGenome g, ScoreMetadata? metadata)
    {
        var plan = g.Plan;
        var grid = ToSliceGrid(g);
        var parts = new List<Part>(V);
        for (int v = 0; v < V; v++)
        {
            if (v == 0 && plan.Melody?.Original is { } original)
            {
                parts.Add(original.WithName(PartNames[0]));
                continue;
            }
            var notes = new List<Note>();
            for (int s = 0; s < grid.SliceCount; s++)
            {
                if (!grid.IsAttacked(s, v) && notes.Count > 0)
                {
                    var last = notes[^1];
                    notes[^1] = last with { Duration = last.Duration + grid.Durations[s], Fermata = last.Fermata || grid.Fermata[grid.Cell(s, v)] };
                    continue;
                }
                notes.Add(new Note(grid.PitchAt(s, v), grid.Onsets[s], grid.Durations[s], grid.Measures[s], grid.Fermata[grid.Cell(s, v)]));
            }
            parts.Add(new Part(PartNames[v], notes));
        }
        var measureList = new List<Measure>();
        var length = plan.BeatLength * plan.Beats;
        var measureLength = plan.Meter.MeasureLength;
        Rational onset = Rational.Zero;
        int number = 1;
        if (plan.PickupBeats > 0)
        {
            var pickup = plan.BeatLength * plan.PickupBeats;
            measureList.Add(new Measure(0, Rational.Zero, pickup));
            onset = pickup;
        }
        while (onset < length)
        {
            var d = Rational.Min(measureLength, length - onset);
            measureList.Add(new Measure(number++, onset, d));
            onset += d;
        }
        return new Score(parts, [new Timed<Meter>(Rational.Zero, plan.Meter)], [new Timed<KeySignature>(Rational.Zero, plan.Key.Signature)],
            plan.Key, measureList, [new Timed<double>(Rational.Zero, 80)], metadata);
    }
}
