using EvoComposer.Evolution.Composition;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition;

public class HarmonizationBenchmarkTests
{
    /// <summary>Frames (16ths) of four voices, each voice a list of (pitch, 16ths).</summary>
    private static int[][] Frames(params (int Pitch, int Length)[][] voices)
    {
        int n = voices[0].Sum(x => x.Length);
        var frames = Enumerable.Range(0, n).Select(_ => new int[4]).ToArray();
        for (int v = 0; v < 4; v++)
        {
            int f = 0;
            foreach (var (p, l) in voices[Math.Min(v, voices.Length - 1)])
                for (int k = 0; k < l; k++) frames[f++][v] = p;
        }
        return frames;
    }

    [Fact]
    public void ToScore_MergesRepeatedFrames_AndTakesTheLeftoverBeatAsPickup()
    {
        // 9 beats: one pickup beat, then two full measures.
        var frames = Frames([(67, 4), (72, 8), (71, 4), (72, 20)], [(64, 36)], [(55, 36)], [(48, 36)]);
        var score = HarmonizationBenchmark.ToScore(frames, new Key(Step.C, 0, Mode.Major));
        Assert.Equal(4, score.Parts.Length);
        Assert.Equal([67, 72, 71, 72], score.Parts[0].Notes.Select(n => n.Pitch.Midi));
        Assert.Equal(new Rational(2, 1), score.Parts[0].Notes[1].Duration);
        Assert.Single(score.Parts[3].Notes);
        Assert.Equal(new Measure(0, Rational.Zero, new Rational(1, 1)), score.Measures[0]);
        Assert.Equal(3, score.Measures.Length);
    }

    [Fact]
    public void MelodyScore_MarksLongNotesOnStrongBeats_AndTheLastNote_AsPhraseEnds()
    {
        // 4/4 without pickup: quarters, then a half note on beat 3 of measure 2 (a phrase end), then a half note on
        // beat 2 (too weak), then the last note.
        var soprano = new (int, int)[] { (72, 4), (74, 4), (76, 4), (77, 4), (79, 4), (77, 4), (76, 8), (74, 4), (72, 8), (71, 4), (72, 16) };
        var melody = HarmonizationBenchmark.MelodyScore(Frames(soprano), new Key(Step.C, 0, Mode.Major));
        var notes = melody.Parts[0].Notes;
        Assert.Equal([false, false, false, false, false, false, true, false, false, false, true], notes.Select(n => n.Fermata));
        var plan = MelodyPlanner.Plan(melody, new Key(Step.C, 0, Mode.Major));
        Assert.Equal(2, plan.Phrases.Length);
    }

    [Fact]
    public void MelodyScore_SpellsInTheGivenKey()
    {
        var melody = HarmonizationBenchmark.MelodyScore(Frames([(70, 16), (69, 16)]), new Key(Step.F, 0, Mode.Major));
        var first = melody.Parts[0].Notes[0].Pitch;
        Assert.Equal((Step.B, -1), (first.Step, first.Alter));
    }
}
