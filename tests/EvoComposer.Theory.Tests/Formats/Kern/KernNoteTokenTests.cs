using System.Text;
using EvoComposer.Theory.Formats.Kern;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.Kern;

public class KernNoteTokenTests
{
    private static KernNoteToken Parse(string token)
    {
        Assert.True(KernNoteToken.TryParse(Encoding.ASCII.GetBytes(token), out var note, out string? error), error);
        return note;
    }

    [Theory]
    [InlineData("[4c", "Start")]
    [InlineData("[[4c", "Start")]
    [InlineData("4c_", "Continue")]
    [InlineData("4c]", "End")]
    [InlineData("4c]]", "End")]
    [InlineData("4c", "None")]
    [InlineData("[4r", "None")]
    public void TryParse_TieMarks_GiveTieKind(string token, string tie) => Assert.Equal(tie, Parse(token).Tie.ToString());

    [Theory]
    [InlineData("qc")]
    [InlineData("8qc")]
    [InlineData("16Qd#")]
    [InlineData("qqe")]
    public void TryParse_GraceNotes_HaveNoDuration(string token)
    {
        var note = Parse(token);
        Assert.True(note.IsGrace);
        Assert.Equal(Rational.Zero, note.Duration);
    }

    [Fact]
    public void TryParse_RestWithPositionLetters_IsRest()
    {
        var rest = Parse("4rcc");
        Assert.True(rest.IsRest);
        Assert.Equal(Rational.One, rest.Duration);
    }

    [Fact]
    public void TryParse_Fermata_IsFlagged()
    {
        Assert.True(Parse("2D;").Fermata);
        Assert.False(Parse("2D").Fermata);
    }

    [Fact]
    public void TryParse_Failure_NamesTheToken()
    {
        Assert.False(KernNoteToken.TryParse("4x"u8, out _, out string? error));
        Assert.Equal("'4x' is not a kern note: it has neither a pitch nor a rest", error);
    }
}
