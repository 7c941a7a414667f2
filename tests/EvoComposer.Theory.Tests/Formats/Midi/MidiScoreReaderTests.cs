using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Midi;
using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Formats.Midi.Interaction;
using EvoComposer.Theory.Music;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Theory.Tests.Formats.Midi;

public class MidiScoreReaderTests
{
    private static readonly MidiScoreReader Reader = new();

    private static string[] ChoraleFiles() =>
        Directory.GetFiles(TestCorpus.Path("bach-370-chorales", "midi"), "*.mid").Order(StringComparer.Ordinal).ToArray();

    private static readonly Lazy<byte[]> Chorale = new(() => File.ReadAllBytes(TestCorpus.Path("bach-370-chorales", "midi", "chor001.mid")));

    private static MidiTrackChunk Notes(int channel, string? name, params (long Start, long Length, int Key)[] notes) =>
        MidiNotes.ToTrackChunk(notes.Select(n => new MidiNote(channel, n.Key, 80, 0, n.Start, n.Length)),
            name is null ? null : [new TimedEvent(0, new SequenceTrackNameEvent(name))]);

    private static Score Read(MidiFormat format, params MidiTrackChunk[] tracks) =>
        Reader.ToScore(new MidiFile((MidiFileFormat)format, new TicksPerQuarterNoteTimeDivision(480), tracks));

    public enum MidiFormat { Zero, One }

    [Fact]
    public void Read_AllCorpusChorales_GivesFourPartsInSatbRanges()
    {
        var files = ChoraleFiles();
        Assert.Equal(370, files.Length);
        // Generous ranges (MIDI numbers) for soprano, alto, tenor, bass of the chorales.
        (int Low, int High)[] ranges = [(57, 84), (50, 77), (45, 72), (33, 67)];
        foreach (var file in files)
        {
            var score = Reader.Read(File.ReadAllBytes(file), file);
            Assert.True(score.Parts.Length == 4, $"{file}: {score.Parts.Length} parts");
            for (int p = 0; p < 4; p++)
            {
                var part = score.Parts[p];
                Assert.NotEmpty(part.Notes);
                var (low, high) = part.Range!.Value;
                Assert.True(low.Midi >= ranges[p].Low && high.Midi <= ranges[p].High, $"{file} part {p} ({part.Name}): {low}–{high}");
            }
            Assert.True(score.Parts[0].MeanMidi > score.Parts[3].MeanMidi, file);
            Assert.NotNull(score.Key);
            Assert.Equal(score.Length, score.Measures[^1].Onset + score.Measures[^1].Duration);
            Assert.All(score.Parts.SelectMany(p => p.Notes), n => Assert.True(n.Duration > Rational.Zero && !n.Fermata));
        }
    }

    [Fact]
    public void Read_Chorale001_HasItsKeyMeterTempoAndFirstNotes()
    {
        var score = Reader.Read(Chorale.Value, "chor001.mid");
        Assert.Equal(new Key(Step.G, 0, Mode.Major), score.Key);
        Assert.Equal(new Meter(3, 4), score.Meter);
        Assert.Equal(new KeySignature(1), score.KeySignature);
        Assert.Equal([new(Rational.Zero, 100.0)], score.Tempos.ToArray());
        Assert.Equal("chor001.mid", score.Metadata.SourceFile);
        Assert.Equal(["Voice", "Voice", "Voice", "Voice"], score.Parts.Select(p => p.Name));
        Assert.Equal(new Note(Pitch.Parse("G4"), 0, 1, Measure: 1), score.Parts[0].Notes[0]);
        Assert.Equal(new Note(Pitch.Parse("G2"), 0, 1, Measure: 1), score.Parts[3].Notes[0]);
        Assert.Equal(new Measure(2, 3, 3), score.Measures[1]);
    }

