using EvoComposer.Evolution.Composition;
using EvoComposer.Evolution.Engine;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Tests.Composition;

public class ChoraleGenomeTests
{
    private static readonly PhrasePlan Plan3 = ChoraleTestData.Plan(3);

    [Fact]
    public void Create_DropsSecondNotesThatDoNotMoveByStep()
    {
        // Soprano E5→C5 passes through D5 (kept); alto C5~A4 then G4: A4 is a step to G4 but C5→A4 is a third: dropped.
        var g = ChoraleTestData.Genome(Plan3, "E5~D5 C5~A4 G4 C3", "C5 G4 E4 C3", "C5 G4 E4 C3");
        Assert.Equal(Pitch.Parse("D5"), g.Second(0, 0));
        Assert.Null(g.Second(0, 1));
    }

    [Fact]
    public void Create_KeepsNoSecondNoteOnACadenceChord_AndCopiesHolds()
    {
        var plan = new PhrasePlan(ChoraleTestData.CMajor, Meter.CommonTime, [new PlannedPhrase(4, CadenceKind.PerfectAuthentic, 2)]);
        var g = ChoraleTestData.Genome(plan, "G4 D4 B3 G2", "G4 D4 B3 G2", "C5~D5 E4 G3 C3", "D5 F4 A3 D3");
        Assert.Null(g.Second(2, 0));
        Assert.Equal(g.Main(2, 1), g.Main(3, 1));
        Assert.Equal(g.Main(2, 3), g.Main(3, 3));
    }

    [Fact]
    public void Equality_IsByGenes()
    {
        var a = ChoraleTestData.Genome(Plan3, "E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3");
        var b = ChoraleTestData.Genome(Plan3, "E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3");
        var c = ChoraleTestData.Genome(Plan3, "E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C2");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(0, a.DistanceTo(b));
        Assert.Equal(1.0 / 24, a.DistanceTo(c), 9);
    }

    [Fact]
    public void ToSliceGrid_HasASliceForEachBeatAndHalfBeatWithMotion()
    {
        var g = ChoraleTestData.Genome(Plan3, "E5~D5 C5 G4 C3", "C5 A4 E4 A2", "B4 G4 D4 G2");
        var grid = g.ToSliceGrid();
        Assert.Equal(4, grid.SliceCount);
        Assert.Equal(new Rational(1, 2), grid.Onsets[1]);
        Assert.True(grid.IsAttacked(1, 0));
        Assert.False(grid.IsAttacked(1, 1));
        Assert.Equal(Pitch.Parse("C5").Midi, grid.MidiAt(1, 1));
        Assert.True(grid.IsFermataSlice(3));
        Assert.Equal(Pitch.Parse("D5"), grid.PitchAt(1, 0));
    }

    [Fact]
    public void ToScore_MergesHeldBeatsIntoLongNotes_WithFermatas()
    {
        var plan = new PhrasePlan(ChoraleTestData.CMajor, Meter.CommonTime, [new PlannedPhrase(4, CadenceKind.PerfectAuthentic, 2)]);
        var g = ChoraleTestData.Genome(plan, "E5 C5 G4 C3", "D5 B4 G4 G2", "C5 G4 E4 C3", "C5 G4 E4 C3");
        var score = g.ToScore();
        Assert.Equal(4, score.Parts.Length);
        var soprano = score.Parts[0].Notes;
        Assert.Equal(3, soprano.Length);
        Assert.Equal((Rational)2, soprano[2].Duration);
        Assert.True(soprano[2].Fermata);
        Assert.Equal(ChoraleTestData.CMajor, score.Key);
        Assert.Equal("Bass", score.Parts[3].Name);
    }

    [Fact]
    public void SpellsTheLeadingNoteOfMinor()
    {
        var plan = PhrasePlan.Default(new Key(Step.A, 0, Mode.Minor), Meter.CommonTime, 2);
        var g = new RandomChoraleFactory(plan).Create(RandomStream.For(3, 0, 0, RandomPurpose.Initialization));
        var notes = g.ToScore().Parts.SelectMany(p => p.Notes).Select(n => n.Pitch).ToList();
        Assert.Contains(notes, p => p.Step == Step.G && p.Alter == 1);
        Assert.DoesNotContain(notes, p => p.Step == Step.A && p.Alter != 0);
    }
}
