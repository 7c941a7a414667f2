using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Analysis;

public class ChordTests
{
    [Fact]
    public void Constructor_EveryCombination_PropertiesReturnWhatWasGiven()
    {
        foreach (var step in Enum.GetValues<Step>())
            foreach (int alter in new[] { -2, -1, 0, 1, 2, 5, -300 })
                foreach (var triad in Enum.GetValues<TriadQuality>())
                    foreach (var seventh in Enum.GetValues<SeventhQuality>())
                        for (int inversion = 0; inversion < 4; inversion++)
                            foreach (bool third in new[] { false, true })
                                foreach (bool fifth in new[] { false, true })
                                {
                                    var c = new Chord(step, alter, triad, seventh, inversion, third, fifth);
                                    Assert.True(c.IsKnown);
                                    Assert.Equal((step, alter, triad, seventh, inversion, third, fifth),
                                        (c.RootStep, c.RootAlter, c.Triad, c.Seventh, c.Inversion, c.HasThird, c.HasFifth));
                                    Assert.Equal(c, new Chord(step, alter, triad, seventh, inversion, third, fifth));
                                    Assert.NotEqual(c, default);
                                }
    }

    [Fact]
    public void Default_IsNoChordOnC()
    {
        Chord none = default;
        Assert.False(none.IsKnown);
        Assert.Equal(Step.C, none.RootStep);
        Assert.Equal(0, none.Inversion);
        Assert.Equal("no chord", none.ToString());
    }

    [Fact]
    public void Constructor_ValuesOutsideTheEnumerations_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chord((Step)7, 0, TriadQuality.Major, SeventhQuality.None, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chord(Step.C, 0, (TriadQuality)4, SeventhQuality.None, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chord(Step.C, 0, TriadQuality.Major, (SeventhQuality)(-1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chord(Step.C, 0, TriadQuality.Major, SeventhQuality.None, 4));
    }
}
