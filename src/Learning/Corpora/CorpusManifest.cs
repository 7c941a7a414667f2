using System.Text.Json;
using EvoComposer.Theory.Corpora;

namespace EvoComposer.Learning.Corpora;

/// <summary>
/// The corpus sets the project knows, read from <c>corpora/manifest.json</c> in the repository, or from the copy
/// embedded in this assembly when the program runs outside the repository. Immutable.
/// </summary>
public sealed class CorpusManifest
{
    /// <summary>The manifest's path inside the repository.</summary>
    public const string RelativePath = "corpora/manifest.json";
    private const string ResourceName = "EvoComposer.corpora.manifest.json";

    private CorpusManifest(IReadOnlyList<CorpusSet> sets, string origin)
    {
        Sets = sets;
        Origin = origin;
    }

    /// <summary>The sets, in manifest order.</summary>
    public IReadOnlyList<CorpusSet> Sets { get; }
    /// <summary>Where the manifest was read from (a file path, or "embedded").</summary>
    public string Origin { get; }

    /// <summary>The set of that name (case-insensitive), or null.</summary>
    public CorpusSet? Find(string name) => Sets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The set of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such set; the message lists the known ones.</exception>
    public CorpusSet Get(string name) => Find(name)
        ?? throw new KeyNotFoundException($"unknown corpus set '{name}' (known: {string.Join(", ", Sets.Select(s => s.Name))})");

    /// <summary>
    /// The repository's manifest (found by walking up from the program's folder and from the working directory),
    /// else the embedded copy.
    /// </summary>
    public static CorpusManifest Load()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            string? repo = CorpusLocator.FindRepositoryRoot(start);
            if (repo is null) continue;
            string path = System.IO.Path.Combine(repo, RelativePath);
            if (File.Exists(path)) return LoadFile(path);
        }
        return LoadEmbedded();
    }

    /// <summary>The copy embedded in the assembly.</summary>
    public static CorpusManifest LoadEmbedded()
    {
        using var stream = typeof(CorpusManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the embedded corpus manifest is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded");
    }

    /// <summary>Reads a manifest file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid manifest.</exception>
    public static CorpusManifest LoadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses manifest JSON.</summary>
    /// <exception cref="InvalidDataException">Not a valid manifest; the message names the origin and the set.</exception>
    public static CorpusManifest Parse(string json, string origin)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("sets", out var sets) || sets.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{origin}: no 'sets' array");
            var list = new List<CorpusSet>();
            int i = 0;
            foreach (var s in sets.EnumerateArray())
            {
                string Field(string name, bool required = true) =>
                    s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
                    : required ? throw new InvalidDataException($"{origin}: sets[{i}] has no string '{name}'") : "";
                list.Add(new CorpusSet(Field("name"), Field("format"), Field("path"), Field("pattern"), Field("licence"), Field("upstream"),
                    Field("composer", false), Field("epoch", false), Field("genre", false), Field("description", false)));
                i++;
            }
            return new CorpusManifest(list, origin);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// The folder of a set below the corpus root, resolved as ARCHITECTURE.md says: the explicit root, then
    /// <c>EVOCOMPOSER_CORPORA</c>, then <c>../shared/corpora</c>. Downloading from upstream (the last resort)
    /// cannot be done from here, so a missing set ends with a message that names the upstream to fetch by hand.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The set's folder was not found.</exception>
    public static string ResolveFolder(CorpusSet set, string? explicitRoot = null)
    {
        string? root = CorpusLocator.Find(explicitRoot);
        string hint = $"download it from {set.Upstream} into <corpus root>/{set.Path} (automatic download is not available) " +
                      $"and pass --corpora or set {CorpusLocator.EnvironmentVariable}";
        if (root is null)
            throw new DirectoryNotFoundException(explicitRoot is not null
                ? $"corpus folder '{explicitRoot}' does not exist; {hint}"
                : $"no corpus root found (looked at ${CorpusLocator.EnvironmentVariable} and ../shared/corpora); {hint}");
        string folder = System.IO.Path.Combine(root, set.Path);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"corpus set '{set.Name}' is not at {folder}; {hint}");
        return folder;
    }
}
