using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Formats.Midi;

public class MidiScoreWriterTests
{
    private static readonly MidiScoreReader Reader = new();

    private static Score Read(byte[] bytes) => Reader.Read(bytes, "test.mid");

    private static Note N(string pitch, Rational onset, Rational duration) => new(Pitch.Parse(pitch), onset, duration);

    [Fact]
    public void Write_Score_HasConductorTrackAndOneNamedTrackPerPartOnOwnChannels()
    {
        var parts = Enumerable.Range(0, 11).Select(i => new Part("P" + i, [N("C4", i, 1)]));
        var score = new Score(parts, [new(0, new Meter(3, 4))], [new(0, new KeySignature(2))], new Key(Step.B, 0, Mode.Minor),
            tempos: [new(0, 90.0)], metadata: new ScoreMetadata { Title = "T", Licence = "CC0" });
        var file = MidiFileReader.Read(MidiScoreWriter.Write(score));
        Assert.Equal(MidiFileFormat.MultiTrack, file.Format);
        Assert.Equal(12, file.TrackChunks.Length);
        var conductor = file.TrackChunks[0].Events;
        Assert.Contains(new SequenceTrackNameEvent("T"), conductor);
        Assert.Contains(new CopyrightNoticeEvent("CC0"), conductor);
        Assert.Contains(new SetTempoEvent(666_667), conductor);
        Assert.Contains(new TimeSignatureEvent(3, 4, 24, 8), conductor);
        Assert.Contains(new KeySignatureEvent(2, true), conductor);
        Assert.DoesNotContain(conductor, e => e is ChannelEvent);
        int[] channels = file.TrackChunks.Skip(1).Select(t => t.Events.OfType<NoteOnEvent>().First().Channel).ToArray();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11], channels);
        Assert.Equal(new SequenceTrackNameEvent("P9"), file.TrackChunks[10].Events[0]);
        Assert.All(file.TrackChunks.Skip(1), t => Assert.Equal(80, t.Events.OfType<NoteOnEvent>().First().Velocity));
    }

    [Fact]
    public void Write_ScoreWithoutTempo_Writes100QuarterNotesPerMinute()
    {
        var score = new Score([new Part("A", [N("C4", 0, 1)])], [], []);
        Assert.Equal([new(Rational.Zero, 100.0)], Read(MidiScoreWriter.Write(score)).Tempos.ToArray());
    }

    [Theory]
    [InlineData("1/4", 480)]     // lcm 4 → 480
    [InlineData("1/7", 483)]     // lcm 7 → smallest multiple ≥ 480
    [InlineData("1/960", 960)]
    [InlineData("1/32767", 32767)]
    public void ChooseTicksPerQuarterNote_Denominators_GivesSmallestExactDivisionOfAtLeast480(string duration, int expected)
    {
        var score = new Score([new Part("A", [N("C4", 0, Rational.Parse(duration)), N("D4", 1, 1)])], [], []);
        Assert.Equal(expected, MidiScoreWriter.ChooseTicksPerQuarterNote(score));
        var read = Read(MidiScoreWriter.Write(score));
        Assert.Equal(Rational.Parse(duration), read.Parts[0].Notes[0].Duration);
    }

    [Fact]
    public void Write_ValueNeedingMoreThan32767Ticks_ThrowsNamingTheNote()
    {
        var score = new Score([new Part("Alto", [N("C4", 0, new Rational(1, 300)), N("E4", 1, new Rational(1, 301))])], [], []);
        var e = Assert.Throws<ArgumentException>(() => MidiScoreWriter.Write(score));
        Assert.Contains("E4", e.Message);
        Assert.Contains("Alto", e.Message);
    }

    [Fact]
    public void WriteThenRead_CorpusChorale_GivesTheSameNotes()
    {
        var original = Read(File.ReadAllBytes(TestCorpus.Path("bach-370-chorales", "midi", "chor003.mid")));
        var again = Read(MidiScoreWriter.Write(original));
        Assert.Equal(original.Parts.ToArray(), again.Parts.ToArray());
        Assert.Equal(original.Meters.ToArray(), again.Meters.ToArray());
        Assert.Equal(original.KeySignatures.ToArray(), again.KeySignatures.ToArray());
        Assert.Equal(original.Key, again.Key);
        Assert.Equal(original.Measures.ToArray(), again.Measures.ToArray());
    }

    // ---- property: Score → MIDI → Score ----

    private static readonly Meter[] Meters = [new(4, 4), new(3, 4), new(2, 4), new(6, 8), new(3, 2), new(5, 8)];
    private static readonly string[] Names = ["Soprano", "Alto", "Tenor", "Bass", "Voice", "Cantus", "Track"];

    /// <summary>
    /// Random scores: 1–5 parts in descending, non-overlapping registers (so that the reader keeps their order),
    /// notes on a 1/12-quarter grid (with occasional 1/16 and 1/5 values), some two-note chords, meter and key
    /// signature changes.
    /// </summary>
    private static Gen<Score> Scores() =>
        from partCount in Gen.Choose(1, 5)
        from parts in Gen.CollectToArray(Enumerable.Range(0, partCount).Select(PartGen))
        from meters in TimedGen(Gen.Elements(Meters))
        from keys in TimedGen(Gen.Choose(-7, 7).Select(f => new KeySignature(f)))
        select new Score(parts, meters, keys);

    private static Gen<Timed<T>[]> TimedGen<T>(Gen<T> values) =>
        from first in values
        from later in Gen.ListOf(Gen.Zip(Gen.Choose(1, 200), values)).Select(l => l.Take(3).ToArray())
        select later.DistinctBy(x => x.Item1).Select(x => new Timed<T>(new Rational(x.Item1, 2), x.Item2)).Prepend(new Timed<T>(Rational.Zero, first)).ToArray();

    private static Gen<Part> PartGen(int index)
    {
        int top = 84 - 11 * index;
        var step = Gen.Frequency(
            (10, Gen.Choose(1, 24).Select(k => new Rational(k, 12))),
            (1, Gen.Choose(1, 8).Select(k => new Rational(k, 16))),
            (1, Gen.Choose(1, 4).Select(k => new Rational(k, 5))));
        var noteSpec = Gen.Zip(Gen.Zip(step, step), Gen.Zip(Gen.Choose(top - 10, top), Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 9)))));
        return from name in Gen.Elements(Names)
               from specs in Gen.NonEmptyListOf(noteSpec).Select(l => l.Take(40).ToArray())
               select new Part(name, Layout(specs, top));
    }

    private static IEnumerable<Note> Layout(((Rational Gap, Rational Duration), (int Midi, int ChordInterval))[] specs, int top)
    {
        var time = Rational.Zero;
        foreach (var ((gap, duration), (midi, chord)) in specs)
        {
            var onset = time + gap - Rational.Min(gap, new Rational(1, 12)); // gaps may be 0
            yield return new Note(Pitch.FromMidi(midi), onset, duration);
            if (chord > 0) yield return new Note(Pitch.FromMidi(midi - chord), onset, duration);
            time = onset + duration;
        }
    }

    [Fact]
    public void WriteThenRead_RandomScores_GiveTheSameNotesMetersKeySignaturesAndPartNames()
    {
        var property = Prop.ForAll(Scores().ToArbitrary(), score =>
        {
            var read = Read(MidiScoreWriter.Write(score));
            var expectedParts = score.Parts.Select(p => (p.Name, p.Notes.Select(n =>
                (n.Pitch.Midi, Pitch.FromMidi(n.Pitch.Midi, score.KeySignatureAt(n.Onset).Fifths), n.Onset, n.Duration)).Order().ToArray())).ToArray();
            var actualParts = read.Parts.Select(p => (p.Name, p.Notes.Select(n => (n.Pitch.Midi, n.Pitch, n.Onset, n.Duration)).Order().ToArray())).ToArray();
            return expectedParts.Length == actualParts.Length
                && expectedParts.Zip(actualParts).All(x => x.First.Name == x.Second.Name && x.First.Item2.SequenceEqual(x.Second.Item2))
                && score.Meters.SequenceEqual(read.Meters)
                && score.KeySignatures.SequenceEqual(read.KeySignatures);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
