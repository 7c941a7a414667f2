using System.Collections.Immutable;
using System.Text.Unicode;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Kern;

/// <summary>
/// One pass over the lines of a Humdrum file. Keeps the spine layout (each spine knows the part it belongs to
/// and when its current event ends), the line's onset, open ties per part, and the measures; builds the
/// <see cref="Score"/> at the end. Works on the UTF-8 bytes; only names and reference records become strings.
/// Not thread-safe: one instance reads one file.
/// </summary>
internal sealed class KernParser
{
    /// <summary>Diagnostics kept at most; more are counted in one last diagnostic.</summary>
    internal const int MaxDiagnostics = 500;

    private const int NonKern = -1;
    private const int Pending = -2;
    private const int BeforeFirstBarline = int.MinValue;

    private sealed class Spine(int part, Rational busyUntil)
    {
        /// <summary>Index into <see cref="_parts"/>, or <see cref="NonKern"/>, or <see cref="Pending"/> (after *+).</summary>
        public int Part = part;
        /// <summary>When the last event started in this spine ends.</summary>
        public Rational BusyUntil = busyUntil;
        public Spine Clone() => new(Part, BusyUntil);
    }

    private sealed class PartBuilder
    {
        public readonly List<Note> Notes = [];
        /// <summary>Open ties: MIDI number and index of the note in <see cref="Notes"/>.</summary>
        public readonly List<(int Midi, int Index)> OpenTies = [];
        public string? Name;
        public string? InstrumentName;
    }

    private readonly string _source;
    private readonly List<Spine> _spines = [];
    private readonly List<PartBuilder> _parts = [];
    private readonly List<int> _partOrder = []; // part ids, left (lowest) to right
    private readonly List<KernDiagnostic> _diagnostics = [];
    private int _droppedDiagnostics;
    private readonly List<KeyValuePair<string, string>> _references = [];
    private readonly List<Timed<Meter>> _meters = [];
    private readonly List<Timed<KeySignature>> _keySignatures = [];
    private readonly List<Timed<double>> _tempos = [];
    private readonly List<Measure> _measures = [];
    private Key? _key;
    private bool _keyDeclared;
    private int _graceNotes;

    private bool _latin1;
    private bool _started;
    private bool _ended;
    private int _line;
    private Rational _now = Rational.Zero;
    private int _measureNumber = BeforeFirstBarline;
    private Rational _measureOnset = Rational.Zero;
    private int _firstBarNumber = BeforeFirstBarline;

    // Token boundaries of the current line, reused.
    private int[] _tokenStart = new int[16];
    private int[] _tokenLength = new int[16];
    private int _tokenCount;

    private KernParser(string source) => _source = source;

