using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.MusicXml;

/// <summary>
/// Reads MusicXML (partwise or timewise, plain <c>.musicxml</c>/<c>.xml</c> or compressed <c>.mxl</c>) into a
/// <see cref="Score"/>.
/// </summary>
/// <remarks>
/// <para>What is kept: pitched notes and chords (tied notes merged into one note with
/// <see cref="Note.TieMerged"/>), rests as gaps, voices laid out with <c>backup</c>/<c>forward</c>, divisions that
/// change between measures, key and time signatures and their changes, fermatas, lyrics (as
/// <see cref="Part.Lyrics"/>), tempo marks, the title (<c>movement-title</c>, else <c>work-title</c>), the composer,
/// and measure numbers (a first measure marked <c>implicit="yes"</c> or numbered 0 is the pickup, measure 0).</para>
/// <para>What is left out: grace notes (they take no time, as in the kern reader), cue notes and unpitched
/// notes (their time is kept as a gap), repeats (not expanded), and notation (stems, beams, clefs, layout).
/// A part with several staves (a piano part) stays one <see cref="Part"/> holding the notes of all its staves
/// and voices: a part is what the file calls a part. Parts keep the file's order, which is highest first in
/// the chorales. Meters, key signatures and tempos come from the first part that has them.</para>
/// <para>Hostile input fails with a <see cref="ScoreFormatException"/>, never a hang: DTDs are skipped unprocessed,
/// entities do not expand, zip entries are read through a size cap, and divisions, durations and pitches are
/// range-checked.</para>
/// </remarks>
public sealed partial class MusicXmlReader : IScoreReader
{
    /// <summary>Largest <c>divisions</c> value accepted (ticks per quarter note).</summary>
    public const int MaxDivisions = 10_000_000;
    /// <summary>Longest note, rest or measure accepted, in quarter notes.</summary>
    public const int MaxQuarters = 4096;

