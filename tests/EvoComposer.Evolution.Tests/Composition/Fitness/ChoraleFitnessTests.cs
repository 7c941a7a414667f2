using System.Globalization;
using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Fitness;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition.Fitness;

/// <summary>The built-in fitness on fixed chorales: values pinned, so a faster evaluation can never change what the GA optimises.</summary>
public class ChoraleFitnessTests
{
    private static ChoraleGenome Fixed(Key key, Meter meter, int phrases, ulong seed) =>
        new RandomChoraleFactory(PhrasePlan.Default(key, meter, phrases)).Create(RandomStream.For(seed, 0, 0, RandomPurpose.Initialization));

    // Every built-in term's value ("name=value", round-trip format) of two fixed random chorales, recorded with the
    // fitness as it was before it was made faster (chords identified twice, every violation materialised): first on
    // the old plan, re-recorded with that slow code (commit 4c85d89) once the default plan gained its pickup, the
    // random factory its provenance and the fitness its texture term (phrase-repeat appended when that term was added).
    private const string Pinned16BarsDMajor =
        "parallel-fifths=0 parallel-octaves=3 contrary-fifths-octaves=0 hidden-fifths-octaves=0 voice-crossing=1 voice-overlap=9 spacing=0 voice-range=12 melodic-augmented-diminished=0 leap-beyond-octave=0 seventh-leap=0 unrecovered-leap=1 consecutive-leaps=1 leading-tone-resolution=1 seventh-resolution=0 doubled-leading-tone=0 missing-third=0 dissonance-treatment=0 phrase-end-cadence=0 planned-cadence=1 chord-quality=1.5 melodic-motion=5.75 progression=-61.7604870596073 repetition=18 passing-motion=0.1076923076923077 texture=32.854669724062155 phrase-repeat=7";
    private const string Pinned8BarsAMinor =
        "parallel-fifths=1 parallel-octaves=0 contrary-fifths-octaves=0 hidden-fifths-octaves=0 voice-crossing=0 voice-overlap=1 spacing=1 voice-range=0 melodic-augmented-diminished=3 leap-beyond-octave=0 seventh-leap=0 unrecovered-leap=1 consecutive-leaps=2 leading-tone-resolution=0 seventh-resolution=0 doubled-leading-tone=0 missing-third=0 dissonance-treatment=0 phrase-end-cadence=0 planned-cadence=0 chord-quality=2.3 melodic-motion=2.5 progression=-42.767460700375516 repetition=7 passing-motion=0.25 texture=34.3150038488209 phrase-repeat=6";

    private static string Values(ChoraleGenome genome)
    {
        var evaluation = new ChoraleEvaluation(genome);
        return string.Join(" ", ChoraleFitness.BuiltInTerms.Select(t => $"{t.Name}={t.Evaluate(evaluation).ToString("R", CultureInfo.InvariantCulture)}"));
    }

    [Fact]
    public void BuiltInTerms_FixedChorales_KeepTheirPinnedValues()
    {
        Assert.Equal(Pinned16BarsDMajor, Values(Fixed(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8, 1)));
        Assert.Equal(Pinned8BarsAMinor, Values(Fixed(new Key(Step.A, 0, Mode.Minor), new Meter(3, 4), 4, 2)));
    }

    [Fact]
    public void Evaluate_FixedChorale_IsTheWeightedSumOfTheTermsInOrder()
    {
        var genome = Fixed(new Key(Step.D, 0, Mode.Major), Meter.CommonTime, 8, 3);
        var fitness = ChoraleFitness.Create(FitnessWeights.Default);
        double expected = 0;
        foreach (var (term, weight) in fitness.Terms)
            if (weight != 0) expected += weight * term.Evaluate(new ChoraleEvaluation(genome));
        Assert.Equal(expected, fitness.Evaluate(genome));
    }
}
