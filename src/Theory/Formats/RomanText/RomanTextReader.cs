using System.Collections.Immutable;
using System.Globalization;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Formats.RomanText;

/// <summary>One chord label of a RomanText analysis: where it starts, the local key, the numeral and the chord it names.</summary>
/// <param name="Measure">Measure number (0 for a pickup).</param>
/// <param name="Beat">Beat in the measure, 1-based (2.5 = halfway through beat 2).</param>
/// <param name="Key">The key in force.</param>
/// <param name="Numeral">The numeral as written ("V6/5/V", "viio7", "Cad64").</param>
/// <param name="Chord">The chord it names, or null for numerals this reader does not interpret (augmented sixths).</param>
public sealed record RomanTextLabel(int Measure, Rational Beat, Key Key, string Numeral, Chord? Chord);

/// <summary>A RomanText analysis: the header fields ("Composer", "BWV", "Time Signature", …) and the chord labels in order.</summary>
/// <param name="Fields">Header fields by name, in source order.</param>
/// <param name="Labels">Chord labels in order of measure and beat (variants such as <c>m11var1</c> are skipped).</param>
public sealed record RomanTextAnalysis(ImmutableArray<KeyValuePair<string, string>> Fields, ImmutableArray<RomanTextLabel> Labels)
{
    /// <summary>A header field's value, or null.</summary>
    public string? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// Reads RomanText (<c>.rntxt</c>; Tymoczko, Gotham &amp; Cuthbert 2019), the format of the expert chorale analyses in
/// music21's corpus: header lines <c>Name: value</c> and measure lines <c>m4 b2 G: V6/5 b3 I ||</c>. Keys are written
/// <c>G:</c> (major) or <c>g:</c> (minor), <c>Bb:</c>/<c>bb:</c> with <c>b</c> or <c>-</c> for flats. Numerals follow
/// music21: case gives the quality, <c>o</c> diminished, <c>/o</c> or <c>ø</c> half-diminished, <c>+</c> augmented,
/// figures 6, 64, 7, 65, 43, 42 (also written 6/5, 4/3, …), secondary numerals after a slash (<c>V7/V</c>), and in
/// minor the sixth and seventh degrees raised for lower-case numerals and natural for upper-case ones.
/// </summary>
public static class RomanTextReader
{
    /// <summary>Reads a file.</summary>
    /// <exception cref="ScoreFormatException">The file cannot be read or a measure line is malformed.</exception>
    public static RomanTextAnalysis Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScoreFormatException(path, null, $"cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses RomanText. Unknown numerals become labels without a chord; malformed measure or beat tokens are errors.</summary>
    /// <exception cref="ScoreFormatException">A measure line is malformed.</exception>
    public static RomanTextAnalysis Parse(string text, string? sourceName = null)
    {
        var fields = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var labels = ImmutableArray.CreateBuilder<RomanTextLabel>();
        Key key = new(Step.C, 0, Mode.Major);
        var lines = text.Split('\n');
        for (int li = 0; li < lines.Length; li++)
        {
            string line = lines[li].Trim();
            if (line.Length == 0) continue;
            if (line.Length > 1 && line[0] == 'm' && char.IsDigit(line[1]))
            {
                var tokens = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                string head = tokens[0];
                int end = 1;
                while (end < head.Length && char.IsDigit(head[end])) end++;
                if (end < head.Length) continue; // variants (m11var1) and ranges (m10-12 = …) are not read
                int measure = int.Parse(head.AsSpan(1, end - 1), CultureInfo.InvariantCulture);
                Rational beat = Rational.One;
                for (int t = 1; t < tokens.Length; t++)
                {
                    string tok = tokens[t];
                    if (tok is "||" or ":||" or "||:" or "|") continue;
                    if (tok.Length > 1 && tok[0] == 'b' && (char.IsDigit(tok[1])))
                    {
                        try
                        {
                            beat = Rational.Parse(tok[1..]);
                        }
                        catch (Exception e) when (e is FormatException or OverflowException)
                        {
                            throw new ScoreFormatException(sourceName, $"line {li + 1}", $"'{tok}' is not a beat such as b2 or b2.5", e);
                        }
                        continue;
                    }
                    if (tok.EndsWith(':'))
                    {
                        if (!TryParseKey(tok[..^1], out key))
                            throw new ScoreFormatException(sourceName, $"line {li + 1}", $"'{tok}' is not a key such as G: or f#:");
                        continue;
                    }
                    labels.Add(new RomanTextLabel(measure, beat, key, tok, TryParseNumeral(tok, key, out var chord) ? chord : null));
                }
                continue;
            }
            int colon = line.IndexOf(':');
            if (colon > 0) fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new RomanTextAnalysis(fields.ToImmutable(), labels.ToImmutable());
    }

    /// <summary>Parses a RomanText key: "G" major, "g" minor, "Bb"/"B-" and "bb"/"b-" with flats, "F#"/"f#" with sharps.</summary>
    public static bool TryParseKey(string text, out Key key)
    {
        key = default;
        if (text.Length == 0 || !Steps.TryParse(text[0], out var step)) return false;
        var mode = char.IsUpper(text[0]) ? Mode.Major : Mode.Minor;
        int alter = 0;
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == '#') alter++;
            else if (text[i] is 'b' or '-') alter--;
            else return false;
        }
        if (Math.Abs(alter) > 2) return false;
        key = new Key(step, alter, mode);
        return true;
    }

