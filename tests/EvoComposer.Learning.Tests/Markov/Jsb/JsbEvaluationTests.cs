using EvoComposer.Learning.Markov;
using EvoComposer.Learning.Markov.Jsb;

namespace EvoComposer.Learning.Tests.Markov.Jsb;

public class JsbEvaluationTests
{
    private const string Tiny = """
        {"train": [[[72,67,64,48],[72,67,64,48],[74,67,65,47],[74,67,65,47],[72,67,64,48]],
                   [[72,67,64,48],[72,67,64,48],[74,67,65,47],[74,67,65,47],[72,67,64,48]]],
         "valid": [[[72,67,64,48],[72,67,64,48],[74,67,65,47]]],
         "test":  [[[72,67,64,48],[74,67,65,47],[-1,-1,-1,-1]]]}
        """;

    [Fact]
    public void Parse_TinySet_ReadsSplitsAndSilence()
    {
        var data = JsbDataset.Parse(Tiny);
        Assert.Equal(2, data.Train.Count);
        Assert.Equal(-1, data.Test[0][2][0]);
        Assert.Equal(48, data.Train[0][0][3]);
    }

    [Fact]
    public void Parse_FrameOfThree_Throws()
    {
        Assert.Throws<InvalidDataException>(() => JsbDataset.Parse("""{"train":[[[1,2,3]]],"valid":[],"test":[]}"""));
    }

    [Fact]
    public void Run_TinySet_ModelBeatsBaselineOnValid()
    {
        var result = JsbEvaluation.Run(JsbDataset.Parse(Tiny));
        Assert.True(result.Valid.BitsPerFrame < result.BaselineValid.BitsPerFrame);
        Assert.Equal(result.Valid.BitsPerFrame / 4, result.Valid.BitsPerNote, 12);
        Assert.Equal(14, result.Candidates.Count);
    }

    [Fact]
    public void FrameModel_VoiceDistribution_SumsToOneOverPitchesAndSilence()
    {
        var data = JsbDataset.Parse(Tiny);
        var model = JsbFrameModel.Fit(data.Train);
        foreach (var smoothing in new[] { Smoothing.WittenBell, Smoothing.KneserNey })
        {
            var m = model.WithSmoothing(smoothing);
            var chorale = data.Train[0].Select(f => (int[])f.Clone()).ToArray();
            double sum = 0;
            for (int pitch = -1; pitch < 128; pitch++)
            {
                chorale[2][1] = pitch;
                sum += m.Probability(chorale, 2, 1);
            }
            // Symbols that cannot occur in this context keep a little smoothing mass, so the sum over
            // pitches is at most 1 and close to it.
            Assert.InRange(sum, 0.95, 1.0 + 1e-9);
        }
    }
}
