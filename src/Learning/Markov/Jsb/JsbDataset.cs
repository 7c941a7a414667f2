using System.Text.Json;

namespace EvoComposer.Learning.Markov.Jsb;

/// <summary>
/// The JSB chorales benchmark (Boulanger-Lewandowski 2012 split, Coconet's <c>Jsb16thSeparated.json</c>): chorales
/// as frames of four MIDI pitches (soprano, alto, tenor, bass; −1 = silence) on a 16th-note grid. Immutable.
/// </summary>
public sealed class JsbDataset
{
    /// <summary>The file name inside the <c>jsb-split</c> corpus folder.</summary>
    public const string FileName = "Jsb16thSeparated.json";

    private JsbDataset(IReadOnlyList<int[][]> train, IReadOnlyList<int[][]> valid, IReadOnlyList<int[][]> test)
    {
        Train = train;
        Valid = valid;
        Test = test;
    }

    /// <summary>Training chorales (229): each an array of frames, each frame four pitches.</summary>
    public IReadOnlyList<int[][]> Train { get; }
    /// <summary>Validation chorales (76).</summary>
    public IReadOnlyList<int[][]> Valid { get; }
    /// <summary>Test chorales (77).</summary>
    public IReadOnlyList<int[][]> Test { get; }

    /// <summary>Reads the JSON file (or the folder holding it).</summary>
    /// <exception cref="InvalidDataException">The file is missing or not in the expected shape; the message says where.</exception>
    public static JsbDataset Load(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: file not found");
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            return new JsbDataset(Split(doc.RootElement, "train", path), Split(doc.RootElement, "valid", path), Split(doc.RootElement, "test", path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses the JSON text (for tests and small hand-written sets).</summary>
    public static JsbDataset Parse(string json, string sourceName = "<json>")
    {
        using var doc = JsonDocument.Parse(json);
        return new JsbDataset(Split(doc.RootElement, "train", sourceName), Split(doc.RootElement, "valid", sourceName), Split(doc.RootElement, "test", sourceName));
    }

    private static int[][][] Split(JsonElement root, string name, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var split) || split.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path}: no '{name}' array");
        var pieces = new int[split.GetArrayLength()][][];
        int i = 0;
        foreach (var piece in split.EnumerateArray())
        {
            if (piece.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: {name}[{i}] is not an array of frames");
            var frames = new int[piece.GetArrayLength()][];
            int t = 0;
            foreach (var frame in piece.EnumerateArray())
            {
                if (frame.ValueKind != JsonValueKind.Array || frame.GetArrayLength() != 4)
                    throw new InvalidDataException($"{path}: {name}[{i}][{t}] is not a frame of four pitches");
                var f = new int[4];
                int v = 0;
                foreach (var p in frame.EnumerateArray())
                {
                    int pitch = p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out double d) && !double.IsNaN(d) ? (int)d : -1;
                    if (pitch < -1 || pitch > 127) throw new InvalidDataException($"{path}: {name}[{i}][{t}][{v}] = {pitch} is not a MIDI pitch or -1");
                    f[v++] = pitch;
                }
                frames[t++] = f;
            }
            pieces[i++] = frames;
        }
        return pieces;
    }
}
