using System.Diagnostics;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Midi.Core;
using static EvoComposer.Theory.Tests.Formats.Midi.SmfBytes;

namespace EvoComposer.Theory.Tests.Formats.Midi.Core;

/// <summary>
/// The reader on valid files and on invalid files by category: each category is a damaged file made in code,
/// read with each member of its policy.
/// </summary>
public class MidiFileReaderTests
{
    private static MidiReadingSettings With(Func<MidiReadingSettings, MidiReadingSettings> f) => f(MidiReadingSettings.Default);

    private static MidiEvent[] Events(byte[] file, MidiReadingSettings? settings = null) =>
        MidiFileReader.Read(file, settings).TrackChunks[0].Events.ToArray();

    // ---- valid input ----

    [Fact]
    public void Read_RunningStatus_RepeatsTheLastChannelStatus()
    {
        // 90 3C 40, then (running status) 3E 40 and, after a meta event, 40 40.
        var events = Events(File(0x00, 0x90, 0x3C, 0x40, 0x10, 0x3E, 0x40, 0x00, 0xFF, 0x01, 0x01, 0x41, 0x10, 0x40, 0x40));
        Assert.Equal(new NoteOnEvent(0, 0x3C, 0x40), events[0]);
        Assert.Equal(new NoteOnEvent(0, 0x3E, 0x40) { DeltaTime = 0x10 }, events[1]);
        Assert.Equal(new TextEvent("A"), events[2]);
        Assert.Equal(new NoteOnEvent(0, 0x40, 0x40) { DeltaTime = 0x10 }, events[3]);
        Assert.IsType<EndOfTrackEvent>(events[4]);
    }

    [Fact]
    public void Read_NoteOnVelocityZero_IsReadAsNoteOnThatIsNoteOff()
    {
        var events = Events(File(0x00, 0x91, 0x3C, 0x00));
        var on = Assert.IsType<NoteOnEvent>(events[0]);
        Assert.True(on.IsNoteOff);
        Assert.Equal(1, on.Channel);
    }

    [Fact]
    public void Read_FourByteDeltaTime_GivesTheLargestValue()
    {
        var events = Events(File(0xFF, 0xFF, 0xFF, 0x7F, 0xC0, 0x05));
        Assert.Equal(0x0FFFFFFF, events[0].DeltaTime);
    }

    [Fact]
    public void Read_SmpteDivision_IsReported()
    {
        var file = MidiFileReader.Read(Concat(Header(division: 0xE728), Track(EndOfTrack))); // -25 fps, 40 ticks per frame
        var smpte = Assert.IsType<SmpteTimeDivision>(file.TimeDivision);
        Assert.Equal((25, 40), (smpte.FramesPerSecond, smpte.TicksPerFrame));
    }

    [Fact]
    public void Read_CorpusChorale_HasFormat1AndFiveTracks()
    {
        var file = MidiFileReader.Read(TestCorpus.Path("bach-370-chorales", "midi", "chor001.mid"));
        Assert.Equal(MidiFileFormat.MultiTrack, file.Format);
        Assert.Equal(new TicksPerQuarterNoteTimeDivision(10080), file.TimeDivision);
        Assert.Equal(5, file.TrackChunks.Length);
        Assert.All(file.TrackChunks, t => Assert.IsType<EndOfTrackEvent>(t.Events[^1]));
    }

    [Fact]
    public void Read_BytesAfterEndOfTrackInChunk_AreIgnored()
    {
        var events = Events(Concat(Header(), Track([.. EndOfTrack, 0x00, 0x90, 0x3C])));
        Assert.Single(events);
    }

    // ---- structural defects: always abort ----

    [Fact]
    public void Read_VariableLengthQuantityOfFiveBytes_ThrowsInvalidVariableLengthQuantity()
    {
        var e = Assert.Throws<InvalidVariableLengthQuantityException>(() => MidiFileReader.Read(File(0x81, 0x80, 0x80, 0x80, 0x00, 0xC0, 0x05)));
        Assert.Equal(22, e.ByteOffset);
        Assert.Equal(0, e.TrackIndex);
    }

    [Fact]
    public void Read_MetaLengthOfFiveBytes_ThrowsInvalidVariableLengthQuantity() =>
        Assert.Throws<InvalidVariableLengthQuantityException>(() => MidiFileReader.Read(File(0x00, 0xFF, 0x01, 0x81, 0x80, 0x80, 0x80, 0x00), MidiReadingSettings.Lenient));

