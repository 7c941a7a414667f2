using BenchmarkDotNet.Attributes;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Formats.Abc;
using EvoComposer.Theory.Formats.MusicXml;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Reads the 408 .mxl files of music21's Bach corpus, writes them back as .mxl, and reads all Essen ABC tunes
/// (bytes preloaded in each case).
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*MusicXml*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class MusicXmlBenchmarks
{
    private byte[][] _mxl = [];
    private Score[] _scores = [];
    private byte[][] _abc = [];
    private readonly MusicXmlReader _reader = new();

    [GlobalSetup]
    public void LoadFiles()
    {
        string root = CorpusLocator.Require();
        string dir = Path.Combine(root, "bach-musicxml");
        _mxl = Directory.GetFiles(dir, "*.mxl").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        if (_mxl.Length != 408) throw new InvalidOperationException($"expected 408 .mxl files in {dir}, found {_mxl.Length}");
        _scores = _mxl.Select(b => _reader.Read(b, "bench.mxl")).ToArray();
        _abc = Directory.GetFiles(Path.Combine(root, "essen-folksongs"), "*.abc").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
    }

    /// <summary>All 408 .mxl files into scores; returns the note count.</summary>
    [Benchmark(Baseline = true)]
    public int ReadAllBachMxl()
    {
        int notes = 0;
        foreach (var bytes in _mxl) notes += _reader.Read(bytes, "bench.mxl").NoteCount;
        return notes;
    }

    /// <summary>All 408 scores written as compressed .mxl; returns the byte count.</summary>
    [Benchmark]
    public long WriteAllBachMxl()
    {
        long bytes = 0;
        foreach (var score in _scores)
        {
            using var stream = new MemoryStream();
            MusicXmlWriter.Write(score, stream, compressed: true);
            bytes += stream.Length;
        }
        return bytes;
    }

    /// <summary>All Essen tunes (27 files, about 6,700 tunes) into scores; returns the number read.</summary>
    [Benchmark]
    public int ReadAllEssenTunes()
    {
        int read = 0;
        foreach (var bytes in _abc) read += AbcReader.ReadAll(bytes, "bench.abc").Count(t => t.Score is not null);
        return read;
    }
}
