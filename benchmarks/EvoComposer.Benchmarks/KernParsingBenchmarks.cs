using BenchmarkDotNet.Attributes;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Formats.Kern;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Parses all 370 Bach chorales from bytes already in memory, so that it measures the kern reader alone
/// (music21 needs about 20 s for the same files). Run:
/// <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*Kern*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class KernParsingBenchmarks
{
    private byte[][] _files = [];
    private string[] _names = [];
    private readonly KernReader _reader = new();

    /// <summary>Loads the chorales' bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var paths = Directory.GetFiles(Path.Combine(CorpusLocator.Require(), "bach-370-chorales", "kern"), "*.krn").Order(StringComparer.Ordinal).ToArray();
        _files = paths.Select(File.ReadAllBytes).ToArray();
        _names = paths.Select(Path.GetFileName).ToArray()!;
    }

    /// <summary>Reads all 370 chorales; returns the note count so nothing is optimised away.</summary>
    [Benchmark]
    public int ParseAll370Chorales()
    {
        int notes = 0;
        for (int i = 0; i < _files.Length; i++) notes += _reader.Read(_files[i], _names[i]).NoteCount;
        return notes;
    }
}
