using System.Collections.Immutable;
using EvoComposer.Theory.Formats.Midi.Core;
using FsCheck;
using FsCheck.Fluent;
using static EvoComposer.Theory.Tests.Formats.Midi.SmfBytes;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

public class MidiFileWriterTests
{
    /// <summary>One event of every kind, with assorted delta times.</summary>
    internal static MidiEvent[] EveryEventKind() =>
    [
        new SequenceNumberEvent(513),
        new TextEvent("text é"),
        new CopyrightNoticeEvent("© public domain"),
        new SequenceTrackNameEvent("Soprano"),
        new InstrumentNameEvent("Choir"),
        new LyricEvent("Al-"),
        new MarkerEvent("A"),
        new CuePointEvent("cue"),
        new ProgramNameEvent("program"),
        new DeviceNameEvent("device"),
        new ChannelPrefixEvent(3),
        new PortPrefixEvent(1),
        new SetTempoEvent(600_000) { DeltaTime = 1 },
        new SmpteOffsetEvent(1, 1, 2, 3, 4, 5),
        new TimeSignatureEvent(6, 8, 36, 8),
        new KeySignatureEvent(-3, true),
        new SequencerSpecificEvent([0x00, 0x00, 0x41, 0x01]),
        new UnknownMetaEvent(0x60, [9, 8, 7]),
        new NormalSysExEvent([0x7E, 0x7F, 0x09, 0x01, 0xF7]) { DeltaTime = 200 },
        new EscapeSysExEvent([0xF3, 0x01]),
        new NoteOnEvent(2, 60, 80) { DeltaTime = 0x3FFF },
        new PolyphonicKeyPressureEvent(2, 60, 20),
        new NoteOffEvent(2, 60, 64) { DeltaTime = 0x200000 },
        new NoteOnEvent(2, 62, 0),
        new ControlChangeEvent(15, 64, 127),
        new ProgramChangeEvent(15, 52),
        new ChannelPressureEvent(15, 33),
        new PitchBendEvent(15, 0x2ABC) { DeltaTime = 0x0FFFFFFF },
        new EndOfTrackEvent(),
    ];

    [Fact]
    public void WriteThenRead_EveryEventKind_RoundTripsExactly()
    {
        var file = new MidiFile(MidiFileFormat.MultiTrack, new TicksPerQuarterNoteTimeDivision(96),
            [new MidiTrackChunk(EveryEventKind()), new UnknownChunk("XYZW", [1, 2]), new MidiTrackChunk([new NoteOnEvent(0, 1, 2)])]);
        var bytes = MidiFileWriter.Write(file);
        var read = MidiFileReader.Read(bytes);
        Assert.Equal(file.TrackChunks[0].Events.ToArray(), read.TrackChunks[0].Events.ToArray());
        Assert.Equal(file.Chunks[1], read.Chunks[1]);
        Assert.Equal([new NoteOnEvent(0, 1, 2), new EndOfTrackEvent()], read.TrackChunks[1].Events.ToArray()); // End of Track added
        Assert.Equal(bytes, MidiFileWriter.Write(read));
    }

    [Fact]
    public void Write_WithRunningStatus_OmitsRepeatedStatusBytes()
    {
        var file = new MidiFile(MidiFileFormat.SingleTrack, new TicksPerQuarterNoteTimeDivision(480),
            [new MidiTrackChunk([new NoteOnEvent(0, 60, 80), new NoteOnEvent(0, 60, 0) { DeltaTime = 480 }, new TextEvent("x"), new NoteOnEvent(0, 62, 80)])]);
        var bytes = MidiFileWriter.Write(file);
        byte[] expected = [0x00, 0x90, 60, 80, 0x83, 0x60, 60, 0, 0x00, 0xFF, 0x01, 0x01, (byte)'x', 0x00, 0x90, 62, 80, .. EndOfTrack];
        Assert.Equal(Concat(Header(format: 0, tracks: 1, division: 480), Track(expected)), bytes);
        Assert.Equal(file.TrackChunks[0].Events.Add(new EndOfTrackEvent()).ToArray(), MidiFileReader.Read(bytes).TrackChunks[0].Events.ToArray());
    }

