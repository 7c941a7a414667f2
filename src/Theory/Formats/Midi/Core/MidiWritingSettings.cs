using System.Text;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>How <see cref="MidiFileWriter"/> writes. Immutable and thread-safe.</summary>
public sealed record MidiWritingSettings
{
    /// <summary>The default settings.</summary>
    public static readonly MidiWritingSettings Default = new();

    /// <summary>
    /// Omit a channel event's status byte when it repeats the previous one (running status). Default: true.
    /// Running status is restarted after every meta and SysEx event, as the standard requires.
    /// </summary>
    public bool UseRunningStatus { get; init; } = true;

    /// <summary>
    /// Write Note Off events as Note On with velocity 0 (so that running status also covers them). Default: false,
    /// so that events round-trip exactly.
    /// </summary>
    public bool NoteOffAsSilentNoteOn { get; init; }

    /// <summary>The encoding of text meta events. Default: Latin-1, as <see cref="MidiReadingSettings.TextEncoding"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Encoding TextEncoding
    {
        get => _textEncoding;
        init => _textEncoding = value ?? throw new ArgumentNullException(nameof(TextEncoding));
    }

    private readonly Encoding _textEncoding = Encoding.Latin1;
}
