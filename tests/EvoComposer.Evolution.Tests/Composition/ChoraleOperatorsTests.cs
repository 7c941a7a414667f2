using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Composition.Corpus;
using EvoComposer.Evolution.Engine;
using EvoComposer.Learning.Mining;
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
        var source = new BeatSource("lexicon", new Learning.Recombinancy.BeatProvenance("chor001.krn", 3, 2, new Theory.Music.Interval(0, 0)), 7);
        var beat = new VoicedBeat([Pitch.Parse("B4"), Pitch.Parse("G4"), Pitch.Parse("D4"), Pitch.Parse("G2")], [null, null, null, null], source);
        var child = new LexiconBeatMutation(new FixedLexicon(beat)).Mutate(g, RandomStream.For(2, 1, 0, RandomPurpose.Mutation));
        int placed = Enumerable.Range(0, child.Beats).Single(b => child.Sources[b] == source);
        Assert.True(child.Main(placed, 0) == Pitch.Parse("B4") && child.Main(placed, 3) == Pitch.Parse("G2") && child.Main(placed, 2) == Pitch.Parse("D4"));
    }

    [Fact]
    public void Sources_AreNotPartOfEquality_AndUnchangedBeatsKeepTheirs_Property()
    {
        // Every mutation: a beat whose genes it changed gets the mutation's origin (or a hold), every other beat keeps its own.
        var factory = new RandomChoraleFactory(Plan);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Seeds, seed =>
        {
            var g = factory.Create(RandomStream.For((ulong)seed, 0, 0, RandomPurpose.Initialization));
            if (Enumerable.Range(0, g.Beats).Any(b => g.Sources[b] != (Plan.IsHold[b] ? BeatSource.Hold : BeatSource.Random))) return false;
            foreach (var m in AllMutations)
            {
                var child = m.Mutate(g, RandomStream.For((ulong)seed, 1, 0, RandomPurpose.Mutation));
                for (int b = 0; b < g.Beats; b++)
                {
                    bool same = Enumerable.Range(0, 4).All(v => child.Main(b, v) == g.Main(b, v) && child.Second(b, v) == g.Second(b, v));
                    if (Plan.IsHold[b]) { if (child.Sources[b] != BeatSource.Hold) return false; }
                    else if (same ? child.Sources[b] != g.Sources[b] : !child.Sources[b].Origin.StartsWith("mutation: ", StringComparison.Ordinal)) return false;
                }
                // The same genes with other sources are the same genome.
                var copy = ChoraleGenome.Create(Plan, Grid(child, (x, b, v) => x.Main(b, v)), Grid(child, (x, b, v) => x.Second(b, v)));
                if (!copy.Equals(child) || copy.GetHashCode() != child.GetHashCode() || copy.DistanceTo(child) != 0) return false;
                if (copy.Sources.Any(x => x != BeatSource.Given && x != BeatSource.Hold)) return false;
            }
            return true;
        }));
    }

    private static T[,] Grid<T>(ChoraleGenome g, Func<ChoraleGenome, int, int, T> at)
    {
        var grid = new T[g.Beats, 4];
        for (int b = 0; b < g.Beats; b++) for (int v = 0; v < 4; v++) grid[b, v] = at(g, b, v);
        return grid;
    }

    [Fact]
    public void Crossover_CarriesEachBeatsSource_FromTheParentItCameFrom()
    {
        var plan = PhrasePlan.Default(new Key(Step.G, 0, Mode.Major), Meter.CommonTime, 3);
        var factory = new RandomChoraleFactory(plan);
        var crossover = new ChoraleCrossover();
        var mark = new BeatSource("second parent");
        for (int seed = 0; seed < 30; seed++)
        {
            var a = factory.Create(RandomStream.For((ulong)seed, 0, 0, RandomPurpose.Initialization));
            // b: the same kind of genome, one of whose beats is marked (its genes unchanged).
            var b = new LexiconBeatMutation(new MarkingLexicon(mark)).Mutate(factory.Create(RandomStream.For((ulong)seed, 0, 1, RandomPurpose.Initialization)), RandomStream.For(1, 1, 1, RandomPurpose.Mutation));
            var child = crossover.Cross(a, b, RandomStream.For((ulong)seed, 1, 0, RandomPurpose.Crossover));
            for (int beat = 0; beat < plan.Beats; beat++)
            {
                var s = child.Sources[beat];
                bool fromA = Enumerable.Range(0, 4).All(v => child.Main(beat, v) == a.Main(beat, v) && child.Second(beat, v) == a.Second(beat, v));
                bool fromB = Enumerable.Range(0, 4).All(v => child.Main(beat, v) == b.Main(beat, v) && child.Second(beat, v) == b.Second(beat, v));
                Assert.True(plan.IsHold[beat] ? s == BeatSource.Hold
                    : s == a.Sources[beat] && fromA || s == b.Sources[beat] && fromB || s == BeatSource.CrossoverRepair && !(fromA && fromB),
                    $"seed {seed}, beat {beat}: {s}");
            }
        }
    }

    /// <summary>Proposes each genome's own beat back, marked: it only changes the beat's source.</summary>
    private sealed class MarkingLexicon(BeatSource mark) : IBeatLexicon
    {
        public bool TryDraw(ChoraleGenome genome, int index, RandomStream random, out VoicedBeat? proposal)
        {
            proposal = new VoicedBeat([.. Enumerable.Range(0, 4).Select(v => genome.Main(index, v))], [.. Enumerable.Range(0, 4).Select(v => genome.Second(index, v))], mark);
            return true;
        }
    }
}

