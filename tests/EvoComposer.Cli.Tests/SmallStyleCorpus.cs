namespace EvoComposer.Cli.Tests;

/// <summary>
/// A small corpus root for the style commands, made once per test class: the first
/// <see cref="PiecesPerSet"/> files (ordinal order, so always the same ones) of the Bach chorales, Palestrina and
/// Monteverdi, and one Essen collection, linked from the shared corpus. The style commands read every file of a
/// set before sampling pieces, so on the whole corpus one run takes seconds; on this one it takes a fraction.
/// </summary>
public sealed class SmallStyleCorpus : IDisposable
{
    /// <summary>Files taken from each of the three score sets.</summary>
    public const int PiecesPerSet = 14;

    /// <summary>Links the files into a fresh temporary folder.</summary>
    public SmallStyleCorpus()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "evocomposer-small-corpus-" + Guid.NewGuid().ToString("N"));
        Link(System.IO.Path.Combine("bach-370-chorales", "kern"), "*.krn", PiecesPerSet);
        Link("palestrina", "*.krn", PiecesPerSet);
        Link("monteverdi", "*.mxl", PiecesPerSet);
        Link("essen-folksongs", "altdeu10.abc", 1);
    }

    /// <summary>The corpus root to pass with --corpora.</summary>
    public string Root { get; }

    private void Link(string set, string pattern, int count)
    {
        string target = System.IO.Path.Combine(Root, set);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(TestCorpus.Path(set), pattern).Order(StringComparer.Ordinal).Take(count))
            File.CreateSymbolicLink(System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)), file);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, true);
    }
}
