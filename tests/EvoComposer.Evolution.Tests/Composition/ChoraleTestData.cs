using EvoComposer.Evolution.Composition;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition;

/// <summary>Small hand-made chorales for tests.</summary>
internal static class ChoraleTestData
{
    public static readonly Key CMajor = new(Step.C, 0, Mode.Major);

    /// <summary>A plan of one phrase of <paramref name="beats"/> beats whose last chord lasts one beat.</summary>
    public static PhrasePlan Plan(int beats, CadenceKind cadence = CadenceKind.PerfectAuthentic) =>
        new(CMajor, Meter.CommonTime, [new PlannedPhrase(beats, cadence, 1)]);

    /// <summary>A genome from chords written "S A T B" per beat, e.g. "E5 C5 G4 C3"; a second note as "D5~C5".</summary>
    public static ChoraleGenome Genome(PhrasePlan plan, params string[] beats)
    {
        var main = new Pitch[plan.Beats, 4];
        var second = new Pitch?[plan.Beats, 4];
        for (int b = 0; b < plan.Beats; b++)
        {
            var notes = beats[Math.Min(b, beats.Length - 1)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int v = 0; v < 4; v++)
            {
                var parts = notes[v].Split('~');
                main[b, v] = Pitch.Parse(parts[0]);
                if (parts.Length > 1) second[b, v] = Pitch.Parse(parts[1]);
            }
        }
        return ChoraleGenome.Create(plan, main, second);
    }
}
