using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.MusicXml;

/// <summary>
/// Writes a <see cref="Score"/> as MusicXML 4.0 partwise, plain (<c>.musicxml</c>, <c>.xml</c>) or compressed
/// (<c>.mxl</c>), for notation programs such as MuseScore. Deterministic: the same score gives the same bytes.
/// </summary>
/// <remarks>
/// <para>Measures are the score's <see cref="Score.Measures"/> when they run without gaps from 0, else they are
/// laid out from the meters; measures are added at the end until every note fits. Notes are split at barlines
/// and, inside a measure, into written note values (breve to 1024th, with up to two dots; durations with an
/// odd factor in their denominator get a <c>time-modification</c>, e.g. 3:2 for triplets), joined by ties.
/// Gaps are rests in the first voice and <c>forward</c> in the others. Overlapping notes of one part are laid
/// out in voices: notes that start and end together form a chord, others go to the first free voice.</para>
/// <para><c>divisions</c> is the least common multiple of all the denominators, so every duration is exact.
/// Key and time signatures are written at the start of the measure in which they change (a change in the
/// middle of a measure moves to its start), tempos likewise. Lyrics go on the notes that start at their onset.
/// Beams, stems, accidentals and layout are left to the notation program.</para>
/// </remarks>
public static class MusicXmlWriter
{
    private const string DocType = "-//Recordare//DTD MusicXML 4.0 Partwise//EN";
    private const string DtdUrl = "http://www.musicxml.org/dtds/partwise.dtd";

    /// <summary>Writes the score to a file: compressed when the extension is <c>.mxl</c>, plain otherwise.</summary>
    /// <exception cref="ArgumentException">The score's durations need more than <see cref="MusicXmlReader.MaxDivisions"/> divisions per quarter.</exception>
    public static void WriteFile(Score score, string path)
    {
        using var stream = File.Create(path);
        bool compressed = Path.GetExtension(path).Equals(".mxl", StringComparison.OrdinalIgnoreCase);
        string inner = Path.GetFileNameWithoutExtension(path) + ".musicxml";
        Write(score, stream, compressed, inner);
    }

    /// <summary>Writes the score to a stream, plain or as a compressed <c>.mxl</c> container.</summary>
    /// <param name="score">The score.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="compressed">True for <c>.mxl</c>.</param>
    /// <param name="innerName">The score's file name inside the container.</param>
    public static void Write(Score score, Stream output, bool compressed, string innerName = "score.musicxml")
    {
        byte[] xml = ToBytes(score);
        if (compressed) MxlArchive.Write(output, xml, innerName);
        else output.Write(xml);
    }

    /// <summary>The score as MusicXML bytes (UTF-8, no byte order mark).</summary>
    public static byte[] ToBytes(Score score)
    {
        var doc = ToDocument(score);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var ms = new MemoryStream();
        using (var writer = XmlWriter.Create(ms, settings)) doc.Save(writer);
        return ms.ToArray();
    }

