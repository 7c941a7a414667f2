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
        // Count slices first so every array is allocated once.
        int slices = 0;
        for (int b = 0; b < beats; b++)
        {
            if (plan.IsHold[b]) continue;
            slices++;
            if (HasSecond(g, b)) slices++;
        }
        int cells = slices * V;
        // Straight into MIDI and diatonic numbers (no spelled pitches): the grid is built once per fitness evaluation.
        // The columns are written in full below and copied by the grid, so this thread's scratch serves every call
        // (no allocation, no zeroing).
        var scratch = t_scratch ??= new GridScratch();
        scratch.Ensure(slices);
        Span<int> midi = scratch.Midi.AsSpan(0, cells);
        Span<int> dia = scratch.Dia.AsSpan(0, cells);
        Span<bool> attacked = scratch.Attacked.AsSpan(0, cells);
        Span<bool> fermatas = scratch.Fermatas.AsSpan(0, cells);
        Span<Rational> onsets = scratch.Onsets.AsSpan(0, slices);
        Span<Rational> durations = scratch.Durations.AsSpan(0, slices);
        Span<int> measures = scratch.Measures.AsSpan(0, slices);
        Span<Rational> beatPos = scratch.BeatPositions.AsSpan(0, slices);
        int s = -1;
        // The plan's columns and the genome's arrays read once (the loop below runs per cell).
        var isHold = plan.IsHold;
        var isCadence = plan.IsCadenceChord;
        var beatOnsets = plan.BeatOnsets;
        var chordDurations = plan.ChordDurations;
        var beatPositions = plan.BeatPositions;
        var halfOnsets = plan.HalfOnsets;
        var halfPositions = plan.HalfPositions;
        var planMeasures = plan.Measures;
        var halfLength = plan.HalfLength;
        var tied = plan.Melody is { } melody ? melody.Tied : default; // only the soprano can be tied (IsTied)
        sbyte[] mainDia = g.MainDia, mainAlt = g.MainAlt;
        for (int b = 0; b < beats; b++)
        {
            if (isHold[b]) continue;
            bool second = HasSecond(g, b);
            s++;
            onsets[s] = beatOnsets[b];
            durations[s] = second ? halfLength : chordDurations[b];
            measures[s] = planMeasures[b];
            beatPos[s] = beatPositions[b];
            bool fermata = isCadence[b];
            for (int v = 0; v < V; v++)
            {
                int c = b * V + v, cell = s * V + v;
                dia[cell] = mainDia[c];
                midi[cell] = MidiOf(mainDia[c], mainAlt[c]);
                attacked[cell] = true;
                fermatas[cell] = fermata;
            }
            if (!tied.IsDefault && tied[b]) attacked[s * V] = false;
            if (!second) continue;
            s++;
            onsets[s] = halfOnsets[b];
            durations[s] = halfLength;
            measures[s] = measures[s - 1];
            beatPos[s] = halfPositions[b];
            for (int v = 0; v < V; v++)
            {
                int c = b * V + v, cell = s * V + v;
                fermatas[cell] = false;
                if (g.SecDia[c] != 0)
                {
                    dia[cell] = g.SecDia[c];
                    midi[cell] = MidiOf(g.SecDia[c], g.SecAlt[c]);
                    attacked[cell] = true;
                }
                else
                {
                    dia[cell] = dia[cell - V];
                    midi[cell] = midi[cell - V];
                    attacked[cell] = false;
                }
            }
        }
        return new SliceGrid(GridVoiceNames, midi, dia, attacked, fermatas, onsets, durations, measures, beatPos);
    }

    [ThreadStatic] private static GridScratch? t_scratch;

    /// <summary>The columns <see cref="ToSliceGrid"/> writes before the grid copies them: one set per thread, grown as needed.</summary>
    private sealed class GridScratch
    {
        public int[] Midi = [], Dia = [], Measures = [];
        public bool[] Attacked = [], Fermatas = [];
        public Rational[] Onsets = [], Durations = [], BeatPositions = [];

        public void Ensure(int slices)
        {
            if (Onsets.Length >= slices) return;
            int n = Math.Max(slices, 2 * Onsets.Length), cells = n * V;
            Midi = new int[cells];
            Dia = new int[cells];
            Attacked = new bool[cells];
            Fermatas = new bool[cells];
            Onsets = new Rational[n];
            Durations = new Rational[n];
            Measures = new int[n];
            BeatPositions = new Rational[n];
        }
    }

    private static readonly System.Collections.Immutable.ImmutableArray<string> GridVoiceNames = [.. ChoraleGenome.VoiceNames];

    /// <summary><see cref="KeyScale.Midi"/> by table for the diatonic indices a genome holds (sbyte: 0–127).</summary>
    private static int MidiOf(sbyte diatonic, sbyte alter) => diatonic >= 0 ? NaturalMidi[diatonic] + alter : KeyScale.Midi(diatonic, alter);

    private static readonly int[] NaturalMidi = [.. Enumerable.Range(0, 128).Select(d => KeyScale.Midi(d, 0))];

    private static bool HasSecond(ChoraleGenome g, int b)
    {
        int c = b * V;
        return g.SecDia[c] != 0 || g.SecDia[c + 1] != 0 || g.SecDia[c + 2] != 0 || g.SecDia[c + 3] != 0;
    }

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
