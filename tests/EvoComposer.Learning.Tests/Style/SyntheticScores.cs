using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Style;

/// <summary>Scores made in code for feature and classifier tests.</summary>
internal static class SyntheticScores
{
    /// <summary>A score whose voices (highest first) are sequences of MIDI numbers, each note one quarter long, in 4/4 with barlines.</summary>
    public static Score Quarters(params int[][] voices) => Make(voices, 1);

    /// <summary>As <see cref="Quarters"/> with notes of <paramref name="quarters"/> quarter notes each.</summary>
    public static Score Make(int[][] voices, int quarters)
    {
        var parts = voices.Select((pitches, v) => new Part($"voice {v + 1}", pitches.Select((m, i) =>
            new Note(Pitch.FromMidi(m), new Rational(i * quarters, 1), new Rational(quarters, 1), i * quarters / 4 + 1)))).ToList();
        int length = voices.Max(v => v.Length) * quarters;
        int measures = (length + 3) / 4;
        return new Score(parts, [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))],
            null, Enumerable.Range(0, measures).Select(m => new Measure(m + 1, new Rational(4 * m, 1), new Rational(4, 1))));
    }

    /// <summary>A random score of 1–4 voices (seeded): random walks in separate registers, quarter and eighth notes, with rests unless <paramref name="rests"/> is false.</summary>
    public static Score Random(int seed, int voices, int measures, bool rests = true)
    {
        var random = new Random(seed);
        var parts = new List<Part>();
        for (int v = 0; v < voices; v++)
        {
            int pitch = 72 - 7 * v;
            var notes = new List<Note>();
            Rational t = Rational.Zero, end = new(4L * measures, 1);
            while (t < end)
            {
                var d = random.Next(3) == 0 ? new Rational(1, 2) : Rational.One;
                if (random.Next(8) > 0 || !rests) notes.Add(new Note(Pitch.FromMidi(pitch), t, d, (int)(t.Floor() / 4) + 1));
                pitch = Math.Clamp(pitch + random.Next(-4, 5), 36, 90);
                t += d;
            }
            parts.Add(new Part($"voice {v + 1}", notes));
        }
        return new Score(parts, [new Timed<Meter>(Rational.Zero, Meter.CommonTime)], [new Timed<KeySignature>(Rational.Zero, new KeySignature(0))],
            null, Enumerable.Range(0, measures).Select(m => new Measure(m + 1, new Rational(4 * m, 1), new Rational(4, 1))));
    }
}