    /// <summary>The score as a MusicXML document.</summary>
    public static XDocument ToDocument(Score score)
    {
        var measures = LayOutMeasures(score);
        long divisions = Divisions(score, measures);
        var root = new XElement("score-partwise", new XAttribute("version", "4.0"));
        var md = score.Metadata;
        if (md.Title is not null || md.CatalogueNumber is not null)
            root.Add(new XElement("work",
                md.CatalogueNumber is null ? null : new XElement("work-number", md.CatalogueNumber),
                md.Title is null ? null : new XElement("work-title", md.Title)));
        if (md.Title is not null) root.Add(new XElement("movement-title", md.Title));
        root.Add(new XElement("identification",
            md.Composer is null ? null : new XElement("creator", new XAttribute("type", "composer"), md.Composer),
            md.Licence is null ? null : new XElement("rights", md.Licence),
            new XElement("encoding", new XElement("software", "EvoComposer"))));
        var partList = new XElement("part-list");
        for (int i = 0; i < score.Parts.Length; i++)
            partList.Add(new XElement("score-part", new XAttribute("id", PartId(i)), new XElement("part-name", score.Parts[i].Name)));
        root.Add(partList);
        for (int i = 0; i < score.Parts.Length; i++)
            root.Add(new PartWriter(score, score.Parts[i], PartId(i), measures, divisions).Write());
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XDocumentType("score-partwise", DocType, DtdUrl, null), root);
    }

    private static string PartId(int index) => "P" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The measures to write: the score's own when they are contiguous from 0, else laid out from the meters.</summary>
    internal static List<Measure> LayOutMeasures(Score score)
    {
        var result = new List<Measure>();
        bool contiguous = !score.Measures.IsEmpty && score.Measures[0].Onset == Rational.Zero;
        for (int i = 0; contiguous && i < score.Measures.Length; i++)
            contiguous = score.Measures[i].Duration > Rational.Zero &&
                         (i == 0 || score.Measures[i - 1].Onset + score.Measures[i - 1].Duration == score.Measures[i].Onset);
        if (contiguous) result.AddRange(score.Measures);
        Rational end = result.Count > 0 ? result[^1].Onset + result[^1].Duration : Rational.Zero;
        int number = result.Count > 0 ? result[^1].Number : 0;
        var length = score.Length;
        while (end < length || result.Count == 0)
        {
            var m = new Measure(++number, end, score.MeterAt(end).MeasureLength);
            result.Add(m);
            end += m.Duration;
        }
        return result;
    }

    private static long Divisions(Score score, List<Measure> measures)
    {
        long lcm = 1;
        void Add(Rational r)
        {
            long d = r.Denominator;
            lcm = checked(lcm / Gcd(lcm, d) * d);
            if (lcm > MusicXmlReader.MaxDivisions)
                throw new ArgumentException($"the score's durations need more than {MusicXmlReader.MaxDivisions} divisions per quarter note", nameof(score));
        }
        try
        {
            foreach (var m in measures) { Add(m.Onset); Add(m.Duration); }
            foreach (var p in score.Parts)
                foreach (var n in p.Notes) { Add(n.Onset); Add(n.Duration); }
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("the score's durations have no common denominator within range", nameof(score), e);
        }
        return lcm;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>A written note value: its sounding length, type name (null when none fits), dots and tuplet ratio.</summary>
    internal readonly record struct NoteValue(Rational Duration, string? Type, int Dots, int Actual, int Normal);

    private static readonly (Rational Length, string Name)[] Types =
    [
        (8, "breve"), (4, "whole"), (2, "half"), (1, "quarter"), (new Rational(1, 2), "eighth"), (new Rational(1, 4), "16th"),
        (new Rational(1, 8), "32nd"), (new Rational(1, 16), "64th"), (new Rational(1, 32), "128th"), (new Rational(1, 64), "256th"),
        (new Rational(1, 128), "512th"), (new Rational(1, 256), "1024th"),
    ];

    /// <summary>
    /// Splits a duration into written note values, longest first. A denominator with an odd factor r is shown
    /// as a tuplet r:n (n the largest power of two below r), so 1/3 is a triplet eighth.
    /// </summary>
    internal static List<NoteValue> Decompose(Rational duration)
    {
        var result = new List<NoteValue>();
        long r = duration.Denominator;
        while (r % 2 == 0) r /= 2;
        long normal = 1;
        while (normal * 2 < r) normal *= 2;
        if (r > int.MaxValue) { result.Add(new NoteValue(duration, null, 0, 1, 1)); return result; }
        var ratio = new Rational(r, normal); // shown = sounding × ratio
        var remaining = duration * ratio;
        while (remaining > Rational.Zero)
        {
            int i = Array.FindIndex(Types, t => t.Length <= remaining);
            if (i < 0)
            {
                result.Add(new NoteValue(remaining / ratio, null, 0, (int)r, (int)normal));
                break;
            }
            var shown = Types[i].Length;
            int dots = 0;
            for (var add = shown / 2; dots < 2 && i + dots + 1 < Types.Length && shown + add <= remaining; add /= 2)
            {
                shown += add;
                dots++;
            }
            result.Add(new NoteValue(shown / ratio, Types[i].Name, dots, (int)r, (int)normal));
            remaining -= shown;
        }
        return result;
    }

    /// <summary>Notes that start and end together, written as one chord.</summary>
    private sealed record Chord(Rational Onset, Rational Duration, List<Note> Notes)
    {
        public Rational End => Onset + Duration;
    }

    private sealed class PartWriter(Score score, Part part, string id, List<Measure> measures, long divisions)
    {
        private readonly List<List<Chord>> _voices = AssignVoices(part.Notes);
        private readonly HashSet<Rational> _lyricsWritten = [];

        private static List<List<Chord>> AssignVoices(IEnumerable<Note> notes)
        {
            var chords = notes.GroupBy(n => (n.Onset, n.Duration))
                .Select(g => new Chord(g.Key.Onset, g.Key.Duration, g.OrderByDescending(n => n.Pitch).ToList()))
                .OrderBy(c => c.Onset).ThenByDescending(c => c.Notes[0].Pitch).ToList();
            var voices = new List<List<Chord>>();
            foreach (var c in chords)
            {
                var voice = voices.FirstOrDefault(v => v[^1].End <= c.Onset);
                if (voice is null) voices.Add(voice = []);
                voice.Add(c);
            }
            if (voices.Count == 0) voices.Add([]);
            return voices;
        }

        public XElement Write()
        {
            var partElement = new XElement("part", new XAttribute("id", id));
            var cursors = new int[_voices.Count];
            for (int mi = 0; mi < measures.Count; mi++)
            {
                var m = measures[mi];
                var mEnd = m.Onset + m.Duration;
                var measure = new XElement("measure", new XAttribute("number", m.Number.ToString(CultureInfo.InvariantCulture)));
                if (mi == 0 && m.Number == 0) measure.Add(new XAttribute("implicit", "yes"));
                var attributes = Attributes(mi, m, mEnd);
                if (attributes.HasElements) measure.Add(attributes);
                if (id == "P1")
                    foreach (var t in score.Tempos.Where(t => InMeasure(t.Onset, mi, m, mEnd)))
                        measure.Add(new XElement("sound", new XAttribute("tempo", t.Value.ToString("0.###", CultureInfo.InvariantCulture))));
                for (int v = 0; v < _voices.Count; v++)
                {
                    var voice = _voices[v];
                    // Chords sounding in this measure: skip those that ended before it.
                    while (cursors[v] < voice.Count && voice[cursors[v]].End <= m.Onset) cursors[v]++;
                    var pos = m.Onset;
                    bool any = false;
                    for (int ci = cursors[v]; ci < voice.Count && voice[ci].Onset < mEnd; ci++)
                    {
                        var c = voice[ci];
                        var start = Rational.Max(c.Onset, m.Onset);
                        if (!any && v > 0) measure.Add(Duration("backup", m.Duration));
                        any = true;
                        if (start > pos) Gap(measure, v, start - pos);
                        var end = Rational.Min(c.End, mEnd);
                        WriteChord(measure, v, c, start, end, c.Onset < m.Onset, c.End > mEnd);
                        pos = end;
                    }
                    if (v == 0)
                    {
                        if (!any) measure.Add(Rest(m.Duration, null, voice: 1, wholeMeasure: true));
                        else if (pos < mEnd) Gap(measure, v, mEnd - pos);
                    }
                    else if (any && pos < mEnd) measure.Add(Duration("forward", mEnd - pos));
                }
                partElement.Add(measure);
            }
            return partElement;
        }

        private static bool InMeasure(Rational onset, int mi, Measure m, Rational mEnd) =>
            (mi == 0 && onset < mEnd) || (onset >= m.Onset && onset < mEnd);

        private XElement Attributes(int mi, Measure m, Rational mEnd)
        {
            var a = new XElement("attributes");
            if (mi == 0) a.Add(new XElement("divisions", divisions.ToString(CultureInfo.InvariantCulture)));
            KeySignature? key = mi == 0 ? score.KeySignatureAt(m.Onset)
                : score.KeySignatures.Where(k => k.Onset >= m.Onset && k.Onset < mEnd).Select(k => (KeySignature?)k.Value).LastOrDefault();
            if (key is { } ks && (mi == 0 || ks != score.KeySignatureAt(measures[mi - 1].Onset)))
            {
                string? mode = mi == 0 && score.Key is { } k && k.Fifths == ks.Fifths ? (k.Mode == Mode.Major ? "major" : "minor") : null;
                a.Add(new XElement("key", new XElement("fifths", ks.Fifths.ToString(CultureInfo.InvariantCulture)),
                    mode is null ? null : new XElement("mode", mode)));
            }
            Meter? meter = mi == 0 ? score.MeterAt(m.Onset)
                : score.Meters.Where(t => t.Onset >= m.Onset && t.Onset < mEnd).Select(t => (Meter?)t.Value).LastOrDefault();
            if (meter is { } mt && (mi == 0 || mt != score.MeterAt(measures[mi - 1].Onset)))
                a.Add(new XElement("time",
                    new XElement("beats", mt.Numerator.ToString(CultureInfo.InvariantCulture)),
                    new XElement("beat-type", mt.Denominator.ToString(CultureInfo.InvariantCulture))));
            if (mi == 0) a.Add(Clef());
            return a;
        }

        private XElement Clef()
        {
            double mean = part.MeanMidi;
            if (part.Notes.IsEmpty || mean >= 60) return new XElement("clef", new XElement("sign", "G"), new XElement("line", "2"));
            if (mean >= 52)
                return new XElement("clef", new XElement("sign", "G"), new XElement("line", "2"), new XElement("clef-octave-change", "-1"));
            return new XElement("clef", new XElement("sign", "F"), new XElement("line", "4"));
        }

        private void Gap(XElement measure, int voice, Rational length)
        {
            if (voice > 0) { measure.Add(Duration("forward", length)); return; }
            foreach (var piece in Decompose(length)) measure.Add(Rest(piece.Duration, piece, voice + 1, wholeMeasure: false));
        }

        private XElement Duration(string name, Rational length) => new(name, new XElement("duration", Ticks(length)));

        private string Ticks(Rational length)
        {
            var t = length * divisions;
            if (!t.IsInteger) throw new InvalidOperationException($"duration {length} is not a whole number of divisions ({divisions})");
            return t.Numerator.ToString(CultureInfo.InvariantCulture);
        }

        private XElement Rest(Rational length, NoteValue? value, int voice, bool wholeMeasure)
        {
            var e = new XElement("note", new XElement("rest", wholeMeasure ? new XAttribute("measure", "yes") : null),
                new XElement("duration", Ticks(length)), new XElement("voice", voice.ToString(CultureInfo.InvariantCulture)));
            if (value is { } v) AddType(e, v);
            return e;
        }

        private static void AddType(XElement note, NoteValue v)
        {
            if (v.Type is not null) note.Add(new XElement("type", v.Type));
            for (int i = 0; i < v.Dots; i++) note.Add(new XElement("dot"));
            if (v.Actual != 1)
                note.Add(new XElement("time-modification",
                    new XElement("actual-notes", v.Actual.ToString(CultureInfo.InvariantCulture)),
                    new XElement("normal-notes", v.Normal.ToString(CultureInfo.InvariantCulture))));
        }

        private void WriteChord(XElement measure, int voice, Chord chord, Rational start, Rational end, bool tiedIn, bool tiedOut)
        {
            // Split also where a lyric syllable falls inside the note (lyrics sung on tied continuations).
            var bounds = new List<Rational> { start };
            bounds.AddRange(part.Lyrics.Select(l => l.Onset).Where(o => o > start && o < end).Distinct());
            bounds.Add(end);
            var pieces = new List<(NoteValue Value, Rational Start, bool SegmentStart)>();
            for (int b = 0; b + 1 < bounds.Count; b++)
            {
                var at = bounds[b];
                bool segmentStart = true;
                foreach (var v in Decompose(bounds[b + 1] - bounds[b]))
                {
                    pieces.Add((v, at, segmentStart));
                    at += v.Duration;
                    segmentStart = false;
                }
            }
            for (int p = 0; p < pieces.Count; p++)
            {
                bool stop = tiedIn || p > 0, startTie = tiedOut || p < pieces.Count - 1;
                bool first = !tiedIn && p == 0;
                for (int i = 0; i < chord.Notes.Count; i++)
                {
                    var n = chord.Notes[i];
                    var e = new XElement("note");
                    if (i > 0) e.Add(new XElement("chord"));
                    e.Add(new XElement("pitch",
                        new XElement("step", n.Pitch.Step.ToString()),
                        n.Pitch.Alter != 0 ? new XElement("alter", n.Pitch.Alter.ToString(CultureInfo.InvariantCulture)) : null,
                        new XElement("octave", n.Pitch.Octave.ToString(CultureInfo.InvariantCulture))));
                    e.Add(new XElement("duration", Ticks(pieces[p].Value.Duration)));
                    if (stop) e.Add(new XElement("tie", new XAttribute("type", "stop")));
                    if (startTie) e.Add(new XElement("tie", new XAttribute("type", "start")));
                    e.Add(new XElement("voice", (voice + 1).ToString(CultureInfo.InvariantCulture)));
                    AddType(e, pieces[p].Value);
                    var notations = new XElement("notations");
                    if (stop) notations.Add(new XElement("tied", new XAttribute("type", "stop")));
                    if (startTie) notations.Add(new XElement("tied", new XAttribute("type", "start")));
                    if (first && n.Fermata) notations.Add(new XElement("fermata", new XAttribute("type", "upright")));
                    if (notations.HasElements) e.Add(notations);
                    if (i == 0 && pieces[p].SegmentStart) AddLyrics(e, pieces[p].Start);
                    measure.Add(e);
                }
            }
        }

        private void AddLyrics(XElement note, Rational onset)
        {
            if (!_lyricsWritten.Add(onset)) return;
            foreach (var l in part.Lyrics.Where(l => l.Onset == onset))
                note.Add(new XElement("lyric", new XAttribute("number", l.Verse.ToString(CultureInfo.InvariantCulture)),
                    new XElement("syllabic", l.Syllabic.ToString().ToLowerInvariant()),
                    new XElement("text", l.Text)));
        }
    }
}
