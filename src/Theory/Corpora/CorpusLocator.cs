namespace EvoComposer.Theory.Corpora;

/// <summary>
/// Finds the root folder of the shared corpora (the folder holding <c>bach-370-chorales/</c>, <c>palestrina/</c>, …).
/// Resolution order, as ARCHITECTURE.md says: an explicit path, then the <c>EVOCOMPOSER_CORPORA</c> environment
/// variable, then <c>../shared/corpora</c> beside the repository (found by walking up from the program's folder
/// and from the working directory to the folder holding <c>EvoComposer.sln</c>).
/// </summary>
public static class CorpusLocator
{
    /// <summary>The environment variable that names the corpus root.</summary>
    public const string EnvironmentVariable = "EVOCOMPOSER_CORPORA";

    /// <summary>The corpus root, or null when none is found.</summary>
    public static string? Find(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return Directory.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            string? repo = FindRepositoryRoot(start);
            if (repo is null) continue;
            string candidate = Path.GetFullPath(Path.Combine(repo, "..", "shared", "corpora"));
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The corpus root.</summary>
    /// <exception cref="DirectoryNotFoundException">No corpus was found; the message says where it was looked for.</exception>
    public static string Require(string? explicitPath = null) =>
        Find(explicitPath) ?? throw new DirectoryNotFoundException(
            !string.IsNullOrEmpty(explicitPath)
                ? $"corpus folder '{explicitPath}' does not exist"
                : $"no corpus found: set {EnvironmentVariable} or place the shared corpora at ../shared/corpora beside the repository");

    /// <summary>The folder holding EvoComposer.sln at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EvoComposer.sln"))) return dir.FullName;
        return null;
    }
}
