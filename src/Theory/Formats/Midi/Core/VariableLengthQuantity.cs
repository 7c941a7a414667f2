namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>The standard's variable-length quantities: 7 bits per byte, most significant first, at most 4 bytes.</summary>
internal static class VariableLengthQuantity
{
    /// <summary>The largest value 4 bytes can hold.</summary>
    public const long MaxValue = 0x0FFFFFFF;

    /// <summary>Bytes needed to write a value.</summary>
    public static int Length(long value) => value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;

    /// <summary>Appends a value (0…<see cref="MaxValue"/>).</summary>
    public static void Write(Stream output, long value)
    {
        if (value < 0 || value > MaxValue) throw new ArgumentOutOfRangeException(nameof(value), value, "A variable-length quantity is 0–0x0FFFFFFF.");
        int n = Length(value);
        for (int i = n - 1; i >= 0; i--)
        {
            int b = (int)(value >> (7 * i)) & 0x7F;
            output.WriteByte((byte)(i > 0 ? b | 0x80 : b));
        }
    }
}
