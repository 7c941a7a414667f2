using System.Text;

namespace EvoComposer.Theory.Formats.Kern;

/// <summary>Byte-level helpers for kern text: showing tokens in messages and decoding the few strings kept.</summary>
internal static class KernText
{
    private const int MaxShown = 40;

    /// <summary>A token as printable text for an error message (control and non-ASCII bytes escaped, long tokens cut).</summary>
    public static string Show(ReadOnlySpan<byte> token)
    {
        var sb = new StringBuilder();
        foreach (byte b in token.Length > MaxShown ? token[..MaxShown] : token)
        {
            if (b >= 0x20 && b < 0x7F) sb.Append((char)b);
            else sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (token.Length > MaxShown) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>Decodes UTF-8 (or, for files that are not valid UTF-8, Latin-1) bytes to a trimmed string.</summary>
    public static string Decode(bool latin1, ReadOnlySpan<byte> bytes) =>
        (latin1 ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes)).Trim();

    /// <summary>Parses a non-negative decimal integer of at most 9 digits.</summary>
    public static bool TryInt(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9) return false;
        foreach (byte d in digits)
        {
            if (d < (byte)'0' || d > (byte)'9') return false;
            value = value * 10 + (d - '0');
        }
        return true;
    }

    /// <summary>Length of the run of ASCII digits at the start of <paramref name="bytes"/>.</summary>
    public static int DigitRun(ReadOnlySpan<byte> bytes)
    {
        int n = 0;
        while (n < bytes.Length && bytes[n] >= (byte)'0' && bytes[n] <= (byte)'9') n++;
        return n;
    }
}
