using System.Globalization;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Corpora;

/// <summary>
/// A filter over <see cref="PieceLabels"/>, parsed from clauses joined by commas:
/// <c>mode=minor,meter=3/4,length&lt;80,composer~bach</c>. Operators: <c>= != &lt; &gt; &lt;= &gt;= ~</c>
/// (<c>~</c>: contains, case-insensitive). Fields: composer, epoch, genre, key (e.g. "G major" or "g"), mode,
/// meter, voices, length (quarters), measures, density, tempo, register (mean MIDI pitch), low, high, activity,
/// minor (share of minor chords). Immutable.
/// </summary>
public sealed class CorpusFilter
{
    private static readonly string[] Operators = ["<=", ">=", "!=", "=", "<", ">", "~"];
    private static readonly string[] Fields =
        ["composer", "epoch", "genre", "key", "mode", "meter", "voices", "length", "measures", "density", "tempo", "register", "low", "high", "activity", "minor"];
    private readonly (string Field, string Op, string Value)[] _clauses;

    private CorpusFilter((string, string, string)[] clauses, string text)
    {
        _clauses = clauses;
        Text = text;
    }

    /// <summary>The filter as written.</summary>
    public string Text { get; }

    /// <summary>Parses a filter.</summary>
    /// <exception cref="FormatException">A clause has no operator or names an unknown field; the message says which.</exception>
    public static CorpusFilter Parse(string text)
    {
        var clauses = new List<(string, string, string)>();
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = -1;
            string op = "";
            foreach (string o in Operators)
            {
                int i = raw.IndexOf(o, StringComparison.Ordinal);
                if (i > 0 && (at < 0 || i < at || (i == at && o.Length > op.Length))) { at = i; op = o; }
            }
            if (at < 0) throw new FormatException($"filter clause '{raw}' has no operator (= != < > <= >= ~)");
            string field = raw[..at].Trim().ToLowerInvariant(), value = raw[(at + op.Length)..].Trim();
            if (!Fields.Contains(field)) throw new FormatException($"filter clause '{raw}': unknown field '{field}' (known: {string.Join(", ", Fields)})");
            clauses.Add((field, op, value));
        }
        return new CorpusFilter(clauses.ToArray(), text);
    }

    /// <summary>True when every clause holds.</summary>
    public bool Matches(PieceLabels labels) => _clauses.All(c => Holds(labels, c.Field, c.Op, c.Value));

    private static bool Holds(PieceLabels l, string field, string op, string value)
    {
        double? number = field switch
        {
            "voices" => l.Voices,
            "length" => l.LengthQuarters,
            "measures" => l.Measures,
            "density" => l.NoteDensity,
            "tempo" => l.Tempo,
            "register" => l.MeanPitch,
            "low" => l.LowestPitch,
            "high" => l.HighestPitch,
            "activity" => l.RhythmicActivity,
            "minor" => l.MinorChordShare,
            _ => null,
        };
        if (number is { } x)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
                throw new FormatException($"filter: '{value}' is not a number for '{field}'");
            return op switch { "=" => x == y, "!=" => x != y, "<" => x < y, ">" => x > y, "<=" => x <= y, ">=" => x >= y, _ => false };
        }
        string text = field switch
        {
            "composer" => l.Composer,
            "epoch" => l.Epoch,
            "genre" => l.Genre,
            "mode" => l.Mode == Mode.Major ? "major" : "minor",
            "meter" => l.Meter.ToString(),
            _ => l.Key.ToString(),
        };
        if (field == "key" && op is "=" or "!=" && Key.TryParse(value, out var k))
            return (l.Key == k) == (op == "=");
        return op switch
        {
            "=" => string.Equals(text, value, StringComparison.OrdinalIgnoreCase),
            "!=" => !string.Equals(text, value, StringComparison.OrdinalIgnoreCase),
            "~" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
            _ => throw new FormatException($"filter: '{op}' does not apply to '{field}'"),
        };
    }
}
