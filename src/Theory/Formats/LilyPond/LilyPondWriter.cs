using System.Globalization;
using System.Text;
using EvoComposer.Theory.Formats.Notation;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.LilyPond;

/// <summary>
/// Writes a <see cref="Score"/> as LilyPond source (<c>.ly</c>) for engraving: one staff per part, highest
/// first, with a clef chosen from the part's range; spelled pitches in absolute octaves; key and time
/// signatures (and their changes at barlines); a pickup as <c>\partial</c>; notes split at barlines and into
/// written values with ties; fermatas; title, composer and catalogue number in the header. Durations that no
/// dotted value spells are written as tuplets (<c>\tuplet 3/2 { c'8 d'8 e'8 }</c>), bracketed as in MusicXML
/// (see <see cref="NoteValues.TupletBrackets"/>); lengths no value spells at all become scaled values
/// (<c>256*1/2</c>), so timing is always exact. Stateless and thread-safe.
/// </summary>
public static class LilyPondWriter
{
    /// <summary>How parts are laid out on staves.</summary>
    public enum Layout
    {
        /// <summary>One staff per part, each with its own clef (the default).</summary>
        StaffPerPart,
        /// <summary>
        /// For four parts: soprano and alto on a treble staff, tenor and bass on a bass staff, stems up for the
        /// upper voice of each (as chorales are printed). Other numbers of parts get one staff each.
        /// </summary>
        TwoStaves,
    }

    /// <summary>The LilyPond version the output is written for (Debian 12 ships 2.24).</summary>
    public const string Version = "2.24.0";

    /// <summary>The LilyPond source of a score.</summary>
    public static string Write(Score score, Layout layout = Layout.StaffPerPart)
    {
        ArgumentNullException.ThrowIfNull(score);
        var grid = Barlines(score);
        var ly = new StringBuilder();
        ly.Append(CultureInfo.InvariantCulture, $"\\version \"{Version}\"\n\n");
        ly.Append("\\header {\n");
        Header(ly, "title", score.Metadata.Title);
        Header(ly, "composer", score.Metadata.Composer);
        Header(ly, "opus", score.Metadata.CatalogueNumber);
        ly.Append("  tagline = ##f\n}\n\n\\score {\n  <<\n");
        if (layout == Layout.TwoStaves && score.Parts.Length == 4)
        {
            ly.Append("    \\new ChoirStaff <<\n");
            TwoVoiceStaff(ly, score, score.Parts[0], score.Parts[1], "treble", grid);
            TwoVoiceStaff(ly, score, score.Parts[2], score.Parts[3], "bass", grid);
            ly.Append("    >>\n");
        }
        else
            foreach (var part in score.Parts)
            {
                ly.Append(CultureInfo.InvariantCulture, $"    \\new Staff \\with {{ instrumentName = {Quote(part.Name)} }} {{\n");
                ly.Append(CultureInfo.InvariantCulture, $"      \\clef \"{Clef(part)}\"\n      {Music(score, part, grid, "\n      ")}\n    }}\n");
            }
        ly.Append("  >>\n  \\layout { }\n}\n");
        return ly.ToString();
    }

    private static void Header(StringBuilder ly, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) ly.Append(CultureInfo.InvariantCulture, $"  {field} = {Quote(value)}\n");
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\"";

    /// <summary>
    /// Where barlines fall (see <see cref="MeasureLayout.FromMeters"/>): the first entry is 0, then the end of each
    /// measure; the last is the end of the piece.
    /// </summary>
    internal static List<Rational> Barlines(Score score) =>
        [Rational.Zero, .. MeasureLayout.FromMeters(score).Select(m => m.Onset + m.Duration)];

    /// <summary>A chord or a rest (no pitches) between two onsets.</summary>
    private readonly record struct Event(Rational Start, Rational End, Pitch[] Pitches, bool Fermata);

    /// <summary>The part as a sequence of chords (notes that start together) and rests, without overlaps.</summary>
    private static List<Event> Events(Part part, Rational end)
    {
        var events = new List<Event>();
        var cursor = Rational.Zero;
        var groups = part.Notes.GroupBy(n => n.Onset).ToArray();
        for (int i = 0; i < groups.Length; i++)
        {
            var onset = groups[i].Key;
            if (onset < cursor) continue; // starts inside the previous chord: a second voice, not shown
            if (onset > cursor) events.Add(new Event(cursor, onset, [], false));
            var stop = onset + groups[i].Min(n => n.Duration);
            if (i + 1 < groups.Length && groups[i + 1].Key < stop && groups[i + 1].Key > onset) stop = groups[i + 1].Key;
            events.Add(new Event(onset, stop, [.. groups[i].Select(n => n.Pitch).Distinct().Order()], groups[i].Any(n => n.Fermata)));
            cursor = stop;
        }
        if (cursor < end) events.Add(new Event(cursor, end, [], false));
        return events;
    }

