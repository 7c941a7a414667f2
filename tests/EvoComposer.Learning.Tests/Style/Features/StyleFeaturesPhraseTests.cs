using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Style.Features;

/// <summary>The long-range features (phrases compared, register of the whole texture, recurring patterns) on tiny hand-made excerpts.</summary>
public class StyleFeaturesPhraseTests
{
    private const int Q = CompactExcerpt.TicksPerQuarter;

    // One voice of quarter notes, except that a pitch written as −m is a fermata half note on m (a phrase end).
    private static CompactExcerpt Melody(params int[] notes) => Voices(notes);

    private static CompactExcerpt Voices(params int[][] voices)
    {
        var midi = new List<int[]>();
        var onsets = new List<int[]>();
        var durations = new List<int[]>();
        var fermatas = new List<bool[]>();
        foreach (var voice in voices)
        {
            int t = 0;
            var o = new int[voice.Length];
            var d = new int[voice.Length];
            for (int i = 0; i < voice.Length; i++)
            {
                o[i] = t;
                d[i] = voice[i] < 0 ? 2 * Q : Q;
                t += d[i];
            }
            midi.Add(voice.Select(Math.Abs).ToArray());
            onsets.Add(o);
            durations.Add(d);
            fermatas.Add(voice.Select(m => m < 0).ToArray());
        }
        return new CompactExcerpt(midi, onsets, durations, fermatas, Meter.CommonTime);
    }

    private static FeatureVector Of(CompactExcerpt x) => StyleFeatures.Extract(x);

    [Fact]
    public void Extract_SecondPhraseRepeatsTheFirst_RepetitionIsOne()
    {
        // An opening phrase end, then the same arched phrase twice (bar form's repeated Stollen).
        var f = Of(Melody(-67, 60, 62, 64, 65, -64, 60, 62, 64, 65, -64));
        Assert.Equal(1.0, f["phrase.repeat"]);
        Assert.Equal(1.0, f["phrase.arch"]);
        Assert.Equal(5.0, f["phrase.range"]);
        Assert.Equal(4.0, f["phrase.net-motion"]);
        Assert.Equal(Math.Sqrt(2), f["phrase.end-spread"], 12); // ends 67, 64, 64
    }

    [Fact]
    public void Extract_TwoDifferentPhrases_RepetitionIsZero()
    {
        // The second phrase rises to its last note by other intervals: it repeats nothing and has no arch.
        var f = Of(Melody(-67, 60, 62, 64, 65, -64, 60, 64, 65, 69, -72));
        Assert.Equal(0.0, f["phrase.repeat"]);
        Assert.Equal(0.5, f["phrase.arch"]);
        Assert.Equal(8.5, f["phrase.range"]); // (5 + 12) / 2
    }

    [Fact]
    public void Extract_PhraseEndsOnTheTonicTriad_AreStable()
    {
        // C major: phrase ends on E, G, C are stable; one on D is not.
        var f = Of(Melody(60, 62, 64, 65, -64, 65, 67, 69, -67, 65, 64, 62, -60, 64, 62, 60, -62));
        Assert.Equal(0.75, f["phrase.stable-end"], 12);
    }

    [Fact]
    public void Extract_BassUnderPhraseEnds_SpreadIsTheirStandardDeviation()
    {
        var f = Of(Voices([-67, 60, 62, 64, 65, -64], [-48, 48, 50, 52, 53, -60]));
        Assert.Equal(6.0, f["phrase.bass-end-spread"], 12); // bass 48 and 60 under the two phrase ends
    }

    [Fact]
    public void Extract_WholeTextureMovesUpAnOctave_TextureDriftIsSix()
    {
        // Measure 1 around 60 on average, measure 2 around 72: the two measure means are 6 from their mean.
        var together = Of(Voices([72, 72, 72, 72, 84, 84, 84, 84], [48, 48, 48, 48, 60, 60, 60, 60]));
        Assert.Equal(6.0, together["register.texture-drift"], 12);
        // Outer voices moving apart keep the texture's centre where it was.
        var apart = Of(Voices([72, 72, 72, 72, 84, 84, 84, 84], [48, 48, 48, 48, 36, 36, 36, 36]));
        Assert.Equal(0.0, apart["register.texture-drift"], 12);
    }

    [Fact]
    public void Extract_ScaleAndZigzag_DirectednessIsOneAndZero()
    {
        Assert.Equal(1.0, Of(Melody(60, 62, 64, 65, 67, 69, 71, 72))["top.directed"], 12);
        Assert.Equal(0.0, Of(Melody(60, 62, 60, 62, 60, 62, 60, 62))["top.directed"], 12);
    }

    [Fact]
    public void Extract_RecurringMotif_CountsTheSpansFoundAgain()
    {
        // Beat-to-beat intervals 2 2 −4 2 2 −4 2: of the five spans of four beats (three intervals each), four recur;
        // only −4 2 2 occurs once.
        Assert.Equal(0.8, Of(Melody(60, 62, 64, 60, 62, 64, 60, 62))["top.motif-recurrence"], 12);
        Assert.Equal(0.0, Of(Melody(60, 62, 65, 64, 69, 67, 72, 71))["top.motif-recurrence"], 12);
        // A scale repeats its opening whole-whole-half steps at the octave's top: two of five spans.
        Assert.Equal(0.4, Of(Melody(60, 62, 64, 65, 67, 69, 71, 72))["top.motif-recurrence"], 12);
    }

    [Fact]
    public void Extract_RepeatedProgressionAndRhythm_RecurrenceIsOne()
    {
        // C F G three times over in three voices, all in quarter notes.
        int[] soprano = [67, 72, 74, 67, 72, 74, 67, 72, 74], alto = [64, 69, 71, 64, 69, 71, 64, 69, 71], bass = [48, 53, 55, 48, 53, 55, 48, 53, 55];
        var f = Of(Voices(soprano, alto, bass));
        Assert.Equal(1.0, f["harmony.progression-recurrence"], 12);
        Assert.Equal(1.0, f["rhythm.recurrence"], 12);
        Assert.Equal(1.0, f["bass.motif-recurrence"], 12);
    }

    [Fact]
    public void Extract_NewFeatures_AllocateNothingOnceWarm()
    {
        var x = Voices([-67, 60, 62, 64, 65, -64, 60, 62, 64, 65, -64], [-48, 48, 50, 52, 53, -60, 48, 50, 52, 53, -48]);
        var values = new double[StyleFeatures.Schema.Count];
        StyleFeatures.ExtractInto(x, values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        StyleFeatures.ExtractInto(x, values);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
