using System.IO.Compression;
using System.Xml.Linq;
using EvoComposer.Theory.Formats.MusicXml;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Formats.MusicXml;

public sealed class MusicXmlWriterTests
{
    private static readonly MusicXmlReader Reader = new();

    /// <summary>
    /// Asserts that two scores hold the same music: part names, notes (tied notes may be merged in one and not in
    /// the other, so <see cref="Note.TieMerged"/> is not compared), lyrics, meters, key signatures, key and measures.
    /// </summary>
    internal static void AssertSameMusic(Score expected, Score actual, string label)
    {
        Assert.True(expected.Parts.Length == actual.Parts.Length, $"{label}: {expected.Parts.Length} parts written, {actual.Parts.Length} read");
        for (int i = 0; i < expected.Parts.Length; i++)
        {
            var e = expected.Parts[i];
            var a = actual.Parts[i];
            Assert.Equal(e.Name, a.Name);
            var en = e.Notes.Select(n => n with { TieMerged = false }).ToList();
            var an = a.Notes.Select(n => n with { TieMerged = false }).ToList();
            int k = 0;
            while (k < en.Count && k < an.Count && en[k] == an[k]) k++;
            Assert.True(k == en.Count && k == an.Count,
                $"{label}, part {e.Name}: note {k} differs: {(k < en.Count ? en[k] : "none")} written, {(k < an.Count ? an[k] : "none")} read");
            Assert.True(e.Lyrics.SequenceEqual(a.Lyrics), $"{label}, part {e.Name}: lyrics {string.Join(" ", e.Lyrics)} written, {string.Join(" ", a.Lyrics)} read");
        }
        // (Assert.Equal on these immutable arrays of records reports equal-looking lists as different; compare plainly.)
        Assert.True(expected.Meters.SequenceEqual(actual.Meters), $"{label}: meters {string.Join(", ", expected.Meters)} written, {string.Join(", ", actual.Meters)} read");
        Assert.True(expected.KeySignatures.SequenceEqual(actual.KeySignatures), $"{label}: key signatures {string.Join(", ", expected.KeySignatures)} written, {string.Join(", ", actual.KeySignatures)} read");
        Assert.Equal(expected.Key, actual.Key);
        Assert.True(expected.Measures.SequenceEqual(actual.Measures), $"{label}: measures {string.Join(", ", expected.Measures)} written, {string.Join(", ", actual.Measures)} read");
    }

    private static Score RoundTrip(Score score, bool compressed)
    {
        using var stream = new MemoryStream();
        MusicXmlWriter.Write(score, stream, compressed);
        return Reader.Read(stream.ToArray(), "roundtrip");
    }

    // ---- random scores -------------------------------------------------------------------------------------

    private static readonly Rational[] Grid =
    [
        new(1, 4), new(1, 2), new(3, 4), 1, new(3, 2), 2, 3, 4, new(1, 3), new(2, 3), new(1, 6), new(1, 8), new(5, 4),
    ];

    private static readonly Meter[] Meters = [new(4, 4), new(3, 4), new(2, 4), new(6, 8), new(3, 2), new(5, 8), new(2, 2)];

    /// <summary>One event of a layer: a duration from the grid, a rest or a pitch, and chord/fermata/lyric flags.</summary>
    internal sealed record Token(int Duration, bool Rest, int Diatonic, int Alter, bool ChordTone, bool Fermata, bool Lyric);

    internal sealed record Spec(int Meter1, int Meter2, int ChangeAt, bool Pickup, int Fifths1, int Fifths2, int Measures,
        Token[][] Layers, int[] LayerPart, bool Minor)
    {
        public override string ToString() =>
            $"meters {Meters[Meter1]}→{Meters[Meter2]}@{ChangeAt}, pickup {Pickup}, keys {Fifths1}→{Fifths2}, {Measures} measures, " +
            $"{Layers.Length} layers: " + string.Join(" | ", Layers.Select(l => string.Join(" ", l.Select(t =>
                $"{Grid[t.Duration]}{(t.Rest ? "r" : $"d{t.Diatonic}a{t.Alter}")}{(t.ChordTone ? "+" : "")}{(t.Fermata ? "F" : "")}{(t.Lyric ? "L" : "")}"))));
    }