    private static void TwoVoiceStaff(StringBuilder ly, Score score, Part upper, Part lower, string clef, List<Rational> bars)
    {
        string names = $"\\markup \\column {{ {Quote(upper.Name)} {Quote(lower.Name)} }}";
        ly.Append(CultureInfo.InvariantCulture, $"      \\new Staff \\with {{ instrumentName = {names} }} <<\n        \\clef \"{clef}\"\n");
        ly.Append(CultureInfo.InvariantCulture, $"        \\new Voice {{ \\voiceOne\n          {Music(score, upper, bars, "\n          ")}\n        }}\n");
        ly.Append(CultureInfo.InvariantCulture, $"        \\new Voice {{ \\voiceTwo\n          {Music(score, lower, bars, "\n          ")}\n        }}\n      >>\n");
    }

    /// <summary>A part's music: signatures, pickup, notes and rests bar by bar (each bar after <paramref name="newLine"/>), and the final barline.</summary>
    private static string Music(Score score, Part part, List<Rational> bars, string newLine)
    {
        var ly = new StringBuilder();
        var mode = score.Key?.Mode ?? Mode.Major;
        Meter? meter = null;
        KeySignature? signature = null;
        int bar = 0;
        var events = Events(part, bars[^1]);
        var pending = new List<(string Token, NoteValue Value)>(); // the current bar's notes and rests
        void Flush()
        {
            var brackets = NoteValues.TupletBrackets(pending.Select(p => p.Value).ToList());
            int b = 0;
            for (int i = 0; i < pending.Count; i++)
            {
                if (b < brackets.Count && brackets[b].First == i)
                    ly.Append(CultureInfo.InvariantCulture, $"\\tuplet {pending[i].Value.Actual}/{pending[i].Value.Normal} {{ ");
                ly.Append(pending[i].Token).Append(' ');
                if (b < brackets.Count && brackets[b].Last == i)
                {
                    ly.Append("} ");
                    b++;
                }
            }
            pending.Clear();
        }
        for (int e = 0; e < events.Count; e++)
        {
            var ev = events[e];
            var start = ev.Start;
            while (start < ev.End)
            {
                while (bar + 1 < bars.Count && bars[bar + 1] <= start) bar++;
                if (start == bars[bar])
                {
                    Flush();
                    if (bar > 0) ly.Append('|').Append(newLine);
                    if (score.MeterAt(start) is var m && m != meter)
                    {
                        ly.Append(CultureInfo.InvariantCulture, $"\\time {m} ");
                        meter = m;
                    }
                    if (score.KeySignatureAt(start) is var k && k != signature)
                    {
                        var key = bar == 0 && score.Key is { } declared && declared.Fifths == k.Fifths ? declared : k.ToKey(mode);
                        ly.Append(CultureInfo.InvariantCulture, $"\\key {StepName(key.Tonic, key.TonicAlter)} \\{(key.Mode == Mode.Major ? "major" : "minor")} ");
                        signature = k;
                    }
                    if (bar == 0 && bars.Count > 2 && bars[1] - bars[0] < score.MeterAt(Rational.Zero).MeasureLength)
                        ly.Append(CultureInfo.InvariantCulture, $"\\partial {Duration(bars[1])} ");
                }
                var stop = bar + 1 < bars.Count ? Rational.Min(ev.End, bars[bar + 1]) : ev.End;
                var values = NoteValues.Decompose(stop - start, Shortest);
                for (int v = 0; v < values.Count; v++)
                {
                    bool last = stop == ev.End && v == values.Count - 1;
                    var token = new StringBuilder(ev.Pitches.Length switch
                    {
                        0 => "r",
                        1 => PitchName(ev.Pitches[0]),
                        _ => "<" + string.Join(" ", ev.Pitches.Select(PitchName)) + ">",
                    });
                    token.Append(Name(values[v]));
                    if (ev.Pitches.Length > 0 && !last) token.Append('~');
                    if (ev.Fermata && last) token.Append("\\fermata");
                    pending.Add((token.ToString(), values[v]));
                }
                start = stop;
            }
        }
        Flush();
        return ly.Append("\\bar \"|.\"").ToString();
    }

