using System.Text;
using EvoComposer.Theory.Formats.Kern;

namespace EvoComposer.Theory.Tests.Formats.Kern;

/// <summary>Small hand-written kern files for the tests: lines joined with '\n', spines with '\t'.</summary>
internal static class KernFixtures
{
    public static byte[] Bytes(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    public static KernReadResult Read(params string[] lines) => new KernReader().ReadWithDiagnostics(Bytes(lines), "test.krn");

    public static KernFormatException Fails(params string[] lines) =>
        Assert.Throws<KernFormatException>(() => new KernReader().Read(Bytes(lines), "test.krn"));
}
