using System.Globalization;
using EvoComposer.Theory.Formats.Midi.Core;
using EvoComposer.Theory.Formats.Midi.Interaction;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Midi;

/// <summary>
/// Writes <see cref="Score"/>s as Standard MIDI Files of format 1:
/// <list type="bullet">
/// <item>Ticks per quarter note are chosen so that every onset and duration is a whole number of ticks: the least
/// common multiple of their denominators (and of those of the meter, key and tempo changes), raised to the
/// smallest multiple that is at least 480. When that exceeds 32,767 (the header's limit) an
/// <see cref="ArgumentException"/> names the first note (or change) that cannot be represented.</item>
/// <item>Track 0, the conductor track: the title as track name, the licence as copyright notice, Set Tempo events
/// (100 quarter notes per minute when the score has none, as <see cref="Score.Tempos"/> assumes), time
/// signatures and key signatures at their onsets (the minor flag set where the signature is that of the
/// score's declared minor key).</item>
/// <item>One track per part, named after it, on its own channel in part order (0, 1, … skipping 9, the General
/// MIDI percussion channel; past 15 parts the channels repeat, which is harmless since each part has its own
/// track), Note On velocity 80, Note Off velocity 0.</item>
/// </list>
/// Two notes of one part with the same pitch that overlap cannot be told apart in MIDI; reading them back pairs
/// them first in, first out. Thread-safe (stateless).
/// </summary>
public static class MidiScoreWriter
{
    /// <summary>Velocity of every Note On.</summary>
    public const int Velocity = 80;

    /// <summary>The smallest ticks per quarter note chosen.</summary>
    public const int MinimumTicksPerQuarterNote = 480;

    /// <summary>Writes a score to bytes.</summary>
    /// <exception cref="ArgumentException">A time value that no ticks per quarter note up to 32,767 can represent, or a negative onset.</exception>
    public static byte[] Write(Score score, MidiWritingSettings? settings = null) => MidiFileWriter.Write(ToMidiFile(score), settings);

    /// <summary>Writes a score to a file.</summary>
    /// <exception cref="ArgumentException">As <see cref="Write(Score, MidiWritingSettings?)"/>.</exception>
    public static void Write(Score score, string path, MidiWritingSettings? settings = null) => File.WriteAllBytes(path, Write(score, settings));

    /// <summary>The score as a byte-level MIDI file.</summary>
    /// <exception cref="ArgumentException">As <see cref="Write(Score, MidiWritingSettings?)"/>.</exception>
    public static MidiFile ToMidiFile(Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var division = new TicksPerQuarterNoteTimeDivision(ChooseTicksPerQuarterNote(score));
        var tracks = new List<MidiChunk> { ConductorTrack(score, division) };
        int channelIndex = 0;
        foreach (var part in score.Parts)
        {
            int channel = channelIndex % 15;
            if (channel >= 9) channel++;
            channelIndex++;
            var notes = part.Notes.Select(n => new MidiNote(channel, n.Pitch.Midi, Velocity, 0, division.ToTicks(n.Onset), division.ToTicks(n.Duration)));
            tracks.Add(MidiNotes.ToTrackChunk(notes, [new TimedEvent(0, new SequenceTrackNameEvent(part.Name))]));
        }
        return new MidiFile(MidiFileFormat.MultiTrack, division, tracks);
    }

    private static MidiTrackChunk ConductorTrack(Score score, TicksPerQuarterNoteTimeDivision division)
    {
        var events = new List<TimedEvent>();
        if (score.Metadata.Title is { } title) events.Add(new TimedEvent(0, new SequenceTrackNameEvent(title)));
        if (score.Metadata.Licence is { } licence) events.Add(new TimedEvent(0, new CopyrightNoticeEvent(licence)));
        var tempos = score.Tempos.IsEmpty ? [new Timed<double>(Rational.Zero, 100)] : score.Tempos.ToArray();
        foreach (var t in tempos)
        {
            if (!(t.Value > 0)) throw new ArgumentException($"Tempo {t.Value} at {t.Onset} is not positive.", nameof(score));
            int us = (int)Math.Clamp(Math.Round(60_000_000.0 / t.Value), 1, 0xFFFFFF);
            events.Add(new TimedEvent(division.ToTicks(t.Onset), new SetTempoEvent(us)));
        }
        foreach (var m in score.Meters)
        {
            var meter = m.Value;
            int clocks = Math.Clamp(96 / meter.Denominator * (meter.IsCompound ? 3 : 1), 1, 255);
            events.Add(new TimedEvent(division.ToTicks(m.Onset), new TimeSignatureEvent(meter.Numerator, meter.Denominator, clocks)));
        }
        foreach (var k in score.KeySignatures)
        {
            bool minor = score.Key is { Mode: Mode.Minor } key && key.Fifths == k.Value.Fifths;
            events.Add(new TimedEvent(division.ToTicks(k.Onset), new KeySignatureEvent(k.Value.Fifths, minor)));
        }
        return TimedEvents.ToTrackChunk(events.OrderBy(e => e.Time));
    }

    /// <summary>The ticks per quarter note that make every time value of the score whole.</summary>
    /// <exception cref="ArgumentException">No value up to 32,767 does; the message names the first culprit.</exception>
    internal static int ChooseTicksPerQuarterNote(Score score)
    {
        long lcm = 1;
        void Add(Rational value, Func<string> what)
        {
            if (value < Rational.Zero) throw new ArgumentException($"{what()} has a negative time {value}.", nameof(score));
            long d = value.Denominator;
            long next = d > TicksPerQuarterNoteTimeDivision.MaxTicksPerQuarterNote ? long.MaxValue : lcm / Gcd(lcm, d) * d;
            if (next > TicksPerQuarterNoteTimeDivision.MaxTicksPerQuarterNote)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{what()} cannot be written to MIDI: its time {value} needs more than {TicksPerQuarterNoteTimeDivision.MaxTicksPerQuarterNote} ticks per quarter note together with the score's other values (least common multiple of denominators so far: {lcm})."), nameof(score));
            lcm = next;
        }
        foreach (var part in score.Parts)
            foreach (var n in part.Notes)
            {
                Add(n.Onset, () => $"Note {n.Pitch} at {n.Onset} (duration {n.Duration}) in part '{part.Name}'");
                Add(n.Duration, () => $"Note {n.Pitch} at {n.Onset} (duration {n.Duration}) in part '{part.Name}'");
            }
        foreach (var m in score.Meters) Add(m.Onset, () => $"Meter {m.Value} at {m.Onset}");
        foreach (var k in score.KeySignatures) Add(k.Onset, () => $"Key signature {k.Value} at {k.Onset}");
        foreach (var t in score.Tempos) Add(t.Onset, () => $"Tempo {t.Value} at {t.Onset}");
        return (int)(lcm * ((MinimumTicksPerQuarterNote + lcm - 1) / lcm)); // the smallest multiple of lcm that is at least 480 (lcm itself when lcm ≥ 480)
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