    private static Gen<Token> TokenGen() =>
        from d in Gen.Choose(0, Grid.Length - 1)
        from rest in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        from diatonic in Gen.Choose(14, 45)
        from alter in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(-1, 1)), (1, Gen.Choose(-2, 2)))
        from chord in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from fermata in Gen.Frequency((8, Gen.Constant(false)), (1, Gen.Constant(true)))
        from lyric in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Token(d, rest, diatonic, alter, chord, fermata, lyric);

    private static Gen<Spec> SpecGen() =>
        from m1 in Gen.Choose(0, Meters.Length - 1)
        from m2 in Gen.Choose(0, Meters.Length - 1)
        from measures in Gen.Choose(1, 6)
        from changeAt in Gen.Choose(1, 6)
        from pickup in Gen.Elements(true, false)
        from f1 in Gen.Choose(-7, 7)
        from f2 in Gen.Choose(-7, 7)
        from minor in Gen.Elements(true, false)
        from layerCount in Gen.Choose(1, 4)
        from layers in Gen.ArrayOf(Gen.ArrayOf(TokenGen()).Select(a => a.Take(30).ToArray()), layerCount)
        from parts in Gen.ArrayOf(Gen.Choose(0, 2), layerCount)
        select new Spec(m1, m2, changeAt, pickup, f1, f2, measures, layers, parts, minor);

    /// <summary>Builds the score a spec describes: notes may cross barlines; the last layer sharing a part overlaps the first.</summary>
    internal static Score Build(Spec spec)
    {
        var measures = new List<Measure>();
        var meters = new List<Timed<Meter>> { new(0, Meters[spec.Meter1]) };
        var keys = new List<Timed<KeySignature>> { new(0, new KeySignature(spec.Fifths1)) };
        Rational t = 0;
        if (spec.Pickup)
        {
            measures.Add(new Measure(0, 0, Meters[spec.Meter1].BeatLength));
            t = Meters[spec.Meter1].BeatLength;
        }
        for (int i = 1; i <= spec.Measures; i++)
        {
            if (i == spec.ChangeAt && i > 1)
            {
                if (spec.Meter2 != spec.Meter1) meters.Add(new(t, Meters[spec.Meter2]));
                if (spec.Fifths2 != spec.Fifths1) keys.Add(new(t, new KeySignature(spec.Fifths2)));
            }
            var length = (i >= spec.ChangeAt && i > 1 ? Meters[spec.Meter2] : Meters[spec.Meter1]).MeasureLength;
            measures.Add(new Measure(i, t, length));
            t += length;
        }
        var end = t;
        int MeasureOf(Rational onset) => measures.Last(m => m.Onset <= onset).Number;
        var notes = new List<Note>[3];
        var lyrics = new List<Lyric>[3];
        for (int p = 0; p < 3; p++) { notes[p] = []; lyrics[p] = []; }
        var lyricOnsets = new HashSet<(int, Rational)>();
        for (int l = 0; l < spec.Layers.Length; l++)
        {
            int part = spec.LayerPart[l];
            Rational pos = 0;
            Note? previous = null;
            foreach (var tok in spec.Layers[l])
            {
                if (pos >= end) break;
                var pitch = Pitch.FromDiatonicIndex(tok.Diatonic, tok.Alter);
                if (tok.ChordTone && previous is { } prev && prev.Pitch.DiatonicIndex != pitch.DiatonicIndex)
                {
                    notes[part].Add(prev with { Pitch = pitch, Fermata = tok.Fermata });
                    continue;
                }
                var d = Rational.Min(Grid[tok.Duration], end - pos);
                if (!tok.Rest)
                {
                    var n = new Note(pitch, pos, d, MeasureOf(pos), tok.Fermata);
                    notes[part].Add(n);
                    previous = n;
                    if (tok.Lyric && lyricOnsets.Add((part, pos)))
                        lyrics[part].Add(new Lyric(pos, 1, "la" + notes[part].Count, (Syllabic)(notes[part].Count % 4)));
                }
                else previous = null;
                pos += d;
            }
        }
        string[] names = ["Soprano", "Alto & <Tenor>", "Bass"];
        var parts = Enumerable.Range(0, 3).Where(p => spec.LayerPart.Contains(p))
            .Select(p => new Part(names[p], notes[p], lyrics[p]));
        var key = Key.FromFifths(spec.Fifths1, spec.Minor ? Mode.Minor : Mode.Major);
        return new Score(parts, meters, keys, key, measures, metadata: new ScoreMetadata { Title = "Random", Composer = "FsCheck" });
    }

    [Fact]
    public void WriteThenRead_RandomScores_GiveTheSameScore()
    {
        var property = Prop.ForAll(SpecGen().ToArbitrary(), spec =>
        {
            var score = Build(spec);
            foreach (bool compressed in new[] { false, true })
            {
                var back = RoundTrip(score, compressed);
                AssertSameMusic(score, back, spec.ToString());
                Assert.Equal(score.Metadata.Title, back.Metadata.Title);
                Assert.Equal(score.Metadata.Composer, back.Metadata.Composer);
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Write_NoteAcrossBarline_IsSplitAndTied()
    {
        var score = new Score([new Part("Voice", [new Note(Pitch.Parse("C4"), 3, 2, 1)])], [new(0, Meter.CommonTime)], [new(0, new KeySignature(0))]);
        var doc = MusicXmlWriter.ToDocument(score);
        var notes = doc.Descendants("note").Where(n => n.Element("pitch") is not null).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Equal("start", notes[0].Element("tie")!.Attribute("type")!.Value);
        Assert.Equal("stop", notes[1].Element("tie")!.Attribute("type")!.Value);
        Assert.Equal(["quarter", "quarter"], notes.Select(n => n.Element("type")!.Value));
        var back = RoundTrip(score, compressed: false);
        Assert.Equal(new Note(Pitch.Parse("C4"), 3, 2, 1, TieMerged: true), back.Parts[0].Notes.Single());
    }

    [Fact]
    public void Decompose_TripletsDotsAndOddLengths_SumExactlyWithTypes()
    {
        var triplet = MusicXmlWriter.Decompose(new Rational(1, 3)).Single();
        Assert.Equal(("eighth", 0, 3, 2), (triplet.Type, triplet.Dots, triplet.Actual, triplet.Normal));
        var dotted = MusicXmlWriter.Decompose(new Rational(3, 2)).Single();
        Assert.Equal(("quarter", 1), (dotted.Type, dotted.Dots));
        var five = MusicXmlWriter.Decompose(new Rational(5, 4));
        Assert.Equal(["quarter", "16th"], five.Select(v => v.Type));
        foreach (var d in new[] { new Rational(7, 5), new Rational(11, 12), new Rational(13, 2), new Rational(1, 1024) })
            Assert.Equal(d, MusicXmlWriter.Decompose(d).Aggregate(Rational.Zero, (s, v) => s + v.Duration));
    }

    [Fact]
    public void Write_Mxl_HasMimetypeFirstAndContainerNamingTheScore()
    {
        var score = Build(new Spec(0, 0, 1, false, 0, 0, 1, [[new Token(3, false, 28, 0, false, false, false)]], [0], false));
        using var stream = new MemoryStream();
        MusicXmlWriter.Write(score, stream, compressed: true, innerName: "piece.musicxml");
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()));
        Assert.Equal("mimetype", zip.Entries[0].FullName);
        using var container = zip.GetEntry("META-INF/container.xml")!.Open();
        Assert.Equal("piece.musicxml", XDocument.Load(container).Descendants("rootfile").Single().Attribute("full-path")!.Value);
        Assert.NotNull(zip.GetEntry("piece.musicxml"));
    }

    [Fact]
    public void ToBytes_SameScore_SameBytes()
    {
        var score = Build(new Spec(1, 2, 2, true, 2, -3, 3, [[new Token(4, false, 30, 1, false, true, true)]], [0], true));
        Assert.Equal(MusicXmlWriter.ToBytes(score), MusicXmlWriter.ToBytes(score));
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(MusicXmlWriter.ToBytes(score)));
        Assert.Equal("4.0", doc.Root!.Attribute("version")!.Value);
        Assert.Equal("yes", doc.Descendants("measure").First().Attribute("implicit")!.Value);
    }

    [Fact]
    public void WriteFile_MxlAndMusicXml_ReadBackThroughScoreFiles()
    {
        var score = Build(new Spec(0, 3, 2, false, 1, 1, 3, [[new Token(5, false, 30, 0, false, false, false), new Token(2, false, 31, 0, true, false, false)]], [0], false));
        string dir = Directory.CreateTempSubdirectory("evo-xml").FullName;
        try
        {
            foreach (string name in new[] { "a.mxl", "a.musicxml" })
            {
                string path = System.IO.Path.Combine(dir, name);
                MusicXmlWriter.WriteFile(score, path);
                AssertSameMusic(score, EvoComposer.Theory.Formats.ScoreFiles.Read(path), name);
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
