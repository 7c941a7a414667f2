using EvoComposer.Learning.Mining;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Mining;

public class BeatGroupingTests
{
    [Fact]
    public void Create_PitchesAndAttacks_ReadBack()
    {
        var pitches = new byte[16];
        var attacks = new bool[16];
        for (int i = 0; i < 16; i++) { pitches[i] = (byte)(40 + i); attacks[i] = i % 3 == 0; }
        var g = BeatGrouping.Create(pitches, attacks);
        for (int v = 0; v < 4; v++)
            for (int s = 0; s < 4; s++)
            {
                Assert.Equal(40 + v * 4 + s, g.Pitch(v, s));
                Assert.Equal((v * 4 + s) % 3 == 0, g.Attack(v, s));
            }
        Assert.Equal((40, 44, 48, 52), BeatGrouping.Unpack(g.Opening));
        Assert.Equal((43, 47, 51, 55), BeatGrouping.Unpack(g.Closing));
    }

    [Fact]
    public void Create_AttackOnSilence_IsDropped()
    {
        var g = BeatGrouping.Create(new byte[16], Enumerable.Repeat(true, 16).ToArray());
        Assert.False(g.Attack(0, 0));
        Assert.Equal(default, g);
    }

    [Fact]
    public void Transpose_UpThenDown_IsIdentity()
    {
        var pitch = Gen.Choose(30, 90);
        Prop.ForAll(Gen.ArrayOf(pitch, 16).ToArbitrary(), Gen.Choose(-12, 12).ToArbitrary(), (ps, shift) =>
        {
            var g = BeatGrouping.Create(ps.Select(p => (byte)p).ToArray(), ps.Select(p => p % 2 == 0).ToArray());
            return g.Transpose(shift).Transpose(-shift) == g && (shift == 0 || g.Transpose(shift) != g);
        }).QuickCheckThrowOnFailure();
    }
}
