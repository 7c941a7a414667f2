using EvoComposer.Learning.Markov.Jsb;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Abc;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>
/// Loads a corpus set into labelled pieces. Files are read in parallel but the result is in file-name order
/// (an ABC file gives one piece per tune, in file order); a file or tune that cannot be read, or that does not fit the request (e.g. not four voices), is reported with the
/// reason and skipped: loading never stops at one bad file.
/// </summary>
public static class CorpusLoader
{
    /// <summary>Loads a set from the corpus root (resolved with <see cref="CorpusManifest.ResolveFolder"/>).</summary>
    /// <param name="set">The set.</param>
    /// <param name="explicitRoot">An explicit corpus root, or null to use the environment or ../shared/corpora.</param>
    /// <param name="filter">Keeps only pieces whose labels match; null keeps all.</param>
    /// <param name="requireVoices">When given, pieces with another number of parts are reported and skipped.</param>
    /// <exception cref="DirectoryNotFoundException">The set's folder was not found.</exception>
    public static CorpusLoadResult Load(CorpusSet set, string? explicitRoot = null, CorpusFilter? filter = null, int? requireVoices = null)
        => LoadFolder(set, CorpusManifest.ResolveFolder(set, explicitRoot), filter, requireVoices);

    /// <summary>Loads the files of a set from a given folder.</summary>
    public static CorpusLoadResult LoadFolder(CorpusSet set, string folder, CorpusFilter? filter = null, int? requireVoices = null)
    {
        var read = set.Format == "jsb-json" ? ReadJsb(folder, set) : ReadFiles(folder, set);
        var pieces = new List<CorpusPiece>();
        var problems = new List<CorpusProblem>();
        foreach (var (source, score, error) in read)
        {
            if (error is not null) { problems.Add(new CorpusProblem(source, error)); continue; }
            if (requireVoices is { } v && score!.Parts.Length != v)
            {
                problems.Add(new CorpusProblem(source, $"has {score.Parts.Length} parts, not {v}"));
                continue;
            }
            if (score!.NoteCount == 0) { problems.Add(new CorpusProblem(source, "has no notes")); continue; }
            PieceLabels labels;
            try { labels = PieceLabeler.Label(score, set); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
            {
                problems.Add(new CorpusProblem(source, $"cannot be labelled: {e.Message}"));
                continue;
            }
            var piece = new CorpusPiece(source, score, labels);
            if (filter is null || filter.Matches(piece.Labels)) pieces.Add(piece);
        }
        return new CorpusLoadResult(set, folder, pieces, problems);
    }

    private static (string Source, Score? Score, string? Error)[] ReadFiles(string folder, CorpusSet set)
    {
        var files = Directory.GetFiles(folder, set.Pattern).Order(StringComparer.Ordinal).ToArray();
        var results = new (string, Score?, string?)[files.Length][];
        Parallel.For(0, files.Length, i => results[i] = ReadFile(files[i], set));
        return results.SelectMany(r => r).ToArray();
    }

    /// <summary>
    /// The pieces of one file: one for most formats, one per tune for ABC files (which hold many tunes; each is
    /// named "file.abc#X Title" after its <c>X:</c> number and title, and a tune that fails is reported alone).
    /// </summary>
    private static (string Source, Score? Score, string? Error)[] ReadFile(string path, CorpusSet set)
    {
        string source = Path.GetFileName(path);
        var reader = ScoreFiles.ReaderFor(path);
        if (reader is null)
            return [(source, null, $"no reader for '{Path.GetExtension(path)}' files ({set.Format}) is available yet")];
        try
        {
            if (reader is AbcReader)
            {
                var tunes = AbcReader.ReadAll(path);
                if (tunes.Count == 0) return [(source, null, "no tune found (no X: field and no notes)")];
                return tunes.Select(t => (TuneId(source, t), t.Score, t.Error is null ? null : Reason(t.Error))).ToArray();
            }
            return [(source, ScoreFiles.Read(path), null)];
        }
        catch (ScoreFormatException e) { return [(source, null, Reason(e))]; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException
                                       or InvalidDataException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            return [(source, null, $"reader failed: {e.Message}")];
        }
    }

    /// <summary>The id of a tune of an ABC file: "file.abc#12 Title" (X: number, then the title when there is one).</summary>
    internal static string TuneId(string file, AbcTune tune) =>
        string.IsNullOrWhiteSpace(tune.Title) ? $"{file}#{tune.Number}" : $"{file}#{tune.Number} {tune.Title.Trim()}";

    private static string Reason(ScoreFormatException e) => e.Reason + (e.Location is null ? "" : $" ({e.Location})");

    private static (string, Score?, string?)[] ReadJsb(string folder, CorpusSet set)
    {
        string path = Path.Combine(folder, set.Pattern);
        JsbDataset data;
        try { data = JsbDataset.Load(path); }
        catch (InvalidDataException e) { return [(set.Pattern, null, e.Message)]; }
        var results = new List<(string, Score?, string?)>();
        foreach (var (name, split) in new[] { ("train", data.Train), ("valid", data.Valid), ("test", data.Test) })
            for (int i = 0; i < split.Count; i++)
                results.Add(($"{name}/{i:000}", JsbScores.ToScore(split[i], $"{name}/{i:000}"), null));
        return results.ToArray();
    }
}

/// <summary>Turns JSB frames into scores.</summary>
public static class JsbScores
{
    private static readonly string[] VoiceNames = ["Soprano", "Alto", "Tenor", "Bass"];

    /// <summary>
    /// A score from 16th-note frames (soprano first): equal consecutive pitches become one note (the data does not
    /// tell held from repeated notes), −1 is silence. The meter is taken as 4/4 from the first frame (the data has
    /// no meter), the key is not declared, pitches are spelled with sharps.
    /// </summary>
    public static Score ToScore(int[][] frames, string sourceName)
    {
        var parts = new List<Part>();
        var sixteenth = new Rational(1, 4);
        for (int v = 0; v < 4; v++)
        {
            var notes = new List<Note>();
            int t = 0;
            while (t < frames.Length)
            {
                int pitch = frames[t][v], start = t;
                while (t < frames.Length && frames[t][v] == pitch) t++;
                if (pitch < 0) continue;
                notes.Add(new Note(Pitch.FromMidi(pitch), sixteenth * start, sixteenth * (t - start), start / 16 + 1));
            }
            parts.Add(new Part(VoiceNames[v], notes));
        }
        int measures = (frames.Length + 15) / 16;
        var measureList = Enumerable.Range(0, measures).Select(m => new Measure(m + 1, new Rational(4L * m, 1),
            Rational.Min(4, sixteenth * frames.Length - 4 * m)));
        return new Score(parts, [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))],
            null, measureList, null, new ScoreMetadata { SourceFile = sourceName, Composer = "Bach, Johann Sebastian" });
    }
}
