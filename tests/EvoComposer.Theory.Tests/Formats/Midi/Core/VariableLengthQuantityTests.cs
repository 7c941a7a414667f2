using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class VariableLengthQuantityTests
{
    [Theory]
    [InlineData(0x00L, new byte[] { 0x00 })]
    [InlineData(0x7FL, new byte[] { 0x7F })]
    [InlineData(0x80L, new byte[] { 0x81, 0x00 })]
    [InlineData(0x2710L, new byte[] { 0xCE, 0x10 })]
    [InlineData(0x3FFFL, new byte[] { 0xFF, 0x7F })]
    [InlineData(0x200000L, new byte[] { 0x81, 0x80, 0x80, 0x00 })]
    [InlineData(0x0FFFFFFFL, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Write_Value_GivesTheStandardsBytes(long value, byte[] expected)
    {
        using var stream = new MemoryStream();
        VariableLengthQuantity.Write(stream, value);
        Assert.Equal(expected, stream.ToArray());
        Assert.Equal(expected.Length, VariableLengthQuantity.Length(value));
    }

    [Fact]
    public void Write_MoreThanFourBytesWorth_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VariableLengthQuantity.Write(new MemoryStream(), VariableLengthQuantity.MaxValue + 1));
}