    /// <inheritdoc/>
    public string FormatName => "musicxml";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".musicxml", ".xml", ".mxl"];

    /// <inheritdoc/>
    public Score Read(ReadOnlyMemory<byte> bytes, string sourceName)
    {
        byte[] xml = MxlArchive.LooksLikeZip(bytes.Span) ? MxlArchive.ReadScore(bytes, sourceName) : bytes.ToArray();
        var doc = MusicXmlSafety.Load(xml, sourceName);
        try
        {
            return new Parser(doc, sourceName).Parse();
        }
        catch (OverflowException e)
        {
            throw new ScoreFormatException(sourceName, null, "durations too fine or too long to add up exactly (arithmetic overflow)", e);
        }
    }

    /// <summary>A part's measures as pairs of (the measure element, the element holding its music).</summary>
    private sealed record PartSource(string Id, string Name, List<(XElement Measure, XElement Content)> Measures);

    private sealed class RawNote
    {
        public required Pitch Pitch;
        public required int MeasureIndex;
        public required Rational Position;
        public required Rational Duration;
        public bool Fermata;
        public bool TieStart;
        public bool TieStop;
        public string Voice = "";
        public Rational Onset;
        public bool Merged;
        public bool Removed;
    }

    private sealed record RawLyric(int MeasureIndex, Rational Position, int Verse, string Text, Syllabic Syllabic);
    private sealed record RawEvent<T>(int MeasureIndex, Rational Position, T Value);

    private sealed class Parser(XDocument doc, string source)
    {
        private readonly List<RawEvent<Meter>> _meters = [];
        private readonly List<RawEvent<KeySignature>> _keys = [];
        private readonly List<RawEvent<double>> _tempos = [];
        private Key? _key;

        public Score Parse()
        {
            var root = doc.Root ?? throw new ScoreFormatException(source, null, "empty XML document");
            var parts = root.Name.LocalName switch
            {
                "score-partwise" => PartwiseParts(root),
                "score-timewise" => TimewiseParts(root),
                "opus" => throw new ScoreFormatException(source, Where(root), "a MusicXML opus (a list of scores) is not a score; read the scores it names"),
                _ => throw new ScoreFormatException(source, Where(root), $"root element <{root.Name.LocalName}> is not <score-partwise> or <score-timewise>: not MusicXML"),
            };
            if (parts.Count == 0) throw new ScoreFormatException(source, Where(root), "the score has no parts");

            int measureCount = parts.Max(p => p.Measures.Count);
            var lengths = new Rational[measureCount];
            var perPart = new List<(PartSource Part, List<RawNote> Notes, List<RawLyric> Lyrics)>();
            bool first = true;
            foreach (var part in parts)
            {
                var (notes, lyrics) = ReadPart(part, lengths, recordAttributes: first || _meters.Count == 0);
                perPart.Add((part, notes, lyrics));
                first = false;
            }

            // Measure starts: each measure is as long as the longest part makes it (a measure nobody fills
            // takes its meter's length).
            var starts = new Rational[measureCount + 1];
            var measures = new List<Measure>(measureCount);
            var numbers = MeasureNumbers(parts[0], measureCount);
            for (int i = 0; i < measureCount; i++)
            {
                if (lengths[i] == Rational.Zero) lengths[i] = MeterAtMeasure(i).MeasureLength;
                starts[i + 1] = starts[i] + lengths[i];
                measures.Add(new Measure(numbers[i], starts[i], lengths[i]));
            }

            var scoreParts = new List<Part>();
            foreach (var (part, raw, rawLyrics) in perPart)
            {
                foreach (var n in raw) n.Onset = starts[n.MeasureIndex] + n.Position;
                var merged = MergeTies(raw);
                var notes = merged.Select(n => new Note(n.Pitch, n.Onset, n.Duration, numbers[n.MeasureIndex], n.Fermata, n.Merged));
                var lyrics = rawLyrics.Select(l => new Lyric(starts[l.MeasureIndex] + l.Position, l.Verse, l.Text, l.Syllabic));
                scoreParts.Add(new Part(part.Name, notes, lyrics));
            }

            return new Score(
                scoreParts,
                Dedupe(_meters.Select(m => new Timed<Meter>(starts[m.MeasureIndex] + m.Position, m.Value))),
                Dedupe(_keys.Select(k => new Timed<KeySignature>(starts[k.MeasureIndex] + k.Position, k.Value))),
                _key,
                measures,
                Dedupe(_tempos.Select(t => new Timed<double>(starts[t.MeasureIndex] + t.Position, t.Value))),
                Metadata(root));
        }

        private Meter MeterAtMeasure(int index)
        {
            Meter m = Meter.CommonTime;
            foreach (var e in _meters)
                if (e.MeasureIndex <= index) m = e.Value;
            return m;
        }

        /// <summary>Keeps the first value at each onset and drops values equal to the one already in force.</summary>
        private static List<Timed<T>> Dedupe<T>(IEnumerable<Timed<T>> values)
        {
            var result = new List<Timed<T>>();
            foreach (var v in values.OrderBy(v => v.Onset))
            {
                if (result.Count > 0 && result[^1].Onset == v.Onset) continue;
                if (result.Count > 0 && EqualityComparer<T>.Default.Equals(result[^1].Value, v.Value)) continue;
                result.Add(v);
            }
            return result;
        }

        private int[] MeasureNumbers(PartSource part, int count)
        {
            var numbers = new int[count];
            int previous = 0;
            for (int i = 0; i < count; i++)
            {
                if (i >= part.Measures.Count) { numbers[i] = ++previous; continue; }
                var m = part.Measures[i].Measure;
                string? text = (string?)m.Attribute("number");
                bool implicitMeasure = (string?)m.Attribute("implicit") == "yes";
                int number;
                var match = text is null ? null : LeadingNumber().Match(text);
                if (i == 0 && (implicitMeasure || text == "0")) number = 0;
                else if (match is { Success: true } && int.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)) number = parsed;
                else number = previous + 1;
                numbers[i] = number;
                previous = number;
            }
            return numbers;
        }

        private List<PartSource> PartwiseParts(XElement root)
        {
            var names = PartNames(root);
            return root.Elements("part").Select(p =>
            {
                string id = (string?)p.Attribute("id") ?? "";
                return new PartSource(id, names.GetValueOrDefault(id, id), p.Elements("measure").Select(m => (m, m)).ToList());
            }).ToList();
        }

        private List<PartSource> TimewiseParts(XElement root)
        {
            var names = PartNames(root);
            var order = root.Element("part-list")?.Elements("score-part").Select(s => (string?)s.Attribute("id") ?? "").ToList() ?? [];
            var byId = new Dictionary<string, PartSource>();
            foreach (var m in root.Elements("measure"))
                foreach (var p in m.Elements("part"))
                {
                    string id = (string?)p.Attribute("id") ?? "";
                    if (!byId.TryGetValue(id, out var ps))
                    {
                        byId[id] = ps = new PartSource(id, names.GetValueOrDefault(id, id), []);
                        if (!order.Contains(id)) order.Add(id);
                    }
                    ps.Measures.Add((m, p));
                }
            return order.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        }

        private static Dictionary<string, string> PartNames(XElement root)
        {
            var names = new Dictionary<string, string>();
            foreach (var sp in root.Element("part-list")?.Elements("score-part") ?? [])
            {
                string id = (string?)sp.Attribute("id") ?? "";
                string? name = new[] { (string?)sp.Element("part-name"), (string?)sp.Element("part-abbreviation") }
                    .Select(s => s?.Trim()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
                names[id] = name is null ? id : Whitespace().Replace(name, " "); // one line: some editions break names with CR
            }
            return names;
        }

        private ScoreMetadata Metadata(XElement root)
        {
            string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
            var ident = root.Element("identification");
            var creators = ident?.Elements("creator").ToList() ?? [];
            string? composer = Clean((string?)creators.FirstOrDefault(c => (string?)c.Attribute("type") == "composer"))
                               ?? Clean((string?)creators.FirstOrDefault(c => c.Attribute("type") is null));
            string? catalogue = Clean((string?)root.Element("work")?.Element("work-number"));
            if (catalogue is null)
            {
                // Many editions (the music21 Bach corpus among them) print the BWV number only as a credit.
                foreach (var words in root.Elements("credit").Elements("credit-words"))
                {
                    var m = Bwv().Match(words.Value);
                    if (m.Success) { catalogue = "BWV " + m.Groups[1].Value; break; }
                }
            }
            return new ScoreMetadata
            {
                Title = Clean((string?)root.Element("movement-title")) ?? Clean((string?)root.Element("work")?.Element("work-title")),
                Composer = composer,
                CatalogueNumber = catalogue,
                SourceFile = source,
                Licence = Clean((string?)ident?.Element("rights")),
            };
        }

        private (List<RawNote>, List<RawLyric>) ReadPart(PartSource part, Rational[] lengths, bool recordAttributes)
        {
            var notes = new List<RawNote>();
            var lyrics = new List<RawLyric>();
            Rational divisions = 0;
            for (int mi = 0; mi < part.Measures.Count; mi++)
            {
                var (measureElement, content) = part.Measures[mi];
                string where = $"part {part.Id}, measure {(string?)measureElement.Attribute("number") ?? (mi + 1).ToString(CultureInfo.InvariantCulture)}";
                Rational pos = 0, end = 0, lastOnset = 0;
                foreach (var e in content.Elements())
                {
                    switch (e.Name.LocalName)
                    {
                        case "attributes":
                            if (e.Element("divisions") is { } d)
                            {
                                divisions = PositiveDecimal(d, where, "divisions");
                                if (divisions > MaxDivisions)
                                    throw Error(where, d, $"divisions {d.Value.Trim()} is absurd (more than {MaxDivisions} per quarter note)");
                            }
                            if (recordAttributes) ReadAttributes(e, mi, pos, where);
                            break;
                        case "note":
                        {
                            if (e.Element("grace") is not null) break; // no duration: left out
                            bool chord = e.Element("chord") is not null;
                            var dEl = e.Element("duration") ?? throw Error(where, e, "a note without <duration> that is not a grace note");
                            var duration = Quarters(dEl, divisions, where);
                            var onset = chord ? lastOnset : pos;
                            if (!chord) { lastOnset = pos; pos += duration; }
                            end = Rational.Max(end, onset + duration);
                            if (e.Element("rest") is not null || e.Element("cue") is not null || e.Element("unpitched") is not null) break;
                            var pitchEl = e.Element("pitch") ?? throw Error(where, e, "a note with neither <pitch>, <rest> nor <unpitched>");
                            var raw = new RawNote
                            {
                                Pitch = ReadPitch(pitchEl, where), MeasureIndex = mi, Position = onset, Duration = duration,
                                Voice = ((string?)e.Element("voice"))?.Trim() ?? "",
                            };
                            foreach (var t in e.Elements("tie").Concat(e.Elements("notations").Elements("tied")))
                            {
                                string? type = (string?)t.Attribute("type");
                                if (type is "start" or "continue") raw.TieStart = true;
                                if (type is "stop" or "continue") raw.TieStop = true;
                            }
                            raw.Fermata = e.Elements("notations").Elements("fermata").Any();
                            notes.Add(raw);
                            foreach (var l in e.Elements("lyric")) ReadLyric(l, mi, onset, lyrics);
                            break;
                        }
                        case "backup":
                            pos -= Quarters(e.Element("duration") ?? throw Error(where, e, "<backup> without <duration>"), divisions, where);
                            if (pos < Rational.Zero) pos = 0; // lenient: a backup past the barline goes to the barline
                            break;
                        case "forward":
                            pos += Quarters(e.Element("duration") ?? throw Error(where, e, "<forward> without <duration>"), divisions, where);
                            end = Rational.Max(end, pos);
                            break;
                        case "direction":
                            if (recordAttributes)
                                foreach (var s in e.Elements("sound")) ReadTempo(s, mi, pos);
                            break;
                        case "sound":
                            if (recordAttributes) ReadTempo(e, mi, pos);
                            break;
                    }
                    if (pos > MaxQuarters) throw Error(where, e, $"the measure is longer than {MaxQuarters} quarter notes");
                }
                if (end > lengths[mi]) lengths[mi] = end;
            }
            return (notes, lyrics);
        }

        private void ReadTempo(XElement sound, int mi, Rational pos)
        {
            if (double.TryParse((string?)sound.Attribute("tempo"), NumberStyles.Float, CultureInfo.InvariantCulture, out double tempo) &&
                tempo > 0 && tempo < 10_000)
                _tempos.Add(new RawEvent<double>(mi, pos, tempo));
        }

        private static void ReadLyric(XElement l, int mi, Rational onset, List<RawLyric> lyrics)
        {
            string text = string.Concat(l.Elements("text").Select(t => t.Value));
            if (text.Length == 0) return;
            int verse = int.TryParse((string?)l.Attribute("number"), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : 1;
            var syllabic = ((string?)l.Element("syllabic"))?.Trim() switch
            {
                "begin" => Syllabic.Begin,
                "middle" => Syllabic.Middle,
                "end" => Syllabic.End,
                _ => Syllabic.Single,
            };
            lyrics.Add(new RawLyric(mi, onset, verse, text, syllabic));
        }

        private void ReadAttributes(XElement attributes, int mi, Rational pos, string where)
        {
            // Per-staff keys (number="2") repeat the first staff's key; take the first.
            if (attributes.Element("key") is { } key && key.Element("fifths") is { } fifthsEl)
            {
                if (!int.TryParse(fifthsEl.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int fifths) || fifths < -7 || fifths > 7)
                    throw Error(where, fifthsEl, $"key <fifths> '{fifthsEl.Value.Trim()}' is not a number from -7 to 7");
                _keys.Add(new RawEvent<KeySignature>(mi, pos, new KeySignature(fifths)));
                string? mode = ((string?)key.Element("mode"))?.Trim();
                if (_key is null && mode is "major" or "minor")
                    _key = Key.FromFifths(fifths, mode == "major" ? Mode.Major : Mode.Minor);
            }
            if (attributes.Element("time") is { } time && time.Element("senza-misura") is null)
            {
                var beats = time.Elements("beats").ToList();
                var types = time.Elements("beat-type").ToList();
                if (beats.Count == 0 || types.Count == 0) throw Error(where, time, "<time> without <beats> and <beat-type>");
                // Composite signatures ("3+2"/8) are summed; with different beat types only the first is used.
                int numerator = 0;
                foreach (string piece in beats[0].Value.Split('+'))
                {
                    if (!int.TryParse(piece.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int b) || b < 1 || b > 64)
                        throw Error(where, beats[0], $"time signature beats '{beats[0].Value.Trim()}' is not a number from 1 to 64");
                    numerator += b;
                }
                if (!int.TryParse(types[0].Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int denominator) ||
                    denominator < 1 || denominator > 128 || (denominator & (denominator - 1)) != 0 || numerator > 64)
                    throw Error(where, time, $"time signature {beats[0].Value.Trim()}/{types[0].Value.Trim()} is not supported (beats 1–64 over a power of two up to 128)");
                _meters.Add(new RawEvent<Meter>(mi, pos, new Meter(numerator, denominator)));
            }
        }

        private Pitch ReadPitch(XElement pitch, string where)
        {
            string stepText = ((string?)pitch.Element("step"))?.Trim() ?? "";
            if (stepText.Length != 1 || !Steps.TryParse(stepText[0], out var step) || !char.IsUpper(stepText[0]))
                throw Error(where, pitch, $"<step> '{stepText}' is not a letter A–G");
            int alter = 0;
            if (pitch.Element("alter") is { } a)
            {
                if (!decimal.TryParse(a.Value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal alterValue) ||
                    alterValue != decimal.Truncate(alterValue) || Math.Abs(alterValue) > Pitch.MaxAlter)
                    throw Error(where, a, $"<alter> '{a.Value.Trim()}' is not a whole number of semitones within ±{Pitch.MaxAlter} (microtones are not supported)");
                alter = (int)alterValue;
            }
            var octEl = pitch.Element("octave") ?? throw Error(where, pitch, "<pitch> without <octave>");
            if (!int.TryParse(octEl.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int octave) || octave < 0 || octave > 9)
                throw Error(where, octEl, $"<octave> '{octEl.Value.Trim()}' is not a number from 0 to 9");
            return new Pitch(step, alter, octave);
        }

        private Rational Quarters(XElement durationElement, Rational divisions, string where)
        {
            if (divisions == Rational.Zero) throw Error(where, durationElement, "a duration before any <divisions> was given");
            var ticks = PositiveDecimal(durationElement, where, "duration", allowZero: true);
            var quarters = ticks / divisions;
            if (quarters > MaxQuarters) throw Error(where, durationElement, $"duration of {quarters.ToDecimalString()} quarter notes is absurd (more than {MaxQuarters})");
            return quarters;
        }

        private Rational PositiveDecimal(XElement e, string where, string what, bool allowZero = false)
        {
            string text = e.Value.Trim();
            if (text.Length > 20 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value) ||
                value < 0 || (value == 0 && !allowZero) || value > 1_000_000_000_000m)
                throw Error(where, e, $"<{what}> '{(text.Length > 20 ? text[..20] + "…" : text)}' is not a {(allowZero ? "non-negative" : "positive")} number of reasonable size");
            return Rational.FromDecimal(value);
        }

        /// <summary>
        /// Merges each tie-stop note into the open tie-start note of the same MIDI pitch that ends where it starts,
        /// preferring one in the same voice.
        /// </summary>
        private static List<RawNote> MergeTies(List<RawNote> raw)
        {
            var ordered = raw.OrderBy(n => n.Onset).ToList(); // stable: chords keep their order
            var open = new List<RawNote>();
            foreach (var n in ordered)
            {
                if (n.TieStop)
                {
                    int idx = open.FindIndex(o => o.Pitch.Midi == n.Pitch.Midi && o.Onset + o.Duration == n.Onset && o.Voice == n.Voice);
                    if (idx < 0) idx = open.FindIndex(o => o.Pitch.Midi == n.Pitch.Midi && o.Onset + o.Duration == n.Onset);
                    if (idx >= 0)
                    {
                        var target = open[idx];
                        target.Duration += n.Duration;
                        target.Fermata |= n.Fermata;
                        target.Merged = true;
                        n.Removed = true;
                        if (!n.TieStart) open.RemoveAt(idx);
                        continue;
                    }
                }
                if (n.TieStart) open.Add(n);
            }
            return ordered.Where(n => !n.Removed).ToList();
        }

        private ScoreFormatException Error(string where, XObject at, string reason)
        {
            var info = (IXmlLineInfo)at;
            string location = info.HasLineInfo() ? $"{where} (line {info.LineNumber})" : where;
            return new ScoreFormatException(source, location, reason);
        }

        private static string Where(XObject at) =>
            ((IXmlLineInfo)at).HasLineInfo() ? $"line {((IXmlLineInfo)at).LineNumber}" : "";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s*-?\d+")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\bBWV\.?\s*(\d+[a-z]?(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Bwv();
}
