using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Theory.Analysis;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

/// <summary>The prepared candidate: its chords come from the harmonic analysis and must equal a fresh identification.</summary>
public class ChoraleEvaluationTests
{
    [Fact]
    public void Chords_RandomChorales_EqualEachBeatSlicesOwnIdentification()
    {
        var members = new ChordMember[4];
        foreach (var genome in RuleTermTests.RandomChorales())
        {
            var e = new ChoraleEvaluation(genome);
            for (int b = 0; b < genome.Beats; b++)
            {
                var chord = ChordIdentifier.Identify(e.Grid, e.BeatSlice[b], members);
                Assert.Equal(chord, e.Chords[b]);
                Assert.True(e.Members.Slice(b * 4, 4).SequenceEqual(members));
            }
        }
    }

    [Fact]
    public void Analysis_RandomChorales_EqualsTheAnalysisOfTheGridAlone()
    {
        foreach (var genome in RuleTermTests.RandomChorales())
        {
            var e = new ChoraleEvaluation(genome);
            var fresh = HarmonicAnalysis.Analyze(e.Grid, genome.Plan.Key, genome.Plan.Key.Signature.Fifths);
            Assert.True(fresh.Chords.SequenceEqual(e.Analysis.Chords));
            Assert.True(fresh.Members.SequenceEqual(e.Analysis.Members));
            Assert.True(fresh.Keys.SequenceEqual(e.Analysis.Keys));
            Assert.True(fresh.NonChordTones.SequenceEqual(e.Analysis.NonChordTones));
            Assert.True(fresh.Cadences.SequenceEqual(e.Analysis.Cadences));
        }
    }
}
