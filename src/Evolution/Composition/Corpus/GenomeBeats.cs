using EvoComposer.Learning.Mining;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition.Corpus;

/// <summary>
/// Converts between a genome and the mined models' representation (quarter-note <see cref="BeatGrouping"/>s on a
/// 16th grid, transposed so that the tonic is C), in both directions. Only plans whose beat is a quarter note can
/// be converted (<see cref="Supports"/>).
/// </summary>
internal static class GenomeBeats
{
    private const int V = ChoraleGenome.Voices;

    /// <summary>True when the plan's beat is a quarter note (the models' beat).</summary>
    public static bool Supports(PhrasePlan plan) => plan.Meter.Denominator == 4;

    /// <summary>The genome's beat in C.</summary>
    public static BeatGrouping Grouping(ChoraleGenome g, int beat, int toC)
    {
        Span<byte> pitches = stackalloc byte[16];
        Span<bool> attacks = stackalloc bool[16];
        bool hold = g.Plan.IsHold[beat];
        for (int v = 0; v < V; v++)
        {
            int c = beat * V + v;
            int main = Clamp(g.MainMidi(c) + toC);
            int second = g.SecDia[c] != 0 ? Clamp(g.SecMidi(c) + toC) : main;
            pitches[v * 4] = pitches[v * 4 + 1] = (byte)main;
            pitches[v * 4 + 2] = pitches[v * 4 + 3] = (byte)second;
            attacks[v * 4] = !hold && !g.IsTied(beat, v);
            attacks[v * 4 + 2] = g.SecDia[c] != 0;
        }
        return BeatGrouping.Create(pitches, attacks);
    }

    private static int Clamp(int midi) => Math.Clamp(midi, 1, 127);

    /// <summary>The whole genome as a mined piece in C (for the Markov models and the originality index).</summary>
    public static MinedPiece ToMined(ChoraleGenome g)
    {
        var plan = g.Plan;
        int n = plan.Beats, toC = MinedScores.SemitonesToC(plan.Key);
        var beats = new BeatGrouping[n];
        var measures = new int[n];
        var inMeasure = new int[n];
        var perMeasure = new int[n];
        var ends = new bool[n];
        for (int b = 0; b < n; b++)
        {
            beats[b] = Grouping(g, b, toC);
            measures[b] = plan.Measures[b];
            inMeasure[b] = plan.BeatInMeasure(b) - 1;
            perMeasure[b] = plan.Meter.Numerator;
            ends[b] = b == n - 1 || plan.PhraseOfBeat[b + 1] != plan.PhraseOfBeat[b];
        }
        return new MinedPiece("genome", plan.Key, toC, beats, measures, inMeasure, perMeasure, ends);
    }

    /// <summary>A grouping (in C) as a beat of the plan's key: main notes at the beat, a second note where one is attacked on the half beat.</summary>
    public static VoicedBeat? ToVoicedBeat(PhrasePlan plan, BeatGrouping grouping, BeatSource? source)
    {
        int fromC = -MinedScores.SemitonesToC(plan.Key);
        var main = new Pitch[V];
        var second = new Pitch?[V];
        for (int v = 0; v < V; v++)
        {
            int m = grouping.Pitch(v, 0);
            if (m == 0) return null;
            main[v] = Spell(plan, m + fromC);
            int s = grouping.Pitch(v, 2);
            if (s != 0 && s != m && grouping.Attack(v, 2)) second[v] = Spell(plan, s + fromC);
        }
        return new VoicedBeat([.. main], [.. second], source);
    }

    /// <summary>Spells a MIDI number in the key: a scale note if it is one, else a raised lower or a lowered upper degree.</summary>
    public static Pitch Spell(PhrasePlan plan, int midi)
    {
        var scale = plan.Scale;
        int tonicPc = plan.Key.TonicPitchClass;
        int rel = KeyScale.Mod(midi - tonicPc, 12);
        // Try the scale degrees: exact, then raised (#4, #5, #6, #7, #1, #2), then lowered.
        for (int pass = 0; pass < 3; pass++)
        {
            for (int degree = 0; degree < 7; degree++)
            {
                int dia = scale.TonicStep + degree;
                int scalePc = KeyScale.Mod(KeyScale.Midi(dia, scale.SignatureAlter(dia)) - tonicPc, 12);
                int shift = pass switch { 0 => 0, 1 => 1, _ => -1 };
                if (KeyScale.Mod(scalePc + shift, 12) != rel) continue;
                int alter = scale.SignatureAlter(dia) + shift;
                if (Math.Abs(alter) > 2) continue;
                int step = KeyScale.Mod(dia, 7);
                int natural = KeyScale.Midi(step, 0) - 12; // C-1 octave: Midi(step, 0) for octave 0 minus 12
                int octave = (midi - alter - natural) / 12 - 1;
                return new Pitch((Step)step, alter, octave);
            }
        }
        return Pitch.FromMidi(midi, plan.Key.Fifths);
    }
}
