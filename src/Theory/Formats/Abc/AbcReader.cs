using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.Abc;

/// <summary>One tune of an ABC file: its <c>X:</c> number, title and line, and the score or the reason it failed.</summary>
/// <param name="Number">The reference number from <c>X:</c>.</param>
/// <param name="Title">The first <c>T:</c> title, if any.</param>
/// <param name="Line">The line of the <c>X:</c> field (1-based).</param>
/// <param name="Score">The tune, or null when it could not be read.</param>
/// <param name="Error">Why the tune could not be read, or null.</param>
public sealed record AbcTune(int Number, string? Title, int Line, Score? Score, ScoreFormatException? Error);

/// <summary>
/// Reads ABC notation (2.1, the subset that folk-song collections such as the Essen corpus use) into a
/// <see cref="Score"/> with one part, "Melody".
/// </summary>
/// <remarks>
/// <para>Understood: the header fields <c>X: T: C: M: L: K:</c> (every field is also kept in
/// <see cref="ScoreMetadata.References"/>, e.g. <c>O:</c>, the origin, for style classes); keys with modes
/// (<c>K:Dm</c>, <c>K:Ador</c>, <c>K:G mixolydian</c>, and the German <c>H</c> and <c>Es</c>); notes with
/// octaves (<c>C, C c c'</c>), accidentals (<c>^ ^^ _ __ =</c>, carried to the end of the bar for the same
/// note), lengths (<c>A2 A/2 A3/2 A/ A//</c>), rests (<c>z x</c>, and <c>Z</c> for whole bars), bar lines
/// (repeats are not expanded: a repeated section is read once, endings in order), ties (<c>-</c>, merged into one
/// note), broken rhythm (<c>&gt; &lt; &gt;&gt;</c>), tuplets (<c>(3abc</c>, <c>(p:q:r</c>), chords (<c>[CEG]</c>),
/// and field changes inside the tune (<c>M: K: L:</c> lines and inline <c>[K:..]</c>).</para>
/// <para>Tunes with several voices (<c>V:</c>) are reported as not supported. Fermatas (<c>!fermata!</c>, <c>H</c>) are kept. Ignored: other decorations (<c>!trill! .~LMOPSTuv</c>), grace notes (<c>{..}</c>), chord symbols and
/// annotations (<c>".."</c>), lyrics (<c>w:</c>), comments (<c>%</c>) and line continuations.</para>
/// <para>A first bar shorter than the meter's measure is a pickup, measure 0, as in the kern chorales.
/// <see cref="IScoreReader.Read"/> reads the first tune of a file; <see cref="ReadAll(ReadOnlyMemory{byte}, string)"/>
/// reads them all and reports the ones that fail.</para>
/// </remarks>
public sealed partial class AbcReader : IScoreReader
{
    /// <inheritdoc/>
    public string FormatName => "abc";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".abc"];

    /// <inheritdoc/>
    public Score Read(ReadOnlyMemory<byte> bytes, string sourceName)
    {
        var tunes = Split(Decode(bytes), sourceName, firstOnly: true);
        if (tunes.Count == 0) throw new ScoreFormatException(sourceName, null, "no tune found (no X: field and no notes)");
        var first = tunes[0];
        return first.Score ?? throw first.Error!;
    }

    /// <summary>Reads every tune of an ABC file; tunes that fail carry their reason instead of a score.</summary>
    public static IReadOnlyList<AbcTune> ReadAll(ReadOnlyMemory<byte> bytes, string sourceName) => Split(Decode(bytes), sourceName, firstOnly: false);

    /// <summary>Reads every tune of an ABC file on disk.</summary>
    /// <exception cref="ScoreFormatException">The file cannot be read at all (missing, too large).</exception>
    public static IReadOnlyList<AbcTune> ReadAll(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new ScoreFormatException(path, null, "file not found");
            if (info.Length > ScoreFiles.MaxFileBytes) throw new ScoreFormatException(path, null, $"file is {info.Length} bytes, more than the {ScoreFiles.MaxFileBytes} a score may have");
            return ReadAll(File.ReadAllBytes(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScoreFormatException(path, null, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>UTF-8, or Latin-1 when the bytes are not valid UTF-8 (older collections).</summary>
    private static string Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Span).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes.Span);
        }
    }

    /// <summary>Splits the text into tunes (each from an X: line to a blank line or the next X:) and reads them.</summary>
    private static List<AbcTune> Split(string text, string source, bool firstOnly)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var tunes = new List<AbcTune>();
        int i = 0;
        bool anyX = lines.Any(l => l.StartsWith("X:", StringComparison.Ordinal));
        while (i < lines.Length)
        {
            if (anyX && !lines[i].StartsWith("X:", StringComparison.Ordinal)) { i++; continue; }
            int start = i++;
            while (i < lines.Length && !lines[i].StartsWith("X:", StringComparison.Ordinal) && lines[i].Trim().Length > 0) i++;
            var tuneLines = lines[start..i];
            if (!anyX && tuneLines.All(l => l.Trim().Length == 0)) continue;
            tunes.Add(new TuneParser(source, tuneLines, start + 1).Parse());
            if (firstOnly) break;
        }
        return tunes;
    }

    [GeneratedRegex(@"(\d+)\s*/\s*(\d+)")]
    private static partial Regex Fraction();

    /// <summary>A note or chord as read, before times are laid out.</summary>
    private sealed class Element
    {
        public List<Pitch> Pitches = [];
        public Rational Length;
        public bool Tie;
        public bool Rest;
        public bool Fermata;
        public bool Bar;
        public Meter? Meter;
        public KeySignature? KeySignature;
        public int Line;
    }

    private sealed class TuneParser(string source, string[] lines, int firstLine)
    {
        private readonly List<Element> _elements = [];
        private readonly List<KeyValuePair<string, string>> _fields = [];
        private readonly HashSet<string> _voices = [];
        private int _number;
        private string? _title;
        private Meter? _meter;
        private bool _freeMeter;
        private Meter? _currentMeter;
        private Rational _unit = new(1, 2); // 1/8 in quarter notes until L: says otherwise
        private bool _unitGiven;
        private KeySignature _signature;
        private KeySignature _headerSignature;
        private Key? _key;
        private readonly Dictionary<(Step, int), int> _barAccidentals = [];
        private Rational _brokenNext = 1;
        private bool _fermataNext;
        private int _tupletLeft;
        private Rational _tupletFactor = 1;
        private int _line;

        public AbcTune Parse()
        {
            try
            {
                var score = Build(); // first: it reads the number and the title
                return new AbcTune(_number, _title, firstLine, score, null);
            }
            catch (ScoreFormatException e)
            {
                return new AbcTune(_number, _title, firstLine, null, e);
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                return new AbcTune(_number, _title, firstLine, null, Error($"value out of range: {e.Message}"));
            }
        }

        private string Where => $"tune X:{_number.ToString(CultureInfo.InvariantCulture)}, line {_line.ToString(CultureInfo.InvariantCulture)}";

        private ScoreFormatException Error(string reason) => new(source, Where, reason);

        private Score Build()
        {
            bool inBody = false;
            for (int li = 0; li < lines.Length; li++)
            {
                _line = firstLine + li;
                string line = StripComment(lines[li]);
                if (line.Trim().Length == 0) continue;
                if (line.Length >= 2 && line[1] == ':' && char.IsAsciiLetter(line[0]))
                {
                    bool wasKey = Field(line[0], line[2..].Trim(), inBody);
                    if (wasKey) inBody = true;
                    continue;
                }
                if (!inBody) throw Error("music before the K: field that ends the header");
                Body(line);
                ImplicitBarAtLineEnd();
            }
            if (!inBody) throw Error("no K: field (the header must end with one)");
            return Layout();
        }

        private static string StripComment(string line)
        {
            int p = line.IndexOf('%');
            return p < 0 ? line : line[..p];
        }

        /// <summary>Handles a field; returns true for K: (which ends the header).</summary>
        private bool Field(char name, string value, bool inBody)
        {
            _fields.Add(new(name.ToString(), value));
            switch (name)
            {
                case 'X':
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _number)) _number = 0;
                    break;
                case 'T':
                    _title ??= value;
                    break;
                case 'M':
                    SetMeter(value, inBody);
                    break;
                case 'L':
                    var m = Fraction().Match(value);
                    if (!m.Success || !long.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out long n) ||
                        !long.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out long d) || n < 1 || d < 1 || n > 64 || d > 1024)
                        throw Error($"L: '{value}' is not a note length such as 1/8");
                    _unit = new Rational(4 * n, d);
                    _unitGiven = true;
                    break;
                case 'K':
                    SetKey(value, inBody);
                    return true;
                case 'V':
                    string voice = value.Split(' ', 2)[0];
                    if (_voices.Add(voice) && _voices.Count > 1)
                        throw Error($"a second voice (V:{voice}): tunes with several voices are not supported; a tune is one melody");
                    break;
            }
            return false;
        }

        private void SetMeter(string value, bool inBody)
        {
            string v = value.Trim();
            Meter? meter = null;
            bool free = v.StartsWith("FREI", StringComparison.OrdinalIgnoreCase); // Essen: "free", with a nominal meter
            if (v is "C") meter = new Meter(4, 4);
            else if (v is "C|") meter = new Meter(2, 2);
            else if (v.Equals("none", StringComparison.OrdinalIgnoreCase) || v.Length == 0) free = true;
            else
            {
                var m = Fraction().Match(v);
                if (!m.Success || !Meter.TryParse($"{m.Groups[1].Value}/{m.Groups[2].Value}", out var parsed))
                    throw Error($"M: '{value}' is not a meter such as 3/4, C or none");
                meter = parsed;
            }
            _freeMeter = free; // "FREI4/4" keeps its nominal meter, but its bars need not fill it
            _currentMeter = meter;
            if (meter is { } mt)
            {
                _meter ??= mt;
                if (inBody) _elements.Add(new Element { Meter = mt, Line = _line });
                else _meter = mt;
                // ABC's default unit: 1/16 below a meter of 3/4, 1/8 otherwise.
                if (!_unitGiven && !inBody) _unit = mt.MeasureLength < 3 ? new Rational(1, 4) : new Rational(1, 2);
            }
        }

        private void SetKey(string value, bool inBody)
        {
            var (signature, key) = ParseKey(value) ?? throw Error($"K: '{value}' is not a key such as G, Dm, Ador or F# minor");
            if (inBody) _elements.Add(new Element { KeySignature = signature, Line = _line });
            else
            {
                _key = key;
                _headerSignature = signature;
            }
            _signature = signature;
        }

        private static readonly (string Name, int Offset, Mode? Mode)[] Modes =
        [
            ("major", 0, Mode.Major), ("maj", 0, Mode.Major), ("ionian", 0, Mode.Major), ("ion", 0, Mode.Major),
            ("minor", -3, Mode.Minor), ("min", -3, Mode.Minor), ("m", -3, Mode.Minor), ("aeolian", -3, Mode.Minor), ("aeo", -3, Mode.Minor),
            ("mixolydian", -1, null), ("mix", -1, null), ("dorian", -2, null), ("dor", -2, null), ("phrygian", -4, null), ("phr", -4, null),
            ("lydian", 1, null), ("lyd", 1, null), ("locrian", -5, null), ("loc", -5, null),
        ];

        /// <summary>Parses a K: value: the tonic, its accidental, and a mode (major when absent).</summary>
        internal static (KeySignature, Key?)? ParseKey(string value)
        {
            string v = value.Trim();
            if (v.Length == 0 || v.Equals("none", StringComparison.OrdinalIgnoreCase)) return (new KeySignature(0), null);
            if (v.StartsWith("HP", StringComparison.Ordinal)) return (new KeySignature(2), null); // highland pipes
            int i = 1;
            Step step;
            char c = char.ToUpperInvariant(v[0]);
            if (c == 'H') step = Step.B; // German B natural
            else if (!Steps.TryParse(c, out step) || !char.IsAsciiLetter(v[0])) return null;
            int alter = 0;
            if (i < v.Length && v[i] == '#') { alter = 1; i++; }
            else if (i < v.Length && v[i] == 'b') { alter = -1; i++; }
            else if (i < v.Length && v[i] == 's' && (step is Step.E or Step.A)) { alter = -1; i++; } // German Es, As
            else if (i + 1 < v.Length && v.Substring(i, 2) == "is") { alter = 1; i += 2; } // German Fis, Cis
            string rest = v[i..].Trim();
            string modeWord = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? "";
            var mode = modeWord.Length == 0 ? Modes[0] : Modes.FirstOrDefault(x => modeWord.StartsWith(x.Name, StringComparison.Ordinal) && (x.Name.Length >= 3 || modeWord == x.Name));
            if (mode.Name is null)
            {
                // Anything else after the tonic (clef=, exp, explicit accidentals) is ignored: major.
                if (!(modeWord.Contains('=') || modeWord.StartsWith('^') || modeWord.StartsWith('_') || modeWord == "exp")) return null;
                mode = Modes[0];
            }
            int tonicFifths = new Key(step, alter, Mode.Major).Fifths;
            int fifths = tonicFifths + mode.Offset;
            if (fifths < -7 || fifths > 7) return null;
            Key? key = mode.Mode is { } m ? new Key(step, alter, m) : null;
            return (new KeySignature(fifths), key);
        }

        private void Body(string line)
        {
            int i = 0;
            while (i < line.Length)
            {
                char c = line[i];
                switch (c)
                {
                    case ' ' or '\t' or '\\' or '`':
                        i++;
                        break;
                    case '|' or ':':
                        i = BarLine(line, i);
                        break;
                    case '[' when i + 1 < line.Length && (line[i + 1] == '|'):
                        i = BarLine(line, i);
                        break;
                    case '[' when i + 2 < line.Length && char.IsAsciiLetter(line[i + 1]) && line[i + 2] == ':':
                    {
                        int close = line.IndexOf(']', i);
                        if (close < 0) throw Error($"inline field '{line[i..]}' has no closing ]");
                        Field(line[i + 1], line[(i + 3)..close].Trim(), inBody: true);
                        i = close + 1;
                        break;
                    }
                    case '[' when i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]):
                        i += 2; // an ending after a bar line written apart ("| [2")
                        break;
                    case '[':
                        i = Chord(line, i);
                        break;
                    case '"':
                    {
                        int close = line.IndexOf('"', i + 1);
                        if (close < 0) throw Error("chord symbol or annotation without its closing \"");
                        i = close + 1;
                        break;
                    }
                    case '!' or '+':
                    {
                        int close = line.IndexOf(c, i + 1);
                        if (close < 0) throw Error($"decoration without its closing {c}");
                        if (line.AsSpan(i + 1, close - i - 1) is "fermata" or "invertedfermata") _fermataNext = true;
                        i = close + 1;
                        break;
                    }
                    case 'H':
                        _fermataNext = true; // the fermata shorthand
                        i++;
                        break;
                    case '{':
                    {
                        int close = line.IndexOf('}', i + 1);
                        if (close < 0) throw Error("grace notes without their closing }");
                        i = close + 1;
                        break;
                    }
                    case '(' when i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]):
                        i = Tuplet(line, i);
                        break;
                    case '(' or ')' or '.' or '~' or 'L' or 'M' or 'O' or 'P' or 'S' or 'T' or 'u' or 'v' or 'y':
                        i++; // slurs, decorations, spacers
                        break;
                    case '-':
                        if (_elements.LastOrDefault(e => e.Pitches.Count > 0 || e.Rest || e.Bar) is { Pitches.Count: > 0 } last) last.Tie = true;
                        i++;
                        break;
                    case '>' or '<':
                        i = Broken(line, i);
                        break;
                    case 'z' or 'x':
                    {
                        i++;
                        var length = Length(line, ref i);
                        Add(new Element { Rest = true, Length = length, Line = _line });
                        break;
                    }
                    case 'Z' or 'X':
                    {
                        i++;
                        int bars = 1;
                        int s = i;
                        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
                        if (i > s && (!int.TryParse(line.AsSpan(s, i - s), NumberStyles.None, CultureInfo.InvariantCulture, out bars) || bars < 1 || bars > 1000))
                            throw Error($"multi-measure rest '{line[(s - 1)..i]}' has a bad count");
                        var measure = (_meter ?? Meter.CommonTime).MeasureLength;
                        for (int b = 0; b < bars; b++)
                        {
                            if (b > 0) _elements.Add(new Element { Bar = true, Line = _line });
                            Add(new Element { Rest = true, Length = measure, Line = _line });
                        }
                        break;
                    }
                    default:
                        if (c is '^' or '_' or '=' || Steps.TryParse(c, out _) && char.IsAsciiLetter(c))
                        {
                            var (pitch, next) = NoteHead(line, i);
                            i = next;
                            var length = Length(line, ref i);
                            Add(new Element { Pitches = [pitch], Length = length, Line = _line });
                            break;
                        }
                        throw Error($"'{c}' at column {i + 1} is not ABC music");
                }
            }
        }

        /// <summary>
        /// The Essen collection leaves out the bar line where a line ends with a full measure ("d4d4" then
        /// "z2d4d2 |" in 4/2). When the music since the last bar line fills exactly one measure of a declared
        /// meter, a line end counts as a bar line. Elsewhere a line end is not a bar line, as ABC says.
        /// </summary>
        private void ImplicitBarAtLineEnd()
        {
            if (_freeMeter || _meter is null || _tupletLeft > 0 || _brokenNext != Rational.One) return;
            var meter = _currentMeter ?? _meter.Value;
            Rational length = 0;
            bool any = false;
            // Bounded look-back, so that a hostile tune without bar lines stays linear.
            for (int k = _elements.Count - 1, seen = 0; k >= 0 && !_elements[k].Bar && seen < 10_000; k--, seen++)
                if (_elements[k].Pitches.Count > 0 || _elements[k].Rest)
                {
                    length += _elements[k].Length;
                    any = true;
                }
            if (!any || length != meter.MeasureLength) return;
            _elements.Add(new Element { Bar = true, Line = _line });
            _barAccidentals.Clear();
        }

        /// <summary>Adds a note, chord or rest, applying a pending broken rhythm and tuplet.</summary>
        private void Add(Element e)
        {
            e.Length *= _brokenNext;
            _brokenNext = 1;
            e.Fermata = _fermataNext && !e.Rest;
            _fermataNext = false;
            if (_tupletLeft > 0)
            {
                e.Length *= _tupletFactor;
                _tupletLeft--;
            }
            _elements.Add(e);
        }

        private int BarLine(string line, int i)
        {
            while (i < line.Length && line[i] is '|' or ':' or '[' or ']') i++;
            // An ending number right after the bar ("|1", ":|2", "|[1,3").
            while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is ',' or '-') &&
                   (char.IsAsciiDigit(line[i]) || (i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]))))
                i++;
            _elements.Add(new Element { Bar = true, Line = _line });
            _barAccidentals.Clear();
            return i;
        }

        private int Chord(string line, int i)
        {
            int close = line.IndexOf(']', i + 1);
            if (close < 0) throw Error("chord without its closing ]");
            var pitches = new List<Pitch>();
            Rational? length = null;
            bool tie = false;
            int j = i + 1;
            while (j < close)
            {
                char c = line[j];
                if (c is '^' or '_' or '=' || (Steps.TryParse(c, out _) && char.IsAsciiLetter(c)))
                {
                    var (p, next) = NoteHead(line, j);
                    j = next;
                    var l = Length(line, ref j);
                    length ??= l; // the chord lasts as long as its first note
                    pitches.Add(p);
                }
                else if (c == '-') { tie = true; j++; }
                else if (c is ' ' or '.' or '~' or '!' or '"') j++;
                else throw Error($"'{c}' inside a chord is not a note");
            }
            if (pitches.Count == 0) throw Error("empty chord []");
            j = close + 1;
            var factor = Length(line, ref j) / _unit;
            Add(new Element { Pitches = pitches, Length = (length ?? _unit) * factor, Tie = tie, Line = _line });
            return j;
        }

        private int Tuplet(string line, int i)
        {
            int j = i + 1;
            int[] numbers = [0, 0, 0];
            for (int k = 0; k < 3; k++)
            {
                int s = j;
                while (j < line.Length && char.IsAsciiDigit(line[j])) j++;
                if (j > s) numbers[k] = int.Parse(line.AsSpan(s, Math.Min(j - s, 3)), CultureInfo.InvariantCulture);
                if (j < line.Length && line[j] == ':' && k < 2) j++;
                else break;
            }
            int p = numbers[0];
            if (p < 2 || p > 9) throw Error($"tuplet '({p}' is not 2–9 notes");
            bool compound = _meter is { IsCompound: true };
            int q = numbers[1] != 0 ? numbers[1] : p switch { 2 or 4 or 8 => 3, 3 or 6 => 2, _ => compound ? 3 : 2 };
            int r = numbers[2] != 0 ? numbers[2] : p;
            _tupletFactor = new Rational(q, p);
            _tupletLeft = r;
            return j;
        }

        private int Broken(string line, int i)
        {
            char c = line[i];
            int count = 0;
            while (i < line.Length && line[i] == c && count < 3) { i++; count++; }
            var last = _elements.LastOrDefault(e => e.Pitches.Count > 0 || e.Rest);
            if (last is null) throw Error($"broken rhythm '{new string(c, count)}' with no note before it");
            var shorter = new Rational(1, 1L << count); // 1/2, 1/4, 1/8
            var longer = 2 - shorter;                     // 3/2, 7/4, 15/8
            if (c == '>') { last.Length *= longer; _brokenNext = shorter; }
            else { last.Length *= shorter; _brokenNext = longer; }
            return i;
        }

        /// <summary>Reads accidentals, a letter and octave marks; resolves the accidental from the bar and the key.</summary>
        private (Pitch, int) NoteHead(string line, int i)
        {
            int explicitAlter = 0;
            bool hasAccidental = false;
            while (i < line.Length && line[i] is '^' or '_' or '=')
            {
                hasAccidental = true;
                explicitAlter += line[i] switch { '^' => 1, '_' => -1, _ => 0 };
                if (line[i] == '=') explicitAlter = 0;
                i++;
            }
            if (i >= line.Length || !Steps.TryParse(line[i], out var step) || !char.IsAsciiLetter(line[i]))
                throw Error($"accidental at column {i} is not followed by a note letter");
            int octave = char.IsUpper(line[i]) ? 4 : 5;
            i++;
            while (i < line.Length && line[i] is ',' or '\'')
            {
                octave += line[i] == ',' ? -1 : 1;
                i++;
            }
            if (octave < 0 || octave > 9) throw Error($"octave {octave} is out of range");
            if (Math.Abs(explicitAlter) > 2) throw Error("more than a double sharp or flat");
            int alter;
            if (hasAccidental)
            {
                alter = explicitAlter;
                _barAccidentals[(step, octave)] = alter;
            }
            else if (_barAccidentals.TryGetValue((step, octave), out int carried)) alter = carried;
            else if (TiedInto(step, octave) is int tied) alter = tied;
            else alter = _signature.AlterOf(step);
            return (new Pitch(step, alter, octave), i);
        }

        /// <summary>The alteration of a tied note of the same letter and octave just before, if any (ties keep the pitch across a bar).</summary>
        private int? TiedInto(Step step, int octave)
        {
            for (int k = _elements.Count - 1; k >= 0; k--)
            {
                var e = _elements[k];
                if (e.Bar || e.Meter is not null || e.KeySignature is not null) continue;
                if (!e.Tie) return null;
                foreach (var p in e.Pitches)
                    if (p.Step == step && p.Octave == octave) return p.Alter;
                return null;
            }
            return null;
        }

        /// <summary>Reads a length multiplier ("2", "/2", "3/2", "/", "//") and returns the length in quarter notes.</summary>
        private Rational Length(string line, ref int i)
        {
            long num = 1, den = 1;
            int s = i;
            while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
            if (i > s)
            {
                if (i - s > 4) throw Error($"note length '{line[s..i]}' is absurd");
                num = long.Parse(line.AsSpan(s, i - s), CultureInfo.InvariantCulture);
            }
            while (i < line.Length && line[i] == '/')
            {
                i++;
                int d = i;
                while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
                if (i > d)
                {
                    if (i - d > 4) throw Error($"note length divisor '{line[d..i]}' is absurd");
                    long divisor = long.Parse(line.AsSpan(d, i - d), CultureInfo.InvariantCulture);
                    if (divisor == 0) throw Error("a note length divided by 0");
                    den *= divisor;
                }
                else den *= 2;
                if (den > 1024) throw Error("note length divided more than 1024 times");
            }
            if (num == 0) throw Error("a note of length 0");
            return _unit * new Rational(num, den);
        }

        /// <summary>Lays the elements out in time: onsets, measures (a short first bar is the pickup, 0), merged ties.</summary>
        private Score Layout()
        {
            var notes = new List<Note>();
            var measures = new List<Measure>();
            var meters = new List<Timed<Meter>>();
            var keys = new List<Timed<KeySignature>> { new(0, _headerSignature) };
            if (_meter is { } m0) meters.Add(new(0, m0));
            var current = _meter;
            // Pickup: the content before the first bar line is shorter than a full measure.
            Rational firstBar = 0;
            foreach (var e in _elements)
            {
                if (e.Bar) break;
                if (e.Pitches.Count > 0 || e.Rest) firstBar += e.Length;
            }
            bool pickup = current is { } cm && !_freeMeter && firstBar > Rational.Zero && firstBar < cm.MeasureLength;
            int number = pickup ? 0 : 1;
            Rational t = 0, measureStart = 0;
            var open = new List<int>(); // indices of notes tied onward
            foreach (var e in _elements)
            {
                if (e.Bar)
                {
                    if (t > measureStart)
                    {
                        measures.Add(new Measure(number++, measureStart, t - measureStart));
                        measureStart = t;
                    }
                    continue;
                }
                if (e.Meter is { } meter)
                {
                    if (current != meter) meters.Add(new(t, meter));
                    current = meter;
                    continue;
                }
                if (e.KeySignature is { } ks)
                {
                    keys.Add(new(t, ks));
                    continue;
                }
                if (e.Pitches.Count > 0)
                {
                    var stillOpen = new List<int>();
                    foreach (var p in e.Pitches)
                    {
                        int idx = open.FindIndex(k => notes[k].Pitch.Midi == p.Midi && notes[k].End == t);
                        if (idx >= 0)
                        {
                            int k = open[idx];
                            open.RemoveAt(idx);
                            notes[k] = notes[k] with { Duration = notes[k].Duration + e.Length, TieMerged = true, Fermata = notes[k].Fermata || e.Fermata };
                            if (e.Tie) stillOpen.Add(k);
                        }
                        else
                        {
                            notes.Add(new Note(p, t, e.Length, number, e.Fermata));
                            if (e.Tie) stillOpen.Add(notes.Count - 1);
                        }
                    }
                    open = stillOpen;
                }
                else open.Clear();
                t += e.Length;
            }
            if (t > measureStart) measures.Add(new Measure(number, measureStart, t - measureStart));
            if (notes.Count == 0) throw Error("the tune has no notes");
            var metadata = new ScoreMetadata
            {
                Title = _title,
                Composer = _fields.FirstOrDefault(f => f.Key == "C").Value,
                SourceFile = source,
                References = [.. _fields],
            };
            return new Score([new Part("Melody", notes)], meters, Dedupe(keys), _key, measures, metadata: metadata);
        }

        private static List<Timed<KeySignature>> Dedupe(List<Timed<KeySignature>> keys)
        {
            var result = new List<Timed<KeySignature>>();
            foreach (var k in keys)
            {
                if (result.Count > 0 && result[^1].Onset == k.Onset) result[^1] = k;
                else if (result.Count == 0 || result[^1].Value != k.Value) result.Add(k);
            }
            return result;
        }
    }
}