    // Clefs with the diatonic index of their bottom and top staff lines (octave × 7 + step).
    private static readonly (string Name, int Bottom, int Top)[] Clefs =
    [
        ("treble", 4 * 7 + 2, 5 * 7 + 3),   // E4–F5
        ("bass", 2 * 7 + 4, 3 * 7 + 5),     // G2–A3
        ("treble_8", 3 * 7 + 2, 4 * 7 + 3), // E3–F4
    ];

    /// <summary>
    /// The clef of a part: by its voice name as editions print them (soprano, cantus, alto: treble; tenor: tenor-G
    /// clef; bass: bass), otherwise the clef that needs the fewest ledger lines for its notes (on a tie, the first
    /// of treble, bass, treble_8).
    /// </summary>
    internal static string Clef(Part part)
    {
        string name = part.Name.ToLowerInvariant();
        if (name.StartsWith("sopr", StringComparison.Ordinal) || name.StartsWith("cant", StringComparison.Ordinal) ||
            name.StartsWith("alt", StringComparison.Ordinal)) return "treble";
        if (name.StartsWith("ten", StringComparison.Ordinal)) return "treble_8";
        if (name.StartsWith("bass", StringComparison.Ordinal)) return "bass";
        return Clefs.MinBy(c => part.Notes.Sum(n =>
        {
            int d = n.Pitch.DiatonicIndex;
            return Math.Max(0, c.Bottom - d) / 2 + Math.Max(0, d - c.Top) / 2;
        })).Name;
    }
    /// <summary>The LilyPond name of a step and alteration in Dutch note names: "fis", "bes", "cisis".</summary>
    private static string StepName(Step step, int alter)
    {
        string name = step.ToString().ToLowerInvariant();
        string suffix = string.Concat(Enumerable.Repeat(alter > 0 ? "is" : "es", Math.Abs(alter)));
        // LilyPond spells e-flat "ees" as "es" and a-flat "aes" as "as".
        if (alter < 0 && step is Step.E or Step.A) suffix = suffix[1..];
        return name + suffix;
    }

    /// <summary>A pitch in absolute octaves: c' is C4, c is C3, c, is C2. Triple alterations are respelled.</summary>
    internal static string PitchName(Pitch pitch)
    {
        if (Math.Abs(pitch.Alter) > 2) pitch = Pitch.FromMidi(pitch.Midi, pitch.Alter);
        int marks = pitch.Octave - 3;
        return StepName(pitch.Step, pitch.Alter) + new string(marks >= 0 ? '\'' : ',', Math.Abs(marks));
    }

    /// <summary>The shortest plain value written: a 256th note.</summary>
    private static readonly Rational Shortest = new(1, 64);

    /// <summary>
    /// Written values for a length, longest first, each a LilyPond duration: "4", "8.", "2..", "\breve". A tuplet's
    /// values are its written ones (a triplet eighth is "8"; the <c>\tuplet</c> around it scales it); a length no
    /// value spells becomes one scaled value ("256*1/2").
    /// </summary>
    internal static List<string> Values(Rational length) => NoteValues.Decompose(length, Shortest).Select(Name).ToList();

    /// <summary>The LilyPond duration of a written value: its name and dots, or a scaled value when it has none.</summary>
    private static string Name(NoteValue value) =>
        value.Written is { } written ? Name(written) + new string('.', value.Dots) : Duration(value.Duration);

    /// <summary>
    /// One LilyPond duration for a length: a plain value when it is a power of two, else the next longer value
    /// scaled down ("8*2/3" for a triplet eighth, "4*3" for three quarters).
    /// </summary>
    private static string Duration(Rational length)
    {
        var value = NoteValues.Breve;
        while (value / 2 >= length && value > Shortest) value /= 2;
        if (value == length) return Name(value);
        var factor = length / value;
        return Name(value) + "*" + factor.Numerator.ToString(CultureInfo.InvariantCulture) +
               (factor.IsInteger ? "" : "/" + factor.Denominator.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The LilyPond name of a power-of-two length in quarter notes: 8 → \breve, 4 → 1, 1 → 4, 1/2 → 8.</summary>
    private static string Name(Rational value) =>
        value == NoteValues.Breve ? "\\breve" : (4 / value).Numerator.ToString(CultureInfo.InvariantCulture);
}