    [Fact]
    public void Read_DataByteWithoutRunningStatus_ThrowsInvalidRunningStatus()
    {
        var e = Assert.Throws<InvalidRunningStatusException>(() => MidiFileReader.Read(File(0x00, 0x3C, 0x40), MidiReadingSettings.Lenient));
        Assert.Equal(23, e.ByteOffset);
        Assert.Contains("track 0", e.Message);
    }

    [Theory]
    [InlineData(0xF1)]
    [InlineData(0xF8)]
    [InlineData(0xFE)]
    public void Read_SystemStatusByte_ThrowsInvalidStatusByte(int status) =>
        Assert.Equal(status, Assert.Throws<InvalidStatusByteException>(() => MidiFileReader.Read(File(0x00, (byte)status, 0x00), MidiReadingSettings.Lenient)).StatusByte);

    [Theory]
    [InlineData(0x0000)] // 0 ticks per quarter note
    [InlineData(0xE300)] // -29 fps with 0 ticks per frame
    [InlineData(0x9C10)] // -100 fps
    public void Read_InvalidTimeDivision_ThrowsInvalidTimeDivision(int division) =>
        Assert.Throws<InvalidTimeDivisionException>(() => MidiFileReader.Read(Concat(Header(division: division), Track(EndOfTrack)), MidiReadingSettings.Lenient));

    [Fact]
    public void Read_HeaderDeclaringFewerThanSixBytes_ThrowsInvalidChunkSize()
    {
        var e = Assert.Throws<InvalidChunkSizeException>(() => MidiFileReader.Read(Concat(Header(length: 4), Track(EndOfTrack)), MidiReadingSettings.Lenient));
        Assert.Equal((6L, 4L), (e.ExpectedBytes, e.AvailableBytes));
        Assert.EndsWith("header chunk declares 4 bytes but needs 6", e.Message);
    }

    [Fact]
    public void Read_HeaderCutBeforeItsLength_ThrowsUnexpectedEndOfFile() =>
        Assert.Throws<UnexpectedEndOfFileException>(() => MidiFileReader.Read("MThd\0\0"u8.ToArray(), MidiReadingSettings.Lenient));

