namespace EvoComposer.Learning.Corpora;

/// <summary>
/// One corpus set of the manifest (<c>corpora/manifest.json</c>): where its files are below the corpus root, in
/// which format, under which licence, where it comes from, and the labels its pieces get by default. Immutable.
/// </summary>
/// <param name="Name">Short name, e.g. "bach-chorales".</param>
/// <param name="Format">"kern", "midi", "musicxml", "abc" or "jsb-json".</param>
/// <param name="Path">Folder relative to the corpus root.</param>
/// <param name="Pattern">File name pattern, e.g. "*.krn".</param>
/// <param name="Licence">Licence of the data.</param>
/// <param name="Upstream">Where the data comes from.</param>
/// <param name="Composer">Default composer of the pieces.</param>
/// <param name="Epoch">Default epoch ("Baroque").</param>
/// <param name="Genre">Default genre ("chorale").</param>
/// <param name="Description">One line about the set.</param>
public sealed record CorpusSet(
    string Name, string Format, string Path, string Pattern, string Licence, string Upstream,
    string Composer, string Epoch, string Genre, string Description);
