using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats;

public sealed class IScoreReaderTests
{
    /// <summary>A reader that only implements <see cref="IScoreReader.Read"/>.</summary>
    private sealed class PlainReader : IScoreReader
    {
        public string FormatName => "plain";
        public IReadOnlyList<string> Extensions => [".plain"];
        public Score Read(ReadOnlyMemory<byte> bytes, string sourceName) =>
            new([new Part("Voice", [new Note(Pitch.Parse("C4"), 0, bytes.Length)])], [], []);
    }

    [Fact]
    public void ReadWithDiagnostics_ReaderWithoutOverride_ReturnsTheScoreOfReadAndNoDiagnostics()
    {
        IScoreReader reader = new PlainReader();

        var result = reader.ReadWithDiagnostics(new byte[3], "x.plain");

        Assert.Equal((Rational)3, result.Score.Parts[0].Notes[0].Duration);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("line 3", "m", "line 3: m")]
    [InlineData("", "m", "m")]
    public void ReadDiagnosticToString_WithOrWithoutLocation_PrefixesTheLocation(string location, string message, string expected) =>
        Assert.Equal(expected, new ReadDiagnostic(location, message).ToString());
}