/// <summary>The Markov span mutation with the mined models (file ChoraleMutations).</summary>
public class ResampleMarkovSpanMutationTests
{
    private static readonly Lazy<ChoraleModels> Models = new(() => ChoraleModels.LoadOrBuild(ChoraleModels.DefaultSet, TestCorpus.Root));

    private static readonly PhrasePlan Plan = PhrasePlan.Default(new Key(Step.E, -1, Mode.Major), Meter.CommonTime, 2);

    [Fact]
    public void Mutate_ChangesOneSpanOfAtMostFourBeats_Deterministically_IntoACanonicalGenome()
    {
        var mutation = new ResampleMarkovSpanMutation(Models.Value);
        var factory = new RandomChoraleFactory(Plan);
        int changedSome = 0;
        for (int i = 0; i < 12; i++)
        {
            var g = factory.Create(RandomStream.For(11, 0, i, RandomPurpose.Initialization));
            var child = mutation.Mutate(g, RandomStream.For(11, 1, i, RandomPurpose.Mutation));
            Assert.Equal(child, mutation.Mutate(g, RandomStream.For(11, 1, i, RandomPurpose.Mutation)));
            Assert.Equal(child.Sources, mutation.Mutate(g, RandomStream.For(11, 1, i, RandomPurpose.Mutation)).Sources);
            // Canonical: rebuilding it from its notes gives the same genome.
            var main = new Pitch[Plan.Beats, 4];
            var second = new Pitch?[Plan.Beats, 4];
            for (int b = 0; b < Plan.Beats; b++) for (int v = 0; v < 4; v++) (main[b, v], second[b, v]) = (child.Main(b, v), child.Second(b, v));
            Assert.Equal(child, ChoraleGenome.Create(Plan, main, second));
            // The beats whose chords changed form one run of at most four beats that are not holds.
            var changed = Enumerable.Range(0, Plan.Beats).Where(b => !Plan.IsHold[b] && Enumerable.Range(0, 4).Any(v => child.Main(b, v) != g.Main(b, v))).ToList();
            if (changed.Count == 0) continue;
            changedSome++;
            Assert.True(changed[^1] - changed[0] < 4, string.Join(",", changed));
            Assert.All(changed, b => Assert.Equal("mutation: Markov span", child.Sources[b].Origin));
            for (int b = 0; b < Plan.Beats; b++)
                for (int v = 0; v < 4; v++)
                    Assert.InRange(child.Main(b, v).Midi, KeyScale.Ranges[v].Low - 12, KeyScale.Ranges[v].High + 12);
        }
        Assert.True(changedSome >= 8, $"changed {changedSome} of 12");
    }

    [Fact]
    public void Mutate_UnderAFixedMelody_KeepsTheSoprano()
    {
        var composed = new RandomChoraleFactory(Plan).Create(RandomStream.For(3, 0, 0, RandomPurpose.Initialization));
        var melodyPlan = new PhrasePlan(Plan.Key, Plan.Meter, Plan.Phrases, 0,
            new FixedMelody(Enumerable.Range(0, composed.Beats).Select(b => composed.Main(b, 0)).ToList(), new Pitch?[composed.Beats], new bool[composed.Beats]));
        var factory = new RandomChoraleFactory(melodyPlan);
        var mutation = new ResampleMarkovSpanMutation(Models.Value);
        int changed = 0;
        for (int i = 0; i < 10; i++)
        {
            var g = factory.Create(RandomStream.For(5, 0, i, RandomPurpose.Initialization));
            var child = mutation.Mutate(g, RandomStream.For(5, 1, i, RandomPurpose.Mutation));
            if (!child.Equals(g)) changed++;
            for (int b = 0; b < child.Beats; b++) Assert.Equal(melodyPlan.Melody!.Main[b], child.Main(b, 0));
        }
        Assert.True(changed >= 5, $"changed {changed} of 10");
    }
}