    [Fact]
    public void Write_WithoutRunningStatus_WritesEveryStatusByte()
    {
        var file = new MidiFile(MidiFileFormat.SingleTrack, new TicksPerQuarterNoteTimeDivision(480),
            [new MidiTrackChunk([new NoteOnEvent(0, 60, 80), new NoteOnEvent(0, 60, 0), new EndOfTrackEvent()])]);
        var bytes = MidiFileWriter.Write(file, MidiWritingSettings.Default with { UseRunningStatus = false });
        Assert.Equal(Concat(Header(format: 0, tracks: 1), Track([0x00, 0x90, 60, 80, 0x00, 0x90, 60, 0, .. EndOfTrack])), bytes);
    }

    [Fact]
    public void Write_NoteOffAsSilentNoteOn_WritesNoteOnVelocityZero()
    {
        var file = new MidiFile(MidiFileFormat.SingleTrack, new TicksPerQuarterNoteTimeDivision(480),
            [new MidiTrackChunk([new NoteOnEvent(0, 60, 80), new NoteOffEvent(0, 60, 64)])]);
        var bytes = MidiFileWriter.Write(file, MidiWritingSettings.Default with { NoteOffAsSilentNoteOn = true });
        Assert.Equal(Concat(Header(format: 0, tracks: 1), Track([0x00, 0x90, 60, 80, 0x00, 60, 0, .. EndOfTrack])), bytes);
    }

    [Fact]
    public void Write_Format0WithTwoTracks_Throws() =>
        Assert.Throws<ArgumentException>(() => MidiFileWriter.Write(new MidiFile(MidiFileFormat.SingleTrack, new TicksPerQuarterNoteTimeDivision(480),
            [new MidiTrackChunk([]), new MidiTrackChunk([])])));

    [Fact]
    public void Write_SmpteDivision_RoundTrips()
    {
        var file = new MidiFile(MidiFileFormat.MultiTrack, new SmpteTimeDivision(29, 80), [new MidiTrackChunk([new EndOfTrackEvent()])]);
        Assert.Equal(file, MidiFileReader.Read(MidiFileWriter.Write(file)));
    }

    [Fact]
    public void WriteThenRead_CorpusChorale_GivesEqualFileAndIdenticalBytes()
    {
        // The corpus files repeat every status byte, so they come back byte for byte without running status.
        byte[] original = System.IO.File.ReadAllBytes(TestCorpus.Path("bach-370-chorales", "midi", "chor001.mid"));
        var file = MidiFileReader.Read(original);
        var bytes = MidiFileWriter.Write(file);
        Assert.True(bytes.Length < original.Length);
        Assert.Equal(file, MidiFileReader.Read(bytes));
        Assert.Equal(original, MidiFileWriter.Write(file, MidiWritingSettings.Default with { UseRunningStatus = false }));
    }

    [Fact]
    public void Events_Equality_ComparesBytesOfArrays()
    {
        Assert.Equal(new NormalSysExEvent([1, 2]), new NormalSysExEvent(ImmutableArray.Create<byte>(1, 2)));
        Assert.NotEqual<MidiEvent>(new NormalSysExEvent([1, 2]), new EscapeSysExEvent([1, 2]));
        Assert.NotEqual(new UnknownMetaEvent(0x60, [1]), new UnknownMetaEvent(0x61, [1]));
        Assert.NotEqual(new SequencerSpecificEvent([1]) { DeltaTime = 1 }, new SequencerSpecificEvent([1]));
    }

    // ---- property: random byte-level files round-trip, with and without running status ----

