using EvoComposer.Theory.Formats.Midi.Core;

namespace EvoComposer.Theory.Formats.Midi.Interaction;

/// <summary>
/// Converts between ticks and real time for a file: with metrical time division, following the Set Tempo
/// events of all tracks (500,000 µs per quarter note until the first); with SMPTE division, ticks are real time
/// already. Immutable and thread-safe.
/// </summary>
public sealed class TempoMap
{
    private readonly long[] _ticks;        // change points, ascending, first is 0
    private readonly int[] _tempos;        // µs per quarter note from each change point
    private readonly double[] _microseconds; // elapsed µs at each change point
    private readonly int _ticksPerQuarter; // 0 for SMPTE
    private readonly double _smpteTicksPerSecond;

    private TempoMap(TimeDivision division, IEnumerable<(long Tick, int Tempo)> changes)
    {
        TimeDivision = division;
        if (division is TicksPerQuarterNoteTimeDivision t) _ticksPerQuarter = t.TicksPerQuarterNote;
        else _smpteTicksPerSecond = ((SmpteTimeDivision)division).TicksPerSecond;

        var points = new SortedDictionary<long, int> { [0] = SetTempoEvent.DefaultMicrosecondsPerQuarterNote };
        foreach (var (tick, tempo) in changes) points[tick] = tempo; // the last change at a tick wins
        _ticks = points.Keys.ToArray();
        _tempos = points.Values.ToArray();
        _microseconds = new double[_ticks.Length];
        for (int i = 1; i < _ticks.Length; i++)
            _microseconds[i] = _microseconds[i - 1] + (double)(_ticks[i] - _ticks[i - 1]) * _tempos[i - 1] / Math.Max(1, _ticksPerQuarter);
    }

    /// <summary>The tempo map of a file (Set Tempo events from every track; in format 2 each track is its own sequence, and this map merges them).</summary>
    public static TempoMap FromFile(MidiFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var changes = new List<(long, int)>();
        foreach (var track in file.TrackChunks)
        {
            long time = 0;
            foreach (var e in track.Events)
            {
                time += e.DeltaTime;
                if (e is SetTempoEvent tempo) changes.Add((time, tempo.MicrosecondsPerQuarterNote));
            }
        }
        return new TempoMap(file.TimeDivision, changes);
    }

    /// <summary>A map from explicit tempo changes (tick, µs per quarter note).</summary>
    public static TempoMap Create(TimeDivision division, IEnumerable<(long Tick, int MicrosecondsPerQuarterNote)> changes)
    {
        ArgumentNullException.ThrowIfNull(division);
        var list = (changes ?? throw new ArgumentNullException(nameof(changes))).ToList();
        if (list.Any(c => c.Tick < 0 || c.MicrosecondsPerQuarterNote <= 0)) throw new ArgumentException("Ticks must be ≥ 0 and tempos positive.", nameof(changes));
        return new TempoMap(division, list);
    }

    /// <summary>The file's time division.</summary>
    public TimeDivision TimeDivision { get; }

    /// <summary>Tempo changes (tick, µs per quarter note), the first at tick 0.</summary>
    public IReadOnlyList<(long Tick, int MicrosecondsPerQuarterNote)> Changes => _ticks.Zip(_tempos).ToArray();

    /// <summary>The tempo in force at a tick, in µs per quarter note.</summary>
    public int MicrosecondsPerQuarterNoteAt(long ticks) => _tempos[Segment(ticks)];

    /// <summary>Microseconds from the start to a tick.</summary>
    public double ToMicroseconds(long ticks)
    {
        if (ticks < 0) throw new ArgumentOutOfRangeException(nameof(ticks), ticks, "Ticks cannot be negative.");
        if (_ticksPerQuarter == 0) return ticks * 1_000_000.0 / _smpteTicksPerSecond;
        int i = Segment(ticks);
        return _microseconds[i] + (double)(ticks - _ticks[i]) * _tempos[i] / _ticksPerQuarter;
    }

    /// <summary>Seconds from the start to a tick.</summary>
    public double ToSeconds(long ticks) => ToMicroseconds(ticks) / 1_000_000.0;

    /// <summary>The tick at a time in microseconds (rounded to the nearest tick).</summary>
    public long ToTicks(double microseconds)
    {
        if (microseconds < 0 || double.IsNaN(microseconds)) throw new ArgumentOutOfRangeException(nameof(microseconds), microseconds, "Time cannot be negative.");
        if (_ticksPerQuarter == 0) return (long)Math.Round(microseconds * _smpteTicksPerSecond / 1_000_000.0);
        int i = Array.BinarySearch(_microseconds, microseconds);
        if (i < 0) i = ~i - 1;
        while (i + 1 < _ticks.Length && _microseconds[i + 1] <= microseconds) i++;
        return _ticks[i] + (long)Math.Round((microseconds - _microseconds[i]) * _ticksPerQuarter / _tempos[i]);
    }

    private int Segment(long ticks)
    {
        int i = Array.BinarySearch(_ticks, ticks);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }
}
