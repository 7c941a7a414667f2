using System.Text;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Tests;

/// <summary>
/// A tiny invented text format (".fakescore") so that the CLI can be tested without the real readers.
/// Lines: <c>title TEXT</c>, <c>meter 3/4</c>, <c>key G major</c>, <c>signature 1</c>, or a note
/// <c>PART PITCH ONSET DURATION MEASURE [fermata]</c>. Parts appear in the order first named.
/// Anything else is a <see cref="ScoreFormatException"/> naming the line.
/// </summary>
internal sealed class FakeScoreReader : IScoreReader
{
    public const string Extension = ".fakescore";

    /// <summary>Registers the reader (idempotent; safe from parallel tests).</summary>
    public static void Register() => ScoreFiles.Register(new FakeScoreReader());

    public string FormatName => "fake";
    public IReadOnlyList<string> Extensions => [Extension];

    public Score Read(ReadOnlyMemory<byte> bytes, string sourceName)
    {
        string? title = null;
        var meter = Meter.CommonTime;
        Key? key = null;
        int fifths = 0;
        var parts = new List<(string Name, List<Note> Notes)>();
        string[] lines = Encoding.UTF8.GetString(bytes.Span).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            string where = $"line {i + 1}";
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (f[0])
            {
                case "title": title = line[6..]; break;
                case "meter" when f.Length == 2 && Meter.TryParse(f[1], out var m): meter = m; break;
                case "key" when Key.TryParse(line[4..], out var k): key = k; break;
                case "signature" when f.Length == 2 && int.TryParse(f[1], out int s): fifths = s; break;
                default:
                    if (f.Length < 5 || !Pitch.TryParse(f[1], out var pitch) || !int.TryParse(f[4], out int measure))
                        throw new ScoreFormatException(sourceName, where, $"'{line}' is not a fake note");
                    var note = new Note(pitch, Rational.Parse(f[2]), Rational.Parse(f[3]), measure, f.Length > 5 && f[5] == "fermata");
                    int p = parts.FindIndex(x => x.Name == f[0]);
                    if (p < 0) parts.Add((f[0], [note]));
                    else parts[p].Notes.Add(note);
                    break;
            }
        }
        var measures = parts.SelectMany(p => p.Notes).Select(n => n.Measure).Distinct().Order()
            .Select(n => new Measure(n, n * meter.MeasureLength, meter.MeasureLength));
        return new Score(parts.Select(p => new Part(p.Name, p.Notes)), [new Timed<Meter>(Rational.Zero, meter)],
            [new Timed<KeySignature>(Rational.Zero, new KeySignature(fifths))], key, measures,
            metadata: new ScoreMetadata { Title = title, SourceFile = sourceName });
    }
}