    private static readonly Gen<int> Seven = Gen.Choose(0, 127);
    private static readonly Gen<int> Channel = Gen.Choose(0, 15);
    private static readonly Gen<string> Latin1Text = Gen.ArrayOf(Gen.Choose(0, 255).Select(c => (char)c)).Select(c => new string(c));
    private static readonly Gen<ImmutableArray<byte>> Bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => b.ToImmutableArray());

    private static readonly Gen<MidiEvent> AnyEvent = Gen.OneOf<MidiEvent>(
        Gen.Zip(Channel, Gen.Zip(Seven, Seven)).Select(x => (MidiEvent)new NoteOnEvent(x.Item1, x.Item2.Item1, x.Item2.Item2)),
        Gen.Zip(Channel, Gen.Zip(Seven, Seven)).Select(x => (MidiEvent)new NoteOffEvent(x.Item1, x.Item2.Item1, x.Item2.Item2)),
        Gen.Zip(Channel, Gen.Zip(Seven, Seven)).Select(x => (MidiEvent)new PolyphonicKeyPressureEvent(x.Item1, x.Item2.Item1, x.Item2.Item2)),
        Gen.Zip(Channel, Gen.Zip(Seven, Seven)).Select(x => (MidiEvent)new ControlChangeEvent(x.Item1, x.Item2.Item1, x.Item2.Item2)),
        Gen.Zip(Channel, Seven).Select(x => (MidiEvent)new ProgramChangeEvent(x.Item1, x.Item2)),
        Gen.Zip(Channel, Seven).Select(x => (MidiEvent)new ChannelPressureEvent(x.Item1, x.Item2)),
        Gen.Zip(Channel, Gen.Choose(0, 16383)).Select(x => (MidiEvent)new PitchBendEvent(x.Item1, x.Item2)),
        Bytes.Select(b => (MidiEvent)new NormalSysExEvent(b)),
        Bytes.Select(b => (MidiEvent)new EscapeSysExEvent(b)),
        Gen.Choose(0, 0xFFFF).Select(n => (MidiEvent)new SequenceNumberEvent(n)),
        Gen.Zip(Gen.Choose(1, 9), Latin1Text).Select(x => x.Item1 switch
        {
            1 => (MidiEvent)new TextEvent(x.Item2),
            2 => new CopyrightNoticeEvent(x.Item2),
            3 => new SequenceTrackNameEvent(x.Item2),
            4 => new InstrumentNameEvent(x.Item2),
            5 => new LyricEvent(x.Item2),
            6 => new MarkerEvent(x.Item2),
            7 => new CuePointEvent(x.Item2),
            8 => new ProgramNameEvent(x.Item2),
            _ => new DeviceNameEvent(x.Item2),
        }),
        Channel.Select(c => (MidiEvent)new ChannelPrefixEvent(c)),
        Seven.Select(p => (MidiEvent)new PortPrefixEvent(p)),
        Gen.Choose(1, 0xFFFFFF).Select(t => (MidiEvent)new SetTempoEvent(t)),
        Gen.Zip(Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 23)), Gen.Zip(Gen.Choose(0, 59), Gen.Choose(0, 29))).Select(x =>
            (MidiEvent)new SmpteOffsetEvent(x.Item1.Item1, x.Item1.Item2, x.Item2.Item1, x.Item2.Item1, x.Item2.Item2, x.Item2.Item1)),
        Gen.Zip(Gen.Choose(1, 255), Gen.Choose(0, 7)).Select(x => (MidiEvent)new TimeSignatureEvent(x.Item1, 1 << x.Item2, 24, 8)),
        Gen.Zip(Gen.Choose(-7, 7), Gen.Elements(false, true)).Select(x => (MidiEvent)new KeySignatureEvent(x.Item1, x.Item2)),
        Bytes.Select(b => (MidiEvent)new SequencerSpecificEvent(b)),
        Gen.Zip(Gen.Choose(0x60, 0x7E), Bytes).Select(x => (MidiEvent)new UnknownMetaEvent(x.Item1, x.Item2)));

    private static readonly Gen<long> Delta = Gen.Frequency(
        (4, Gen.Constant(0L)), (4, Gen.Choose(0, 0x3FFF).Select(d => (long)d)), (1, Gen.Choose(0, int.MaxValue).Select(d => d & 0x0FFFFFFFL)));

    [Fact]
    public void WriteThenRead_RandomTracks_RoundTripWithAndWithoutRunningStatus()
    {
        var track = Gen.ListOf(Gen.Zip(AnyEvent, Delta)).Select(l => new MidiTrackChunk(l.Select(x => x.Item1 with { DeltaTime = x.Item2 }).Append(new EndOfTrackEvent())));
        var files = Gen.NonEmptyListOf(track).Select(t => new MidiFile(MidiFileFormat.MultiTrack, new TicksPerQuarterNoteTimeDivision(480), t));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(files.ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (file, runningStatus) =>
            MidiFileReader.Read(MidiFileWriter.Write(file, MidiWritingSettings.Default with { UseRunningStatus = runningStatus })).Equals(file)));
    }
}
