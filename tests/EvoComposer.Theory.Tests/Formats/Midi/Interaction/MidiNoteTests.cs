using EvoComposer.Theory.Formats.Midi.Interaction;

namespace EvoComposer.Theory.Tests.Formats.Midi.Interaction;

public class MidiNoteTests
{
    [Fact]
    public void EndTick_IsStartPlusLength() => Assert.Equal(130, new MidiNote(0, 60, 80, 0, 100, 30).EndTick);
}