    [Fact]
    public void ScoreFilesRead_MidFile_UsesTheMidiReader()
    {
        var score = ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "midi", "chor001.mid"));
        Assert.Equal(4, score.Parts.Length);
        Assert.Equal("midi", ScoreFiles.ReaderFor("x.MIDI")!.FormatName);
    }

    [Fact]
    public void Read_Format0_GivesOnePartPerChannelNamedByChannel()
    {
        var events = Notes(0, "Song", (0, 480, 72)).GetTimedEvents().Concat(Notes(5, null, (0, 480, 48)).GetTimedEvents());
        var score = Read(MidiFormat.Zero, TimedEvents.ToTrackChunk(events));
        Assert.Equal(["Channel 1", "Channel 6"], score.Parts.Select(p => p.Name));
        Assert.Equal("Song", score.Metadata.Title);
    }

    [Fact]
    public void Read_Format1_ConductorTrackGivesTitleAndNoPart_UnnamedTrackIsTrackN()
    {
        var conductor = TimedEvents.ToTrackChunk([new(0, new SequenceTrackNameEvent("Title")), new(0, new CopyrightNoticeEvent("PD"))]);
        var score = Read(MidiFormat.One, conductor, Notes(0, "Sop", (0, 480, 72)), Notes(0, null, (0, 480, 48)));
        Assert.Equal(["Sop", "Track 2"], score.Parts.Select(p => p.Name));
        Assert.Equal(("Title", "PD"), (score.Metadata.Title, score.Metadata.Licence));
    }

    [Fact]
    public void Read_TracksFromLowToHigh_AreSortedHighestFirst()
    {
        var score = Read(MidiFormat.One, Notes(0, "Bass", (0, 480, 40)), Notes(0, "Tenor", (0, 480, 55)), Notes(0, "Soprano", (0, 480, 70)));
        Assert.Equal(["Soprano", "Tenor", "Bass"], score.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Read_TracksNotInRisingOrder_KeepFileOrder()
    {
        var score = Read(MidiFormat.One, Notes(0, "Alto", (0, 480, 60)), Notes(0, "Soprano", (0, 480, 70)), Notes(0, "Bass", (0, 480, 40)));
        Assert.Equal(["Alto", "Soprano", "Bass"], score.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Read_KeySignatureChange_SpellsNotesWithTheSignatureInForce()
    {
        var conductor = TimedEvents.ToTrackChunk([new(0, new KeySignatureEvent(-3, true)), new(960, new KeySignatureEvent(2, false))]);
        var score = Read(MidiFormat.One, conductor, Notes(0, "A", (0, 480, 63), (960, 480, 66)));
        Assert.Equal(["Eb4", "F#4"], score.Parts[0].Notes.Select(n => n.Pitch.ToString()));
        Assert.Equal(new Key(Step.C, 0, Mode.Minor), score.Key);
        Assert.Equal([new(Rational.Zero, new KeySignature(-3)), new(2, new KeySignature(2))], score.KeySignatures.ToArray());
    }

    [Fact]
    public void Read_NoTimeSignature_Assumes44AndNumbersMeasuresFrom1()
    {
        var score = Read(MidiFormat.One, Notes(0, "A", (0, 480 * 6, 60)));
        Assert.Equal(Meter.CommonTime, score.Meter);
        Assert.Equal([new Measure(1, 0, 4), new Measure(2, 4, 2)], score.Measures.ToArray());
    }

    [Fact]
    public void Read_FirstMeasureCutShortByMeterChange_IsAPickupNumbered0()
    {
        var conductor = TimedEvents.ToTrackChunk([new(0, new TimeSignatureEvent(3, 4)), new(480, new TimeSignatureEvent(3, 4))]);
        var score = Read(MidiFormat.One, conductor, Notes(0, "A", (0, 480, 60), (480, 480 * 3, 62)));
        Assert.Equal([new Measure(0, 0, 1), new Measure(1, 1, 3)], score.Measures.ToArray());
        Assert.Equal([0, 1], score.Parts[0].Notes.Select(n => n.Measure));
    }

    [Fact]
    public void Read_OneMeterWithFinalChordOffTheDownbeat_InfersThePickupFromTheRhythm()
    {
        // 3/4: a one-beat upbeat, then half + quarter in every bar, ending with a half note on a downbeat (tick 13 q).
        var notes = new List<(long, long, int)> { (0, 480, 60) };
        for (int bar = 0; bar < 4; bar++) notes.AddRange([((1 + 3 * bar) * 480L, 960L, 62), ((3 + 3 * bar) * 480L, 480L, 64)]);
        notes.Add((13 * 480, 960, 60));
        var score = Read(MidiFormat.One, Conductor34(), Notes(0, "A", [.. notes]));

        Assert.Equal(new Measure(0, 0, 1), score.Measures[0]);
        Assert.Equal(new Measure(1, 1, 3), score.Measures[1]);
        Assert.Equal([0, 1, 1, 2, 2, 3, 3, 4, 4, 5], score.Parts[0].Notes.Select(n => n.Measure));
    }

    [Fact]
    public void Read_OneMeterWithoutClearMetricEvidence_KeepsTheBarlinesFromTick0()
    {
        // Even quarters ending on the second beat: nothing says where the downbeats are, so no pickup is invented.
        var notes = Enumerable.Range(0, 14).Select(i => (i * 480L, 480L, 60 + i % 3)).ToArray();
        var score = Read(MidiFormat.One, Conductor34(), Notes(0, "A", notes));

        Assert.Equal(new Measure(1, 0, 3), score.Measures[0]);
    }

    private static MidiTrackChunk Conductor34() => TimedEvents.ToTrackChunk([new(0, new TimeSignatureEvent(3, 4))]);

    [Fact]
    public void Read_ZeroLengthNote_IsDropped() =>
        Assert.Single(Read(MidiFormat.One, Notes(0, "A", (0, 0, 60), (0, 480, 62))).Parts[0].Notes);

    [Fact]
    public void Read_SmpteDivision_ThrowsMidiFormatException()
    {
        var file = new MidiFile(MidiFileFormat.MultiTrack, new SmpteTimeDivision(25, 40), [Notes(0, "A", (0, 40, 60))]);
        var e = Assert.Throws<MidiFormatException>(() => Reader.ToScore(file, "x.mid"));
        Assert.Contains("SMPTE", e.Message);
    }

    [Fact]
    public void Read_NoteEndingFarAwayWithTinyMeasures_ThrowsInsteadOfLayingOutMillionsOfMeasures()
    {
        var conductor = TimedEvents.ToTrackChunk([new(0, new TimeSignatureEvent(1, 128))]);
        var score = () => Reader.ToScore(new MidiFile(MidiFileFormat.MultiTrack, new TicksPerQuarterNoteTimeDivision(1), [conductor, Notes(0, "A", (0, 0x0FFFFFFF, 60))]));
        Assert.Throws<MidiFormatException>(score);
    }

    [Fact]
    public void Read_TimeSignatureOver64Beats_ThrowsMidiFormatException()
    {
        var conductor = TimedEvents.ToTrackChunk([new(0, new TimeSignatureEvent(65, 4))]);
        Assert.Throws<MidiFormatException>(() => Read(MidiFormat.One, conductor, Notes(0, "A", (0, 480, 60))));
    }

    // ---- damaged files: a score or a MidiFormatException, nothing else, never a hang ----

    /// <summary>
    /// True when reading gives a score or a <see cref="MidiFormatException"/> and allocates no more than the file
    /// justifies (the corpus files need about 50 bytes per byte read; measures add at most about a megabyte).
    /// </summary>
    private static bool ReadsOrThrowsMidiFormatException(byte[] bytes, MidiReadingSettings settings)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            new MidiScoreReader(settings).Read(bytes, "damaged.mid");
        }
        catch (MidiFormatException)
        {
        }
        return GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000 + 200L * bytes.Length;
    }

    [Fact]
    public void Read_RandomlyDamagedChorale_GivesScoreOrMidiFormatExceptionOnly()
    {
        byte[] original = Chorale.Value;
        var damage =
            from patches in Gen.ListOf(Gen.Zip(Gen.Choose(0, original.Length - 1), Gen.Choose(0, 255))).Select(l => l.Take(8).ToArray())
            from cut in Gen.Frequency((2, Gen.Constant(original.Length)), (1, Gen.Choose(0, original.Length)))
            from lenient in Gen.Elements(false, true)
            select (patches, cut, lenient);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(damage.ToArbitrary(), d =>
        {
            byte[] bytes = original[..d.cut];
            foreach (var (at, value) in d.patches)
                if (at < bytes.Length) bytes[at] = (byte)value;
            return ReadsOrThrowsMidiFormatException(bytes, d.lenient ? MidiReadingSettings.Lenient : MidiReadingSettings.Default);
        }));
    }

    [Fact]
    public void Read_DamagedDeltaTimesAskingForThousandsOfMeasures_StaysWithinTheAllocationBound()
    {
        // Found by the property above (replay 9154411831695222718, 6651846346543274419): the measure list grew by
        // doubling and went 4.62 MB over a 4.45 MB bound; it is now sized once.
        byte[] bytes = Chorale.Value.ToArray();
        foreach (var (at, value) in new[] { (1314, 100), (32, 0), (1859, 248), (1901, 103), (1848, 250), (807, 72), (1338, 121), (1230, 63) })
            bytes[at] = (byte)value;
        Assert.True(ReadsOrThrowsMidiFormatException(bytes, MidiReadingSettings.Lenient));
    }

    [Fact]
    public void Read_EveryTruncationOfChorale_GivesScoreOrMidiFormatExceptionOnly()
    {
        byte[] original = Chorale.Value;
        for (int length = 0; length < original.Length; length += 7)
        {
            Assert.True(ReadsOrThrowsMidiFormatException(original[..length], MidiReadingSettings.Default));
            Assert.True(ReadsOrThrowsMidiFormatException(original[..length], MidiReadingSettings.Lenient));
        }
    }

    [Fact]
    public void Read_TruncatedChoraleWithLenientSettings_KeepsTheNotesBeforeTheCut()
    {
        byte[] original = Chorale.Value;
        var score = new MidiScoreReader(MidiReadingSettings.Lenient).Read(original[..(original.Length / 2)], "half.mid");
        Assert.InRange(score.NoteCount, 1, Reader.Read(original, "whole.mid").NoteCount - 1);
    }
}