    private static readonly string[] Numerals = ["VII", "VI", "V", "IV", "III", "II", "I"];
    private static readonly int[] NumeralDegree = [6, 5, 4, 3, 2, 1, 0];
    private static readonly int[] MajorScale = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] MinorScale = [0, 2, 3, 5, 7, 8, 10];

    /// <summary>
    /// Interprets a numeral in a key as a chord (root, quality, seventh, inversion). False for augmented sixths and
    /// anything unrecognised.
    /// </summary>
    public static bool TryParseNumeral(string numeral, Key key, out Chord chord)
    {
        chord = default;
        string t = numeral;
        int bracket = t.IndexOf('[');
        if (bracket >= 0) t = t[..bracket];
        if (t == "Cad64") t = "I64";
        bool neapolitan = t.StartsWith('N');
        if (neapolitan) t = "bII" + t[1..];
        if (t.StartsWith("It", StringComparison.Ordinal) || t.StartsWith("Ger", StringComparison.Ordinal) || t.StartsWith("Fr", StringComparison.Ordinal)) return false;
        var parts = t.Split('/');
        // Secondary numerals: everything after the figure parts, applied right to left.
        int firstSecondary = parts.Length;
        for (int i = 1; i < parts.Length; i++)
        {
            string p = parts[i];
            if (p.Length > 0 && (char.IsDigit(p[0]) || (p[0] == 'o' && i == 1))) continue;
            firstSecondary = i;
            break;
        }
        Key local = key;
        for (int i = parts.Length - 1; i >= firstSecondary; i--)
        {
            if (!TryParseNumeral(parts[i], local, out var tonic) || tonic.Triad is not (TriadQuality.Major or TriadQuality.Minor)) return false;
            if (Math.Abs(tonic.RootAlter) > 2) return false;
            local = new Key(tonic.RootStep, tonic.RootAlter, tonic.Triad == TriadQuality.Major ? Mode.Major : Mode.Minor);
        }
        string head = parts[0];
        bool halfDiminished = false;
        string figure = "";
        for (int i = 1; i < firstSecondary; i++)
        {
            if (parts[i].StartsWith('o')) { halfDiminished = true; figure += parts[i][1..]; }
            else figure += parts[i];
        }
        int pos = 0, accidental = 0;
        while (pos < head.Length && head[pos] is 'b' or '#' or '-')
        {
            if (pos + 1 < head.Length && head[pos] == 'b' && head.Length > pos + 1 && !IsNumeralStart(head[pos + 1])) break;
            accidental += head[pos] == '#' ? 1 : -1;
            pos++;
        }
        int degree = -1;
        bool upper = false;
        foreach (var (n, d) in Numerals.Zip(NumeralDegree))
        {
            if (string.Compare(head, pos, n, 0, n.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
            string written = head.Substring(pos, n.Length);
            if (written != n && written != n.ToLowerInvariant()) continue; // mixed case is not a numeral
            degree = d;
            upper = written == n;
            pos += n.Length;
            break;
        }
        if (degree < 0) return false;
        var triad = upper ? TriadQuality.Major : TriadQuality.Minor;
        if (pos < head.Length && head[pos] == '+') { triad = TriadQuality.Augmented; pos++; }
        else if (pos < head.Length && head[pos] == 'o') { triad = TriadQuality.Diminished; pos++; }
        else if (pos < head.Length && head[pos] == 'ø') { triad = TriadQuality.Diminished; halfDiminished = true; pos++; }
        if (halfDiminished) triad = TriadQuality.Diminished;
        figure = head[pos..] + figure;
        if (figure.Length > 0 && !figure.All(char.IsDigit)) return false;
        (bool seventh, int inversion) = figure switch
        {
            "" or "5" or "53" => (false, 0),
            "6" or "63" => (false, 1),
            "64" => (false, 2),
            "7" or "753" => (true, 0),
            "65" or "653" => (true, 1),
            "43" or "643" => (true, 2),
            "42" or "2" or "642" => (true, 3),
            _ => (false, -1),
        };
        if (inversion < 0) return false;
        int semis = (local.Mode == Mode.Major ? MajorScale : MinorScale)[degree];
        if (local.Mode == Mode.Minor && degree is 5 or 6 && !upper) semis++; // raised sixth and seventh for lower-case numerals
        var root = local.TonicPitch(4).Transpose(new Interval(degree, semis));
        int alter = root.Alter + accidental;
        if (Math.Abs(alter) > 2) return false;
        var seventhQuality = !seventh ? SeventhQuality.None
            : halfDiminished ? SeventhQuality.Minor
            : triad == TriadQuality.Diminished ? SeventhQuality.Diminished
            : SeventhFromScale(local, degree, semis + accidental, upper);
        chord = new Chord(root.Step, alter, triad, seventhQuality, inversion);
        return true;
    }

    private static bool IsNumeralStart(char c) => c is 'I' or 'V' or 'i' or 'v';

    /// <summary>The seventh a diatonic seventh chord has in the key (V7: minor; IV7 in major: major).</summary>
    private static SeventhQuality SeventhFromScale(Key key, int degree, int rootSemis, bool upper)
    {
        if (upper && degree == 4) return SeventhQuality.Minor; // V7 is always a dominant seventh
        var scale = key.Mode == Mode.Major ? MajorScale : MinorScale;
        int seventh = scale[(degree + 6) % 7] + ((degree + 6) % 7 < degree ? 12 : 0);
        int size = ((seventh - rootSemis) % 12 + 12) % 12;
        return size == 11 ? SeventhQuality.Major : SeventhQuality.Minor;
    }
}
