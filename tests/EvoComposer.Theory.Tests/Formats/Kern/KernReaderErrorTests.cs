using System.Text;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Kern;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;
using static EvoComposer.Theory.Tests.Formats.Kern.KernFixtures;

namespace EvoComposer.Theory.Tests.Formats.Kern;

/// <summary>Fatal defects of <see cref="KernReader"/> and the damaged-input properties.</summary>
public class KernReaderErrorTests
{
    [Fact]
    public void Read_NoExclusiveInterpretation_NotHumdrum()
    {
        var e = Fails("4c", "4d");
        Assert.Equal(1, e.Line);
        Assert.Contains("not a Humdrum file", e.Reason);
        Assert.Equal("test.krn: line 1: '4c' comes before any exclusive interpretation such as **kern: this is not a Humdrum file", e.Message);
    }

    [Fact]
    public void Read_OnlyComments_NotHumdrum() =>
        Assert.Contains("no exclusive interpretation", Fails("!!!COM: x", "!! nothing").Reason);

    [Fact]
    public void Read_NoKernSpine_Fails() => Assert.Contains("no **kern spine", Fails("**text", "la", "*-").Reason);

    [Fact]
    public void Read_Garbage_Fails()
    {
        var e = Assert.Throws<KernFormatException>(() => new KernReader().Read(Encoding.UTF8.GetBytes("MThd this is not kern"), "g.krn"));
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Read_BinaryWithNul_Fails()
    {
        byte[] bytes = [.. "**kern\n4c\n"u8, 0, 1, 2];
        var e = Assert.Throws<KernFormatException>(() => new KernReader().Read(bytes, "b.krn"));
        Assert.Equal(3, e.Line);
        Assert.Contains("NUL byte", e.Reason);
    }

    [Theory]
    [InlineData("4q#", "neither a pitch nor a rest")]
    [InlineData("4cd", "two different pitch letters")]
    [InlineData("c", "no duration")]
    [InlineData("4c8", "two durations")]
    [InlineData("04c", "leading zero")]
    [InlineData("0000c", "longer than a maxima")]
    [InlineData("3%0c", "duration of 0")]
    [InlineData("3%c", "'%' without a number")]
    [InlineData("99999999999999999999c", "larger than")]
    [InlineData("4c#-", "both sharps and flats")]
    [InlineData("4c####", "more than 3 accidentals")]
    [InlineData("4cccccccccc", "outside octaves")]
    [InlineData("4c.........", "more than 8 dots")]
    [InlineData("4c\u00e9", "0xC3")]
    public void Read_BadNoteToken_FailsWithLineSpineAndReason(string token, string reason)
    {
        var e = Fails("**kern\t**kern", "4C\t4c", $"4D\t{token}", "*-\t*-");
        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Spine);
        Assert.Contains(reason, e.Reason);
        Assert.StartsWith("test.krn: line 3, spine 2: '", e.Message);
    }

    [Fact]
    public void Read_TokenCountMismatchAfterSplit_Fails()
    {
        var e = Fails("**kern\t**kern", "*^\t*", "4c\t4e\t4g", "4c\t4g", "*-\t*-\t*-");
        Assert.Equal(4, e.Line);
        Assert.Contains("2 tokens on a line where 3 spines are active", e.Reason);
    }