    /// <summary>Parses a whole file.</summary>
    public static KernReadResult Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var parser = new KernParser(source);
        try
        {
            parser.ParseLines(bytes);
            return parser.Finish();
        }
        catch (OverflowException e)
        {
            throw new KernFormatException(source, parser._line, null,
                "durations or onsets too fine to be added exactly (a rational number overflowed)", e);
        }
    }

    private KernFormatException Error(int? spine, string reason) => new(_source, _line, spine, reason);

    private void Warn(int spine, string message)
    {
        if (_diagnostics.Count < MaxDiagnostics) _diagnostics.Add(new KernDiagnostic(_line, spine, message));
        else _droppedDiagnostics++;
    }

    private void ParseLines(ReadOnlySpan<byte> bytes)
    {
        CheckEncoding(bytes);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..]; // UTF-8 byte order mark
        int pos = 0;
        while (pos < bytes.Length)
        {
            var rest = bytes[pos..];
            int nl = rest.IndexOf((byte)'\n');
            var line = nl < 0 ? rest : rest[..nl];
            pos += nl < 0 ? rest.Length : nl + 1;
            _line++;
            if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
            if (line.IsEmpty) continue;

            if (line.StartsWith("!!"u8))
            {
                if (line.StartsWith("!!!"u8) && !line.StartsWith("!!!!"u8)) ReadReference(line[3..]);
                continue;
            }
            if (_ended)
                throw Error(null, "data after all spines have ended (a second segment in one file is not supported)");
            if (!_started)
            {
                if (!line.StartsWith("**"u8))
                    throw Error(null, $"'{KernText.Show(line)}' comes before any exclusive interpretation such as **kern: this is not a Humdrum file");
                ReadExclusiveLine(line);
                continue;
            }

            Tokenize(line);
            if (_tokenCount != _spines.Count)
                throw Error(null, $"{_tokenCount} tokens on a line where {_spines.Count} spines are active");
            byte kind = line[0];
            if (kind is (byte)'*') ReadInterpretationLine(line);
            else if (kind is (byte)'=') ReadBarline(line);
            else if (kind is (byte)'!') CheckKind(line, (byte)'!', "local comment");
            else ReadDataLine(line);
        }
        if (!_started) throw new KernFormatException(_source, 0, null, "no exclusive interpretation such as **kern: this is not a Humdrum file");
        if (_parts.Count == 0) throw new KernFormatException(_source, 0, null, "no **kern spine");
    }

    /// <summary>
    /// NUL bytes are fatal (a binary file). Text that is not valid UTF-8 is read as Latin-1, the encoding of
    /// older Humdrum files (some Palestrina files have Latin-1 letters in their reference records); note
    /// tokens are ASCII either way.
    /// </summary>
    private void CheckEncoding(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            _line = bytes[..nul].Count((byte)'\n') + 1;
            throw Error(null, $"NUL byte at offset {nul}: a binary file, not Humdrum text");
        }
        if (Utf8.IsValid(bytes)) return;
        int bad = FirstInvalidUtf8(bytes);
        _line = bytes[..bad].Count((byte)'\n') + 1;
        Warn(0, $"not valid UTF-8 (first at byte offset {bad}); text read as Latin-1");
        _line = 0;
        _latin1 = true;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }

    private void Tokenize(ReadOnlySpan<byte> line)
    {
        _tokenCount = 0;
        int start = 0;
        while (true)
        {
            int tab = line[start..].IndexOf((byte)'\t');
            int length = tab < 0 ? line.Length - start : tab;
            if (_tokenCount == _tokenStart.Length)
            {
                Array.Resize(ref _tokenStart, _tokenCount * 2);
                Array.Resize(ref _tokenLength, _tokenCount * 2);
            }
            _tokenStart[_tokenCount] = start;
            _tokenLength[_tokenCount] = length;
            _tokenCount++;
            if (length == 0) throw Error(_tokenCount, "empty token (two tabs in a row, or a tab at the end of the line)");
            if (tab < 0) break;
            start += tab + 1;
        }
    }

    private ReadOnlySpan<byte> Token(ReadOnlySpan<byte> line, int i) => line.Slice(_tokenStart[i], _tokenLength[i]);

    private void CheckKind(ReadOnlySpan<byte> line, byte kind, string what)
    {
        for (int i = 1; i < _tokenCount; i++)
            if (Token(line, i)[0] != kind)
                throw Error(i + 1, $"'{KernText.Show(Token(line, i))}' on a line of {what}s (every token of a line must be of the same kind)");
    }

    // ---------------------------------------------------------------- reference records and spine layout

    private void ReadReference(ReadOnlySpan<byte> record)
    {
        int colon = record.IndexOf((byte)':');
        if (colon <= 0) return; // not a key: value record; a plain comment then
        string key = KernText.Decode(_latin1, record[..colon]);
        string value = KernText.Decode(_latin1, record[(colon + 1)..]);
        if (key.Length > 0) _references.Add(new(key, value));
    }

    private void ReadExclusiveLine(ReadOnlySpan<byte> line)
    {
        _started = true;
        Tokenize(line);
        for (int i = 0; i < _tokenCount; i++)
        {
            var t = Token(line, i);
            if (!t.StartsWith("**"u8) || t.Length == 2)
                throw Error(i + 1, $"'{KernText.Show(t)}' is not an exclusive interpretation such as **kern");
            var spine = new Spine(NonKern, Rational.Zero);
            _spines.Add(spine);
            if (t.SequenceEqual("**kern"u8)) spine.Part = NewPart(_partOrder.Count);
        }
    }

    private int NewPart(int orderPosition)
    {
        _parts.Add(new PartBuilder());
        _partOrder.Insert(orderPosition, _parts.Count - 1);
        return _parts.Count - 1;
    }

    private void ReadInterpretationLine(ReadOnlySpan<byte> line)
    {
        CheckKind(line, (byte)'*', "interpretation");
        int firstX = -1, secondX = -1, xCount = 0;
        bool manipulation = false;
        for (int i = 0; i < _tokenCount; i++)
        {
            var t = Token(line, i);
            var spine = _spines[i];
            if (t.SequenceEqual("*x"u8))
            {
                if (xCount == 0) firstX = i; else secondX = i;
                xCount++;
                continue;
            }
            if (t.SequenceEqual("*^"u8) || t.SequenceEqual("*v"u8) || t.SequenceEqual("*-"u8) || t.SequenceEqual("*+"u8))
            {
                if (spine.Part == Pending && !t.SequenceEqual("*-"u8))
                    throw Error(i + 1, $"'{KernText.Show(t)}' in a spine added by *+ before its exclusive interpretation");
                manipulation = true;
                continue;
            }
            if (t.StartsWith("**"u8))
            {
                if (spine.Part != Pending)
                    throw Error(i + 1, $"exclusive interpretation '{KernText.Show(t)}' in the middle of a spine");
                spine.Part = t.SequenceEqual("**kern"u8) ? NewPart(OrderPositionFor(i)) : NonKern;
                continue;
            }
            if (spine.Part >= 0) ReadTandem(t, i, spine.Part);
        }
        if (xCount != 0 && xCount != 2)
            throw Error(firstX + 1, $"{xCount} spines exchanged with *x; an exchange needs exactly two");
        if (xCount == 2) (_spines[firstX], _spines[secondX]) = (_spines[secondX], _spines[firstX]);
        if (manipulation) ManipulateSpines(line);
    }

    /// <summary>Where a part added by *+ at spine <paramref name="spine"/> goes: after the nearest kern spine to its left.</summary>
    private int OrderPositionFor(int spine)
    {
        for (int i = spine - 1; i >= 0; i--)
            if (_spines[i].Part >= 0) return _partOrder.IndexOf(_spines[i].Part) + 1;
        return 0;
    }

    private void ManipulateSpines(ReadOnlySpan<byte> line)
    {
        var next = new List<Spine>(_spines.Count + 2);
        for (int i = 0; i < _tokenCount;)
        {
            var t = Token(line, i);
            var spine = _spines[i];
            if (t.SequenceEqual("*^"u8))
            {
                next.Add(spine);
                next.Add(spine.Clone());
                i++;
            }
            else if (t.SequenceEqual("*v"u8))
            {
                int j = i + 1;
                while (j < _tokenCount && Token(line, j).SequenceEqual("*v"u8)) j++;
                if (j - i < 2) throw Error(i + 1, "a lone *v: joining needs at least two adjacent spines marked *v");
                var merged = spine.Clone();
                for (int k = i + 1; k < j; k++)
                {
                    var other = _spines[k];
                    if ((other.Part >= 0) != (spine.Part >= 0))
                        throw Error(k + 1, "*v joins a **kern spine with a spine of another kind");
                    if (other.Part != spine.Part)
                        Warn(k + 1, "*v joins spines of different parts; what follows belongs to the part of the leftmost");
                    merged.BusyUntil = Rational.Max(merged.BusyUntil, other.BusyUntil);
                }
                next.Add(merged);
                i = j;
            }
            else if (t.SequenceEqual("*-"u8))
            {
                i++;
            }
            else if (t.SequenceEqual("*+"u8))
            {
                next.Add(spine);
                next.Add(new Spine(Pending, _now));
                i++;
            }
            else
            {
                next.Add(spine);
                i++;
            }
        }
        _spines.Clear();
        _spines.AddRange(next);
        if (_spines.Count == 0) _ended = true;
    }

    // ---------------------------------------------------------------- tandem interpretations

    private void ReadTandem(ReadOnlySpan<byte> t, int index, int part)
    {
        var body = t[1..];
        if (body.IsEmpty) return; // null interpretation
        if (body.StartsWith("k["u8))
        {
            int close = body.IndexOf((byte)']');
            if (close < 0) throw Error(index + 1, $"'{KernText.Show(t)}' has no closing ']'");
            if (!KernInterpretations.TryKeySignature(body[2..close], out int fifths, out bool standard, out string? error))
                throw Error(index + 1, $"'{KernText.Show(t)}': {error}");
            if (!standard) Warn(index + 1, $"'{KernText.Show(t)}' is not a standard key signature; read as {new KeySignature(fifths)}");
            SetAt(_keySignatures, new KeySignature(fifths));
        }
        else if (body.StartsWith("MM"u8))
        {
            if (KernInterpretations.TryTempo(body[2..], out double bpm)) SetAt(_tempos, bpm);
            else if (!body[2..].StartsWith("["u8)) Warn(index + 1, $"tempo '{KernText.Show(t)}' not understood; ignored");
        }
        else if (body[0] == (byte)'M' && body.Length > 1 && body[1] is >= (byte)'0' and <= (byte)'9')
        {
            if (KernInterpretations.TryMeter(body[1..], out var meter)) SetAt(_meters, meter);
            else Warn(index + 1, $"meter '{KernText.Show(t)}' not understood; ignored");
        }
        else if (body.StartsWith("I\""u8))
        {
            _parts[part].Name ??= KernText.Decode(_latin1, body[2..]) is { Length: > 0 } name ? name : null;
        }
        else if (body[0] == (byte)'I' && body.Length > 1 && body[1] is >= (byte)'a' and <= (byte)'z')
        {
            _parts[part].InstrumentName ??= KernInterpretations.InstrumentName(KernText.Decode(_latin1, body[1..]));
        }
        else if (KernInterpretations.TryKey(body, out var key))
        {
            if (!_keyDeclared)
            {
                _keyDeclared = true;
                _key = key;
            }
        }
        // Everything else (clefs, expansion lists, mensuration, staff and layout interpretations, …) is ignored.
    }

    /// <summary>Records a value at the current onset: replaces one at the same onset, skips a repetition of the value in force.</summary>
    private void SetAt<T>(List<Timed<T>> list, T value)
    {
        if (list.Count > 0)
        {
            var last = list[^1];
            if (last.Onset == _now)
            {
                list[^1] = new Timed<T>(_now, value);
                if (list.Count > 1 && EqualityComparer<T>.Default.Equals(list[^2].Value, value)) list.RemoveAt(list.Count - 1);
                return;
            }
            if (EqualityComparer<T>.Default.Equals(last.Value, value)) return;
        }
        list.Add(new Timed<T>(_now, value));
    }

    // ---------------------------------------------------------------- barlines

    private void ReadBarline(ReadOnlySpan<byte> line)
    {
        CheckKind(line, (byte)'=', "barline");
        for (int i = 0; i < _tokenCount; i++)
        {
            var spine = _spines[i];
            if (spine.Part == Pending) throw Error(i + 1, "barline in a spine added by *+ before its exclusive interpretation");
            if (spine.Part < 0) continue;
            var t = Token(line, i)[1..];
            int digits = KernText.DigitRun(t);
            if (digits == 0) continue;
            if (!KernText.TryInt(t[..digits], out int number)) throw Error(i + 1, "measure number too large");
            StartMeasure(number);
            return;
        }
        // Barlines without a number (repeat signs, double and final barlines, mid-measure barlines) start no measure.
    }

    private void StartMeasure(int number)
    {
        if (_firstBarNumber == BeforeFirstBarline) _firstBarNumber = number;
        CloseMeasure(_now);
        _measureNumber = number;
        _measureOnset = _now;
    }

    private void CloseMeasure(Rational end)
    {
        if (end <= _measureOnset) return;
        int number = _measureNumber == BeforeFirstBarline ? PickupNumber : _measureNumber;
        _measures.Add(new Measure(number, _measureOnset, end - _measureOnset));
    }

    /// <summary>The number of what comes before the first numbered barline: 0 before "=1" (a pickup), one less in general.</summary>
    private int PickupNumber => _firstBarNumber == BeforeFirstBarline ? 0 : Math.Max(0, _firstBarNumber - 1);

    // ---------------------------------------------------------------- data

    private void ReadDataLine(ReadOnlySpan<byte> line)
    {
        bool zeroLength = false;
        for (int i = 0; i < _tokenCount; i++)
        {
            var t = Token(line, i);
            if (t[0] is (byte)'*' or (byte)'=' or (byte)'!')
                throw Error(i + 1, $"'{KernText.Show(t)}' on a data line (every token of a line must be of the same kind)");
            var spine = _spines[i];
            if (spine.Part == Pending) throw Error(i + 1, "data in a spine added by *+ before its exclusive interpretation");
            if (spine.Part < 0) continue;
            if (t.Length == 1 && t[0] == (byte)'.') continue;
            if (!ReadEvent(t, i, spine)) zeroLength = true;
        }
        // The next line starts when the first sounding event ends; a line of grace notes takes no time.
        if (zeroLength) return;
        Rational next = _now;
        bool found = false;
        foreach (var spine in _spines)
        {
            if (spine.Part < 0 || spine.BusyUntil <= _now) continue;
            if (!found || spine.BusyUntil < next) next = spine.BusyUntil;
            found = true;
        }
        _now = next;
    }

    /// <summary>Reads one token (a note, rest or chord); false when it takes no time (grace notes only).</summary>
    private bool ReadEvent(ReadOnlySpan<byte> token, int index, Spine spine)
    {
        var part = _parts[spine.Part];
        Rational? length = null;
        bool any = false;
        if (spine.BusyUntil > _now)
            Warn(index + 1, $"event starts at {_now} before the previous one in this spine ends at {spine.BusyUntil}");
        while (!token.IsEmpty)
        {
            int space = token.IndexOf((byte)' ');
            var member = space < 0 ? token : token[..space];
            token = space < 0 ? default : token[(space + 1)..];
            if (member.IsEmpty) continue;
            any = true;
            if (!KernNoteToken.TryParse(member, out var note, out string? error)) throw Error(index + 1, error!);
            if (note.IsGrace)
            {
                _graceNotes++;
                continue;
            }
            length ??= note.Duration;
            if (!note.IsRest) AddNote(part, note, index);
        }
        if (!any) throw Error(index + 1, "token of spaces only");
        if (length is not { } l) return false;
        spine.BusyUntil = _now + l;
        return true;
    }

    private void AddNote(PartBuilder part, in KernNoteToken note, int index)
    {
        int midi = note.Pitch.Midi;
        int open = -1;
        for (int k = 0; k < part.OpenTies.Count; k++)
            if (part.OpenTies[k].Midi == midi) { open = k; break; }
        int measure = _measureNumber;

        if (note.Tie is KernTie.Continue or KernTie.End && open >= 0)
        {
            int at = part.OpenTies[open].Index;
            var first = part.Notes[at];
            var end = _now + note.Duration;
            if (first.End != _now) Warn(index + 1, $"tied note at {_now} does not follow the note it is tied to (which ends at {first.End})");
            part.Notes[at] = first with { Duration = end - first.Onset, TieMerged = true, Fermata = first.Fermata || note.Fermata };
            if (note.Tie == KernTie.End) part.OpenTies.RemoveAt(open);
            return;
        }
        if (note.Tie is KernTie.Continue or KernTie.End)
            Warn(index + 1, $"tie {(note.Tie == KernTie.End ? "end" : "continuation")} on {note.Pitch} without a tie start; read as a new note");
        if (open >= 0)
        {
            Warn(index + 1, $"{note.Pitch} starts again while a tie on it is open; the tie is closed");
            part.OpenTies.RemoveAt(open);
        }
        part.Notes.Add(new Note(note.Pitch, _now, note.Duration, measure, note.Fermata));
        if (note.Tie is KernTie.Start or KernTie.Continue) part.OpenTies.Add((midi, part.Notes.Count - 1));
    }

    // ---------------------------------------------------------------- the score

    private KernReadResult Finish()
    {
        _line++;
        Rational end = _now;
        foreach (var spine in _spines)
            if (spine.Part >= 0 && spine.BusyUntil > end) end = spine.BusyUntil;
        CloseMeasure(end);
        foreach (var part in _parts)
            foreach (var (midi, index) in part.OpenTies)
                Warn(0, $"tie on {part.Notes[index].Pitch} at {part.Notes[index].Onset} never ends; the note keeps its written length");
        if (_droppedDiagnostics > 0) _diagnostics.Add(new KernDiagnostic(_line, 0, $"{_droppedDiagnostics} more diagnostics not shown"));

        int pickup = PickupNumber;
        var names = PartNames();
        var parts = new Part[_partOrder.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            var builder = _parts[_partOrder[_partOrder.Count - 1 - i]]; // highest (rightmost) first
            var notes = builder.Notes;
            for (int n = 0; n < notes.Count; n++)
                if (notes[n].Measure == BeforeFirstBarline) notes[n] = notes[n] with { Measure = pickup };
            parts[i] = new Part(names[i], notes);
        }

        var metadata = BuildMetadata();
        var score = new Score(parts, _meters, _keySignatures, _key, _measures, _tempos, metadata);
        return new KernReadResult(score, [.. _diagnostics], _graceNotes);
    }

    /// <summary>Names highest first: the instrument name, else the instrument code's name, else a default; duplicates numbered.</summary>
    private string[] PartNames()
    {
        int count = _partOrder.Count;
        var names = new string?[count];
        bool anyNamed = false;
        for (int i = 0; i < count; i++)
        {
            var builder = _parts[_partOrder[count - 1 - i]];
            names[i] = builder.Name ?? builder.InstrumentName;
            anyNamed |= names[i] is not null;
        }
        string[] defaults = !anyNamed && count == 4 ? ["Soprano", "Alto", "Tenor", "Bass"] : [];
        var result = new string[count];
        for (int i = 0; i < count; i++) result[i] = names[i] ?? (defaults.Length > 0 ? defaults[i] : $"Voice {i + 1}");
        var groups = result.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < count; i++)
        {
            if (!groups.Contains(result[i])) continue;
            seen[result[i]] = seen.GetValueOrDefault(result[i]) + 1;
            result[i] = $"{result[i]} {seen[result[i]]}";
        }
        return result;
    }

    private ScoreMetadata BuildMetadata()
    {
        string? title = null, composer = null, catalogue = null, licence = null;
        int titleAt = -1, titleRank = int.MaxValue, licenceAt = -1, licenceRank = int.MaxValue;
        for (int i = 0; i < _references.Count; i++)
        {
            var (key, value) = (_references[i].Key, _references[i].Value);
            // The title: OTL, else the original-language OTL@@xx, else a translation OTL@xx.
            int rank = key == "OTL" ? 0 : key.StartsWith("OTL@@", StringComparison.Ordinal) ? 1 : key.StartsWith("OTL@", StringComparison.Ordinal) ? 2 : -1;
            if (rank >= 0 && rank < titleRank) { title = value; titleAt = i; titleRank = rank; }
            // The licence: the copyright message YEM, else the copyright statement YEC.
            rank = key == "YEM" ? 0 : key == "YEC" ? 1 : -1;
            if (rank >= 0 && rank < licenceRank) { licence = value; licenceAt = i; licenceRank = rank; }
        }
        var others = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        bool composerTaken = false, catalogueTaken = false;
        for (int i = 0; i < _references.Count; i++)
        {
            var (key, value) = (_references[i].Key, _references[i].Value);
            if (i == titleAt || i == licenceAt) continue;
            if (key == "COM" && !composerTaken) { composer = value; composerTaken = true; continue; }
            if (key == "SCT" && !catalogueTaken) { catalogue = value; catalogueTaken = true; continue; }
            others.Add(_references[i]);
        }
        return new ScoreMetadata
        {
            Title = title,
            Composer = composer,
            CatalogueNumber = catalogue,
            Licence = licence,
            SourceFile = _source,
            References = others.ToImmutable(),
        };
    }
}
