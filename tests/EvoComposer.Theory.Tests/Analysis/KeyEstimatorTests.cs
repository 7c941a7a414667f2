using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Analysis;

public class KeyEstimatorTests
{
    /// <summary>One part of quarter notes with the given MIDI pitches (sharps), no key declared.</summary>
    private static SliceGrid Melody(params int[] midi)
    {
        var notes = midi.Select((m, i) => new Note(Pitch.FromMidi(m), new Rational(i, 1), 1, i / 4 + 1)).ToList();
        var measures = Enumerable.Range(0, (midi.Length + 3) / 4).Select(m => new Measure(m + 1, new Rational(4L * m, 1), 4));
        var score = new Score([new Part("Melody", notes)], [new Timed<Meter>(Rational.Zero, Meter.CommonTime)],
            [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))], null, measures, null, new ScoreMetadata());
        return SliceGrid.FromScore(score);
    }

    [Fact]
    public void OnTonic_AMinorTriadsOnA_IsAMinor()
    {
        var grid = Melody(57, 60, 64, 57, 62, 65, 64, 56, 57, 60, 64, 69);
        Assert.Equal(new Key(Step.A, 0, Mode.Minor), KeyEstimator.OnTonic(grid, 9));
    }

    [Fact]
    public void OnTonic_CMajorScaleOnC_IsCMajor()
    {
        var grid = Melody(60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60);
        Assert.Equal(new Key(Step.C, 0, Mode.Major), KeyEstimator.OnTonic(grid, 0));
    }

    [Fact]
    public void OnTonic_TonicOutsideZeroToEleven_IsReducedModulo12()
    {
        var grid = Melody(60, 62, 64, 65, 67, 69, 71, 72);
        Assert.Equal(KeyEstimator.OnTonic(grid, 0), KeyEstimator.OnTonic(grid, 12));
    }

    [Fact]
    public void Global_CMajorScale_IsCMajor()
    {
        var grid = Melody(60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60, 67, 60);
        Assert.Equal(new Key(Step.C, 0, Mode.Major), KeyEstimator.Global(grid));
    }
}
