using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Formats.Midi.Interaction;

namespace EvoComposer.Theory.Tests.Formats.Midi.Interaction;

public class TimedEventTests
{
    [Fact]
    public void GetTimedEvents_DeltaTimes_AddUpToAbsoluteTimes()
    {
        var track = new MidiTrackChunk([new TextEvent("a") { DeltaTime = 5 }, new TextEvent("b"), new EndOfTrackEvent { DeltaTime = 7 }]);
        Assert.Equal([5L, 5L, 12L], track.GetTimedEvents().Select(e => e.Time));
        Assert.Equal(12, track.GetDuration());
    }

    [Fact]
    public void ToTrackChunk_UnsortedEvents_SortsStablyAndEndsWithEndOfTrackAtTheLatestTime()
    {
        var track = TimedEvents.ToTrackChunk([new(9, new TextEvent("late")), new(2, new EndOfTrackEvent()), new(3, new TextEvent("x")), new(3, new TextEvent("y")), new(20, new EndOfTrackEvent())]);
        Assert.Equal([new TextEvent("x") { DeltaTime = 3 }, new TextEvent("y"), new TextEvent("late") { DeltaTime = 6 }, new EndOfTrackEvent { DeltaTime = 11 }], track.Events.ToArray());
    }

    [Fact]
    public void ToTrackChunk_NegativeTime_Throws() =>
        Assert.Throws<ArgumentException>(() => TimedEvents.ToTrackChunk([new(-1, new TextEvent("x"))]));
}
