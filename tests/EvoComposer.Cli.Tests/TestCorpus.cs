using EvoComposer.Theory.Corpora;

namespace EvoComposer.Cli.Tests;

/// <summary>The shared corpus for tests. Missing corpus fails the test (CI must not skip it).</summary>
internal static class TestCorpus
{
    /// <summary>The corpus root (../shared/corpora beside the repository, or $EVOCOMPOSER_CORPORA).</summary>
    public static string Root => CorpusLocator.Require();

    /// <summary>A path below the corpus root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