    [Fact]
    public void Read_TokenCountMismatchAfterJoin_Fails()
    {
        var e = Fails("**kern", "*^", "4c\t4e", "*v\t*v", "4c\t4e", "*-");
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void Read_LoneJoin_Fails()
    {
        var e = Fails("**kern\t**kern", "*v\t*", "4c\t4d", "*-\t*-");
        Assert.Equal((2, 1), (e.Line, e.Spine));
        Assert.Contains("lone *v", e.Reason);
    }

    [Fact]
    public void Read_SingleExchange_Fails() =>
        Assert.Contains("exactly two", Fails("**kern\t**kern", "*x\t*", "4c\t4d").Reason);

    [Fact]
    public void Read_JoinKernWithText_Fails() =>
        Assert.Contains("another kind", Fails("**kern\t**text", "*v\t*v", "4c").Reason);

    [Fact]
    public void Read_DataAfterAllSpinesEnded_Fails()
    {
        var e = Fails("**kern", "4c", "*-", "4d");
        Assert.Equal(4, e.Line);
        Assert.Contains("after all spines have ended", e.Reason);
    }

    [Fact]
    public void Read_MixedLine_Fails()
    {
        var e = Fails("**kern\t**kern", "4c\t*M3/4", "*-\t*-");
        Assert.Equal((2, 2), (e.Line, e.Spine));
    }

    [Fact]
    public void Read_TokenOfSpaces_Fails()
    {
        var e = Fails("**kern\t**kern", "4c\t  ", "*-\t*-");
        Assert.Equal((2, 2), (e.Line, e.Spine));
        Assert.Contains("spaces only", e.Reason);
    }

    [Fact]
    public void Read_EmptyToken_Fails() => Assert.Contains("empty token", Fails("**kern\t**kern", "4c\t", "*-\t*-").Reason);

    [Theory]
    [InlineData("*k[f#c#")]
    [InlineData("*k[fc]")]
    [InlineData("*k[X#]")]
    [InlineData("*k[f#c#g#d#a#e#b#f#]")]
    public void Read_MalformedKeySignature_Fails(string token)
    {
        var e = Fails("**kern", token, "4c", "*-");
        Assert.Equal((2, 1), (e.Line, e.Spine));
    }

    [Fact]
    public void Read_NonStandardKeySignature_IsToleratedWithDiagnostic()
    {
        var result = Read("**kern", "*k[b-e-f#]", "4c", "*-");
        Assert.Equal(new KeySignature(-1), result.Score.KeySignature);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("not a standard key signature"));
    }

    [Fact]
    public void Read_OnsetsTooFineToAdd_FailsInsteadOfOverflowing()
    {
        // Tuplets of large co-prime lengths: the onsets' denominators multiply beyond 64 bits.
        var lines = new List<string> { "**kern" };
        foreach (int n in new[] { 999_983, 999_979, 999_961, 999_959, 999_953 }) lines.Add($"{n}c");
        lines.Add("*-");
        var e = Fails([.. lines]);
        Assert.Contains("overflowed", e.Reason);
        Assert.True(e.Line > 2);
    }

    [Fact]
    public void Read_RandomlyDamagedChorale_GivesScoreOrScoreFormatException()
    {
        byte[] original = File.ReadAllBytes(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"));
        var damage =
            from kind in Gen.Choose(0, 3)
            from position in Gen.Choose(0, original.Length - 1)
            from count in Gen.Choose(1, 8)
            from values in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), count)
            select (kind, position, values);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(damage.ToArbitrary(), d =>
        {
            byte[] bytes = d.kind switch
            {
                0 => original[..d.position],                                          // truncated
                1 => Patch(original, d.position, d.values),                           // bytes overwritten
                2 => [.. original[..d.position], .. d.values, .. original[d.position..]], // bytes inserted
                _ => [.. original[..d.position], .. original[Math.Min(original.Length, d.position + d.values.Length)..]], // bytes deleted
            };
            return ReadsOrFailsCleanly(bytes);
        }));
    }

    [Fact]
    public void Read_RandomKernTokens_GiveScoreOrScoreFormatException()
    {
        const string alphabet = "0123456789%.abcdefgABCDEFG#-nrqQ[]_;LJ xX \"'*=!~^{}()";
        var tokens = Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray())).Select(cs => new string(cs))
            .Where(s => s.Length > 0 && s[0] is not ('*' or '=' or '!'));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(tokens.ToArbitrary(), token =>
            ReadsOrFailsCleanly(Bytes("**kern\t**kern", $"4c\t{token}", $"{token}\t4d", "*-\t*-"))));
    }

    private static byte[] Patch(byte[] original, int position, byte[] values)
    {
        byte[] copy = (byte[])original.Clone();
        for (int i = 0; i < values.Length && position + i < copy.Length; i++) copy[position + i] = values[i];
        return copy;
    }

    /// <summary>True when the bytes give a score or a <see cref="ScoreFormatException"/>, allocating no more than the size justifies.</summary>
    private static bool ReadsOrFailsCleanly(byte[] bytes)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            new KernReader().Read(bytes, "damaged.krn");
        }
        catch (ScoreFormatException e)
        {
            if (string.IsNullOrEmpty(e.Reason)) return false;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated < 256 * 1024 + 100L * bytes.Length;
    }
}
