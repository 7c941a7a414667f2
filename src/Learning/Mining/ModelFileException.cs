namespace EvoComposer.Learning.Mining;

/// <summary>A model file cannot be used: not a model file, another version, or damaged. The message is one line naming the file.</summary>
public sealed class ModelFileException(string path, string reason, Exception? inner = null)
    : Exception($"{path}: {reason}", inner)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;
    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}
