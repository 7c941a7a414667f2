using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Evolution.Tests.Composition;

/// <summary>Properties of the initializer, the mutations and the crossover (files RandomChoraleFactory, ChoraleMutations, ChoraleCrossover).</summary>
public class ChoraleOperatorsTests
{
    private static readonly PhrasePlan Plan = PhrasePlan.Default(new Key(Step.G, 0, Mode.Major), Meter.CommonTime, 3);

    /// <summary>A plan whose soprano is fixed: a simple melody of three phrases.</summary>
    private static readonly PhrasePlan Harmonization = MelodyPlan();

    private static PhrasePlan MelodyPlan()
    {
        string[] tune = ["G4", "A4", "B4", "A4", "G4", "F#4", "G4", "G4", "B4", "C5", "D5", "C5", "B4", "A4", "A4", "A4"];
        var main = tune.Select(Pitch.Parse).ToArray();
        var tied = tune.Select((t, i) => i == 7 || i == 15).ToArray();
        var melody = new FixedMelody(main, new Pitch?[main.Length], tied);
        return new PhrasePlan(new Key(Step.G, 0, Mode.Major), Meter.CommonTime,
            [new PlannedPhrase(8, CadenceKind.PerfectAuthentic), new PlannedPhrase(8, CadenceKind.Half)], 0, melody);
    }

    private static readonly IMutation<ChoraleGenome>[] AllMutations =
        [new ChordToneMutation(), new VoiceExchangeMutation(), new OctaveShiftMutation(), new PassingNoteMutation(), new RedrawBeatMutation(), new RedrawSpanMutation()];

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Factory_MakesChordsInTheKey_InRange_EndingOnTheTonic_Property()
    {
        var factory = new RandomChoraleFactory(Plan);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Seeds, seed =>
        {
            var g = factory.Create(RandomStream.For((ulong)seed, 0, 0, RandomPurpose.Initialization));
            var grid = g.ToSliceGrid();
            var members = new ChordMember[4];
            var last = ChordIdentifier.Identify(grid, grid.SliceCount - 1, members);
            bool tonic = last.IsKnown && last.RootStep == Step.G && last.Triad == TriadQuality.Major;
            bool ranges = Enumerable.Range(0, grid.SliceCount).All(s => Enumerable.Range(0, 4).All(v =>
                grid.MidiAt(s, v) >= new[] { 58, 53, 46, 38 }[v] && grid.MidiAt(s, v) <= new[] { 81, 76, 69, 64 }[v]));
            // G major: only F# and, rarely, nothing else altered.
            bool inKey = Enumerable.Range(0, grid.SliceCount).All(s => Enumerable.Range(0, 4).All(v =>
            {
                var p = grid.PitchAt(s, v);
                return p.Alter == (p.Step == Step.F ? 1 : 0);
            }));
            return tonic && ranges && inKey;
        }));
    }

    [Fact]
    public void Factory_DifferentStreams_GiveDifferentChorales()
    {
        var factory = new RandomChoraleFactory(Plan);
        var genomes = Enumerable.Range(0, 10).Select(i => factory.Create(RandomStream.For(1, 0, i, RandomPurpose.Initialization))).ToList();
        Assert.True(genomes.Distinct().Count() >= 9);
    }

    [Fact]
    public void Mutations_NeverChangeTheirInput_AndKeepAFixedSoprano_Property()
    {
        var factory = new RandomChoraleFactory(Harmonization);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(Seeds, seed =>
        {
            var g = factory.Create(RandomStream.For((ulong)seed, 0, 0, RandomPurpose.Initialization));
            string before = g.ToString();
            foreach (var m in AllMutations)
            {
                var child = m.Mutate(g, RandomStream.For((ulong)seed, 1, 0, RandomPurpose.Mutation));
                if (g.ToString() != before) return false;
                for (int b = 0; b < child.Beats; b++)
                    if (child.Main(b, 0) != Harmonization.Melody!.Main[b] || child.Second(b, 0) is not null) return false;
                if (!ReferenceEquals(child.Plan, g.Plan)) return false;
            }
            return true;
        }));
    }

    [Fact]
    public void Mutations_UsuallyChangeSomething()
    {
        var g = new RandomChoraleFactory(Plan).Create(RandomStream.For(5, 0, 0, RandomPurpose.Initialization));
        foreach (var m in AllMutations)
        {
            int changed = Enumerable.Range(0, 30).Count(i => !m.Mutate(g, RandomStream.For(5, 1, i, RandomPurpose.Mutation)).Equals(g));
            Assert.True(changed >= 10, $"{m.GetType().Name} changed {changed} of 30");
        }
    }

    [Fact]
    public void Crossover_TakesTheFirstParentBeforeTheCut_AndTheSecondAfter_Property()
    {
        var factory = new RandomChoraleFactory(Plan);
        var crossover = new ChoraleCrossover();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(Seeds, seed =>
        {
            var a = factory.Create(RandomStream.For((ulong)seed, 0, 0, RandomPurpose.Initialization));
            var b = factory.Create(RandomStream.For((ulong)seed, 0, 1, RandomPurpose.Initialization));
            var child = crossover.Cross(a, b, RandomStream.For((ulong)seed, 1, 0, RandomPurpose.Crossover));
            // Some cut exists with every beat before it from a; after it each voice is b's, possibly an octave away.
            int cut = 0;
            while (cut < child.Beats && Enumerable.Range(0, 4).All(v => child.Main(cut, v) == a.Main(cut, v))) cut++;
            for (int beat = cut; beat < child.Beats; beat++)
                for (int v = 0; v < 4; v++)
                {
                    int d = child.Main(beat, v).DiatonicIndex - b.Main(beat, v).DiatonicIndex;
                    if (child.Main(beat, v).Step != b.Main(beat, v).Step || (d != 0 && Math.Abs(d) != 7)) return false;
                }
            return true;
        }));
    }

    [Fact]
    public void Crossover_RejectsParentsOfDifferentPlans()
    {
        var a = new RandomChoraleFactory(Plan).Create(RandomStream.For(1, 0, 0, RandomPurpose.Initialization));
        var other = PhrasePlan.Default(new Key(Step.G, 0, Mode.Major), Meter.CommonTime, 3);
        var b = new RandomChoraleFactory(other).Create(RandomStream.For(1, 0, 0, RandomPurpose.Initialization));
        Assert.Throws<ArgumentException>(() => new ChoraleCrossover().Cross(a, b, RandomStream.For(1, 0, 0, RandomPurpose.Crossover)));
    }

    private sealed class FixedLexicon(VoicedBeat beat) : IBeatLexicon
    {
        public bool TryDraw(ChoraleGenome genome, int index, RandomStream random, out VoicedBeat? proposal)
        {
            proposal = beat;
            return true;
        }
    }

    [Fact]
    public void LexiconHook_PutsTheProposedBeatInPlace()
    {
        var g = new RandomChoraleFactory(Plan).Create(RandomStream.For(2, 0, 0, RandomPurpose.Initialization));
        var beat = new VoicedBeat([Pitch.Parse("B4"), Pitch.Parse("G4"), Pitch.Parse("D4"), Pitch.Parse("G2")], [null, null, null, null], "test");
        var child = new LexiconBeatMutation(new FixedLexicon(beat)).Mutate(g, RandomStream.For(2, 1, 0, RandomPurpose.Mutation));
        Assert.Contains(Enumerable.Range(0, child.Beats), b => child.Main(b, 0) == Pitch.Parse("B4") && child.Main(b, 3) == Pitch.Parse("G2") && child.Main(b, 2) == Pitch.Parse("D4"));
    }
}
