using System.Globalization;
using System.Text;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.LilyPond;

/// <summary>
/// Writes a <see cref="Score"/> as LilyPond source (<c>.ly</c>) for engraving: one staff per part, highest
/// first, with a clef chosen from the part's range; spelled pitches in absolute octaves; key and time
/// signatures (and their changes at barlines); a pickup as <c>\partial</c>; notes split at barlines and into
/// written values with ties; fermatas; title, composer and catalogue number in the header. Durations that no
/// dotted value spells (triplets and other tuplets) are written as scaled values (<c>8*2/3</c>), so timing is
/// exact though such notes are not bracketed. Stateless and thread-safe.
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
    /// Where barlines fall: after the pickup (the first measure, when the source marks it shorter than its meter),
    /// then every measure length of the meter in force, up to the end of the piece (the last note's end, or the
    /// end of the last measure the source marks, whichever is later). The first entry is 0, the last the end.
    /// </summary>
    internal static List<Rational> Barlines(Score score)
    {
        var bars = new List<Rational> { Rational.Zero };
        var end = score.Measures.IsEmpty ? score.Length : Rational.Max(score.Length, score.Measures[^1].Onset + score.Measures[^1].Duration);
        var t = Rational.Zero;
        if (!score.Measures.IsEmpty && score.Measures[0].Onset == Rational.Zero &&
            score.Measures[0].Duration > Rational.Zero && score.Measures[0].Duration < score.Meter.MeasureLength)
        {
            t = score.Measures[0].Duration;
            if (t < end) bars.Add(t);
        }
        while (true)
        {
            t += score.MeterAt(t).MeasureLength;
            if (t >= end) break;
            bars.Add(t);
        }
        bars.Add(Rational.Max(end, bars[^1]));
        return bars;
    }

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
        for (int e = 0; e < events.Count; e++)
        {
            var ev = events[e];
            var start = ev.Start;
            while (start < ev.End)
            {
                while (bar + 1 < bars.Count && bars[bar + 1] <= start) bar++;
                if (start == bars[bar])
                {
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
                var values = Values(stop - start);
                for (int v = 0; v < values.Count; v++)
                {
                    bool last = stop == ev.End && v == values.Count - 1;
                    ly.Append(ev.Pitches.Length switch
                    {
                        0 => "r",
                        1 => PitchName(ev.Pitches[0]),
                        _ => "<" + string.Join(" ", ev.Pitches.Select(PitchName)) + ">",
                    });
                    ly.Append(values[v]);
                    if (ev.Pitches.Length > 0 && !last) ly.Append('~');
                    if (ev.Fermata && last) ly.Append("\\fermata");
                    ly.Append(' ');
                }
                start = stop;
            }
        }
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

    private static readonly Rational Breve = 8;
    private static readonly Rational Shortest = new(1, 64);

    /// <summary>
    /// Written values for a length, longest first, each a LilyPond duration: "4", "8.", "2..", "\breve";
    /// a length with a denominator other than a power of two becomes one scaled value ("8*2/3").
    /// </summary>
    internal static List<string> Values(Rational length)
    {
        var result = new List<string>();
        if (!IsPowerOfTwo(length.Denominator))
        {
            result.Add(Duration(length));
            return result;
        }
        var remaining = length;
        while (remaining > Rational.Zero)
        {
            var value = Breve;
            while (value > remaining && value > Shortest) value /= 2;
            if (value > remaining)
            {
                result.Add(Duration(remaining));
                break;
            }
            var written = value;
            int dots = 0;
            for (var add = value / 2; dots < 2 && written + add <= remaining; add /= 2, dots++) written += add;
            result.Add(Name(value) + new string('.', dots));
            remaining -= written;
        }
        return result;
    }

    /// <summary>
    /// One LilyPond duration for a length: a plain value when it is a power of two, else the next longer value
    /// scaled down ("8*2/3" for a triplet eighth, "4*3" for three quarters).
    /// </summary>
    private static string Duration(Rational length)
    {
        var value = Breve;
        while (value / 2 >= length && value > Shortest) value /= 2;
        if (value == length) return Name(value);
        var factor = length / value;
        return Name(value) + "*" + factor.Numerator.ToString(CultureInfo.InvariantCulture) +
               (factor.IsInteger ? "" : "/" + factor.Denominator.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The LilyPond name of a power-of-two length in quarter notes: 8 → \breve, 4 → 1, 1 → 4, 1/2 → 8.</summary>
    private static string Name(Rational value) =>
        value == Breve ? "\\breve" : (4 / value).Numerator.ToString(CultureInfo.InvariantCulture);

    private static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