/// <summary>The phrase-copy mutation (bar form) of ChoraleMutations.</summary>
public class CopyPhraseMutationTests
{
    private static readonly PhrasePlan Plan = PhrasePlan.Default(new Key(Step.C, 0, Mode.Major), Meter.CommonTime);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Pairs_DefaultPlan_IsPhraseOneOntoPhraseThree_ItsLastEightBeats()
    {
        Assert.Equal([(0, 2, 8)], CopyPhraseMutation.Pairs(Plan));
        // Three phrases (HC, IAC, PAC): no two share a cadence, nothing to copy.
        Assert.Empty(CopyPhraseMutation.Pairs(PhrasePlan.Default(Plan.Key, Meter.CommonTime, 3)));
    }

    [Fact]
    public void Mutate_CopiesExactlyThePhrasesNotes_LeavesTheRest_Deterministically_IntoACanonicalGenome_Property()
    {
        var factory = new RandomChoraleFactory(Plan);
        var mutation = new CopyPhraseMutation();
        int from = Plan.PhraseStarts[0] + 1, to = Plan.PhraseStarts[2];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Seeds, seed =>
        {
            var g = factory.Create(RandomStream.For((ulong)seed, 0, 0, RandomPurpose.Initialization));
            string before = g.ToString();
            var child = mutation.Mutate(g, RandomStream.For((ulong)seed, 1, 0, RandomPurpose.Mutation));
            var again = mutation.Mutate(g, RandomStream.For((ulong)seed, 1, 0, RandomPurpose.Mutation));
            bool deterministic = child.Equals(again) && child.Sources.SequenceEqual(again.Sources);
            bool copied = Enumerable.Range(0, 8).All(k => Enumerable.Range(0, 4).All(v =>
                child.Main(to + k, v) == g.Main(from + k, v) && child.Second(to + k, v) == g.Second(from + k, v)));
            bool othersKept = Enumerable.Range(0, Plan.Beats).Where(b => b < to || b >= to + 8).All(b => Enumerable.Range(0, 4).All(v =>
                child.Main(b, v) == g.Main(b, v) && child.Second(b, v) == g.Second(b, v)) && child.Sources[b] == g.Sources[b]);
            bool sources = Enumerable.Range(to, 8).All(b => Plan.IsHold[b] || child.Sources[b].Origin == "mutation: phrase copy (from phrase 1)");
            var main = new Pitch[Plan.Beats, 4];
            var second = new Pitch?[Plan.Beats, 4];
            for (int b = 0; b < Plan.Beats; b++) for (int v = 0; v < 4; v++) (main[b, v], second[b, v]) = (child.Main(b, v), child.Second(b, v));
            bool canonical = child.Equals(ChoraleGenome.Create(Plan, main, second));
            return (g.ToString() == before && deterministic && copied && othersKept && sources && canonical)
                .Label($"det {deterministic} copied {copied} others {othersKept} sources {sources} canonical {canonical}");
        }));
    }

    [Fact]
    public void Mutate_SopranoOnly_CopiesTheSoprano_AndKeepsTheLowerVoices()
    {
        var g = new RandomChoraleFactory(Plan).Create(RandomStream.For(4, 0, 0, RandomPurpose.Initialization));
        var child = new CopyPhraseMutation(sopranoOnly: true).Mutate(g, RandomStream.For(4, 1, 0, RandomPurpose.Mutation));
        int from = Plan.PhraseStarts[0] + 1, to = Plan.PhraseStarts[2];
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(g.Main(from + k, 0), child.Main(to + k, 0));
            for (int v = 1; v < 4; v++) Assert.Equal(g.Main(to + k, v), child.Main(to + k, v));
        }
    }

    [Fact]
    public void Mutate_UnderAFixedMelody_ChangesNothing()
    {
        var composed = new RandomChoraleFactory(Plan).Create(RandomStream.For(3, 0, 0, RandomPurpose.Initialization));
        var melodyPlan = new PhrasePlan(Plan.Key, Plan.Meter, Plan.Phrases, Plan.PickupBeats,
            new FixedMelody(Enumerable.Range(0, composed.Beats).Select(b => composed.Main(b, 0)).ToList(), new Pitch?[composed.Beats], new bool[composed.Beats]));
        Assert.Empty(CopyPhraseMutation.Pairs(melodyPlan));
        var factory = new RandomChoraleFactory(melodyPlan);
        for (int i = 0; i < 10; i++)
        {
            var g = factory.Create(RandomStream.For(5, 0, i, RandomPurpose.Initialization));
            var child = new CopyPhraseMutation().Mutate(g, RandomStream.For(5, 1, i, RandomPurpose.Mutation));
            Assert.Same(g, child);
        }
    }
}
