using System.Buffers.Binary;

namespace EvoComposer.Theory.Tests.Formats.Midi;

/// <summary>Builds Standard MIDI File bytes by hand, for valid and deliberately damaged test files.</summary>
internal static class SmfBytes
{
    public static byte[] Header(int format = 1, int tracks = 1, int division = 480, uint length = 6)
    {
        var b = new byte[14];
        "MThd"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), length);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(8), (ushort)format);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(10), (ushort)tracks);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(12), (ushort)division);
        return b;
    }

    /// <summary>A chunk with its true length (or a declared one).</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredLength = null)
    {
        var b = new byte[8 + body.Length];
        for (int i = 0; i < 4; i++) b[i] = (byte)id[i];
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), declaredLength ?? (uint)body.Length);
        body.CopyTo(b, 8);
        return b;
    }

    public static byte[] Track(params byte[] body) => Chunk("MTrk", body);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>End of Track with delta 0.</summary>
    public static readonly byte[] EndOfTrack = [0x00, 0xFF, 0x2F, 0x00];

    /// <summary>A format 1 file with one track holding the given events and End of Track.</summary>
    public static byte[] File(params byte[] events) => Concat(Header(), Track([.. events, .. EndOfTrack]));
}
