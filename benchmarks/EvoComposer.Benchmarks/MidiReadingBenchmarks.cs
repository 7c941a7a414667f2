using BenchmarkDotNet.Attributes;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Reads the 370 chorale MIDI files (bytes preloaded) into scores, and into byte-level files only.
/// Run: <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*Midi*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class MidiReadingBenchmarks
{
    private byte[][] _files = [];
    private readonly MidiScoreReader _reader = new();

    [GlobalSetup]
    public void LoadFiles()
    {
        string dir = Path.Combine(CorpusLocator.Require(), "bach-370-chorales", "midi");
        _files = Directory.GetFiles(dir, "*.mid").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        if (_files.Length != 370) throw new InvalidOperationException($"expected 370 chorale MIDI files in {dir}, found {_files.Length}");
    }

    /// <summary>All 370 files into <see cref="EvoComposer.Theory.Music.Score"/>s; returns the note count.</summary>
    [Benchmark(Baseline = true)]
    public int ReadAllChoralesIntoScores()
    {
        int notes = 0;
        foreach (var bytes in _files) notes += _reader.Read(bytes, "chorale.mid").NoteCount;
        return notes;
    }

    /// <summary>All 370 files into byte-level <see cref="MidiFile"/>s; returns the event count.</summary>
    [Benchmark]
    public int ReadAllChoralesIntoMidiFiles()
    {
        int events = 0;
        foreach (var bytes in _files) events += MidiFileReader.Read(bytes).TrackChunks.Sum(t => t.Events.Length);
        return events;
    }
}