    [Fact]
    public void Read_HugeDeclaredChunkInSmallFile_ThrowsInvalidChunkSizeFastWithoutAllocating()
    {
        var bytes = Concat(Header(), Chunk("MTrk", new byte[78], declaredLength: 0x7FFFFFFF));
        Assert.Equal(100, bytes.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<InvalidChunkSizeException>(() => MidiFileReader.Read(bytes));
        Assert.True(watch.ElapsedMilliseconds < 1000);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
        Assert.Equal((0x7FFFFFFFL, 78L), (e.ExpectedBytes, e.AvailableBytes));
        Assert.Equal(14, e.ByteOffset);
        Assert.Equal(0, e.TrackIndex);
    }

    [Fact]
    public void Read_HugeDeclaredMetaLength_ThrowsUnexpectedEndOfFileWithoutAllocating()
    {
        var bytes = File(0x00, 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0x7F);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<UnexpectedEndOfFileException>(() => MidiFileReader.Read(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
        Assert.Equal(0x0FFFFFFF, e.NeededBytes);
    }

    [Fact]
    public void MidiFormatException_DerivesFromScoreFormatException_AndNamesTheFile()
    {
        var e = Assert.Throws<NoHeaderChunkException>(() => MidiFileReader.Read("RIFF...."u8, sourceName: "song.mid"));
        Assert.IsAssignableFrom<ScoreFormatException>(e);
        Assert.StartsWith("song.mid: byte 0x0: ", e.Message);
    }

    // ---- defects governed by a policy: one test per member ----

    private static readonly byte[] NoHeader = Track(0x00, 0x90, 0x3C, 0x40, 0x00, 0xFF, 0x2F, 0x00);

    [Fact]
    public void Read_NoHeaderAbort_ThrowsNoHeaderChunk() =>
        Assert.Throws<NoHeaderChunkException>(() => MidiFileReader.Read(NoHeader));

    [Fact]
    public void Read_NoHeaderIgnore_ReadsTracksAsFormat1At480()
    {
        var file = MidiFileReader.Read(NoHeader, With(s => s with { NoHeaderChunkPolicy = NoHeaderChunkPolicy.Ignore }));
        Assert.Equal(MidiFileFormat.MultiTrack, file.Format);
        Assert.Equal(new TicksPerQuarterNoteTimeDivision(480), file.TimeDivision);
        Assert.Equal(new NoteOnEvent(0, 0x3C, 0x40), file.TrackChunks[0].Events[0]);
    }

    private static readonly byte[] TooLongChunk = Concat(Header(), Chunk("MTrk", [0x00, 0xC0, 0x05, .. EndOfTrack], declaredLength: 1000));

    [Fact]
    public void Read_InvalidChunkSizeAbort_ThrowsWithExpectedAndAvailable()
    {
        var e = Assert.Throws<InvalidChunkSizeException>(() => MidiFileReader.Read(TooLongChunk));
        Assert.Equal(("MTrk", 1000L, 7L), (e.ChunkId, e.ExpectedBytes, e.AvailableBytes));
    }

    [Fact]
    public void Read_InvalidChunkSizeIgnore_ReadsTheBytesThatAreThere()
    {
        var events = Events(TooLongChunk, With(s => s with { InvalidChunkSizePolicy = InvalidChunkSizePolicy.Ignore }));
        Assert.Equal([new ProgramChangeEvent(0, 5), new EndOfTrackEvent()], events);
    }

    private static readonly byte[] WithUnknownChunk = Concat(Header(), Chunk("XFIH", [1, 2, 3]), Track(EndOfTrack));

    [Fact]
    public void Read_UnknownChunkReadAsUnknownChunk_KeepsItsBytes()
    {
        var file = MidiFileReader.Read(WithUnknownChunk);
        var chunk = Assert.IsType<UnknownChunk>(file.Chunks[0]);
        Assert.Equal("XFIH", chunk.ChunkId);
        Assert.Equal([1, 2, 3], chunk.Data.ToArray());
        Assert.Single(file.TrackChunks);
    }

    [Fact]
    public void Read_UnknownChunkSkip_DropsIt()
    {
        var file = MidiFileReader.Read(WithUnknownChunk, With(s => s with { UnknownChunkPolicy = UnknownChunkPolicy.Skip }));
        Assert.IsType<MidiTrackChunk>(Assert.Single(file.Chunks));
    }

    [Fact]
    public void Read_UnknownChunkAbort_Throws()
    {
        var e = Assert.Throws<UnknownChunkException>(() => MidiFileReader.Read(WithUnknownChunk, With(s => s with { UnknownChunkPolicy = UnknownChunkPolicy.Abort })));
        Assert.Equal(("XFIH", 14L), (e.ChunkId, e.ByteOffset));
    }

    private static readonly byte[] NoEndOfTrack = Concat(Header(), Track(0x00, 0xC0, 0x05));

    [Fact]
    public void Read_MissingEndOfTrackIgnore_KeepsTheEvents() =>
        Assert.Equal([new ProgramChangeEvent(0, 5)], Events(NoEndOfTrack));

    [Fact]
    public void Read_MissingEndOfTrackAbort_Throws()
    {
        var e = Assert.Throws<MissingEndOfTrackException>(() => MidiFileReader.Read(NoEndOfTrack, With(s => s with { MissingEndOfTrackPolicy = MissingEndOfTrackPolicy.Abort })));
        Assert.Equal(0, e.TrackIndex);
    }

    private static readonly byte[] CutEvent = Concat(Header(), Track(0x00, 0xC0, 0x05, 0x00, 0x90, 0x3C));

    [Fact]
    public void Read_NotEnoughBytesAbort_ThrowsUnexpectedEndOfFile()
    {
        var e = Assert.Throws<UnexpectedEndOfFileException>(() => MidiFileReader.Read(CutEvent));
        Assert.Equal(0, e.TrackIndex);
        Assert.Equal(28, e.ByteOffset);
    }

    [Fact]
    public void Read_NotEnoughBytesIgnore_KeepsTheCompleteEvents() =>
        Assert.Equal([new ProgramChangeEvent(0, 5)], Events(CutEvent, With(s => s with { NotEnoughBytesPolicy = NotEnoughBytesPolicy.Ignore })));

    private static readonly byte[] CutChunkHeader = Concat(Header(), Track(EndOfTrack), "MTr"u8.ToArray());

    [Fact]
    public void Read_ChunkHeaderCutAbort_ThrowsUnexpectedEndOfFile() =>
        Assert.Equal(8, Assert.Throws<UnexpectedEndOfFileException>(() => MidiFileReader.Read(CutChunkHeader)).NeededBytes);

    [Fact]
    public void Read_ChunkHeaderCutIgnore_ReadsTheChunksBefore() =>
        Assert.Single(MidiFileReader.Read(CutChunkHeader, With(s => s with { NotEnoughBytesPolicy = NotEnoughBytesPolicy.Ignore })).Chunks);

    private static readonly byte[] WrongTrackCount = Concat(Header(tracks: 3), Track(EndOfTrack));

    [Fact]
    public void Read_UnexpectedTrackChunksCountIgnore_ReadsTheTracksThere() =>
        Assert.Single(MidiFileReader.Read(WrongTrackCount).TrackChunks);

    [Fact]
    public void Read_UnexpectedTrackChunksCountAbort_ThrowsWithBothCounts()
    {
        var e = Assert.Throws<UnexpectedTrackChunksCountException>(() => MidiFileReader.Read(WrongTrackCount,
            With(s => s with { UnexpectedTrackChunksCountPolicy = UnexpectedTrackChunksCountPolicy.Abort })));
        Assert.Equal((3, 1), (e.Expected, e.Actual));
    }

    private static readonly byte[] HighDataByte = File(0x00, 0x90, 0x3C, 0xC8);

    [Fact]
    public void Read_InvalidChannelParameterAbort_Throws()
    {
        var e = Assert.Throws<InvalidChannelEventParameterValueException>(() => MidiFileReader.Read(HighDataByte));
        Assert.Equal((0xC8, 25L), (e.Value, e.ByteOffset));
    }

    [Fact]
    public void Read_InvalidChannelParameterReadValid_KeepsLowSevenBits() =>
        Assert.Equal(new NoteOnEvent(0, 0x3C, 0x48), Events(HighDataByte, With(s => s with { InvalidChannelEventParameterValuePolicy = InvalidChannelEventParameterValuePolicy.ReadValid }))[0]);

    [Fact]
    public void Read_InvalidChannelParameterSnapToLimits_Uses127() =>
        Assert.Equal(new NoteOnEvent(0, 0x3C, 127), Events(HighDataByte, With(s => s with { InvalidChannelEventParameterValuePolicy = InvalidChannelEventParameterValuePolicy.SnapToLimits }))[0]);

    private static readonly byte[] NineSharps = File(0x00, 0xFF, 0x59, 0x02, 0x09, 0x03, 0x00, 0xFF, 0x51, 0x03, 0x00, 0x00, 0x00);

    [Fact]
    public void Read_InvalidMetaParameterAbort_Throws()
    {
        var e = Assert.Throws<InvalidMetaEventParameterValueException>(() => MidiFileReader.Read(NineSharps));
        Assert.Equal(("sharps or flats", 9, 23L), (e.Parameter, e.Value, e.ByteOffset));
    }

    [Fact]
    public void Read_InvalidMetaParameterSnapToLimits_ClampsEveryValue()
    {
        var events = Events(NineSharps, With(s => s with { InvalidMetaEventParameterValuePolicy = InvalidMetaEventParameterValuePolicy.SnapToLimits }));
        Assert.Equal(new KeySignatureEvent(7, true), events[0]);
        Assert.Equal(new SetTempoEvent(1), events[1]);
    }

    private static readonly byte[] Format5 = Concat(Header(format: 5), Track(EndOfTrack));

    [Fact]
    public void Read_UnknownFileFormatAbort_Throws() =>
        Assert.Equal(5, Assert.Throws<UnknownFileFormatException>(() => MidiFileReader.Read(Format5)).Format);

    [Fact]
    public void Read_UnknownFileFormatIgnore_ReadsAsFormat1() =>
        Assert.Equal(MidiFileFormat.MultiTrack, MidiFileReader.Read(Format5, With(s => s with { UnknownFileFormatPolicy = UnknownFileFormatPolicy.Ignore })).Format);

    [Fact]
    public void Read_MetaEventOfWrongLength_IsKeptAsUnknownMetaEvent()
    {
        var meta = Assert.IsType<UnknownMetaEvent>(Events(File(0x00, 0xFF, 0x51, 0x02, 0x07, 0xA1))[0]);
        Assert.Equal((0x51, 2), (meta.MetaType, meta.Data.Length));
    }
}
