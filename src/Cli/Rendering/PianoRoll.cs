using System.Globalization;
using System.Security;
using System.Text;
using EvoComposer.Theory.Music;

namespace EvoComposer.Cli.Rendering;

/// <summary>
/// Draws a score as a piano-roll SVG with no outside tools: time to the right, pitch upwards, one colour per
/// part (with a legend), barlines, a labelled line at every C, fermatas as dots above their notes, and a
/// tooltip on every note. Deterministic: the same score gives the same bytes.
/// </summary>
internal static class PianoRoll
{
    private const double QuarterWidth = 24, SemitoneHeight = 6, Left = 44, Top = 48, Bottom = 16, Right = 16;

    // Colours that stay apart for up to eight parts (soprano red, alto orange, tenor green, bass blue, ...).
    private static readonly string[] Colours = ["#d62728", "#ff7f0e", "#2ca02c", "#1f77b4", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>The SVG document for a score.</summary>
    public static string Write(Score score)
    {
        var notes = score.Parts.SelectMany(p => p.Notes).ToArray();
        int low = notes.Length == 0 ? 60 : notes.Min(n => n.Pitch.Midi) - 2;
        int high = notes.Length == 0 ? 72 : notes.Max(n => n.Pitch.Midi) + 2;
        double length = Math.Max(score.Length.ToDouble(), 1);
        double width = Left + length * QuarterWidth + Right, height = Top + (high - low + 1) * SemitoneHeight + Bottom;
        double Y(int midi) => Top + (high - midi) * SemitoneHeight;
        double X(Rational onset) => Left + onset.ToDouble() * QuarterWidth;

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"10\">\n"));
        svg.Append(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{Left}\" y=\"16\" font-size=\"13\">{Escape(score.Metadata.Title ?? Path.GetFileName(score.Metadata.SourceFile) ?? "Untitled")}</text>\n"));

        // Legend.
        double legendX = Left;
        for (int p = 0; p < score.Parts.Length; p++)
        {
            svg.Append(F($"<rect x=\"{legendX}\" y=\"26\" width=\"10\" height=\"10\" fill=\"{Colour(p)}\"/>"));
            svg.Append(F($"<text x=\"{legendX + 14}\" y=\"35\">{Escape(score.Parts[p].Name)}</text>\n"));
            legendX += 24 + 7 * score.Parts[p].Name.Length;
        }

        // Black-key bands and a labelled line at each C.
        for (int midi = low; midi <= high; midi++)
        {
            if (midi % 12 is 1 or 3 or 6 or 8 or 10)
                svg.Append(F($"<rect x=\"{Left}\" y=\"{Y(midi)}\" width=\"{length * QuarterWidth}\" height=\"{SemitoneHeight}\" fill=\"#f0f0f0\"/>\n"));
            if (midi % 12 == 0)
            {
                double y = Y(midi) + SemitoneHeight;
                svg.Append(F($"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Left + length * QuarterWidth}\" y2=\"{y}\" stroke=\"#c8c8c8\"/>"));
                svg.Append(F($"<text x=\"4\" y=\"{y}\">C{midi / 12 - 1}</text>\n"));
            }
        }

        // Barlines: the measures the source marks, or the meter's.
        foreach (var bar in BarOnsets(score))
        {
            double x = X(bar);
            svg.Append(F($"<line x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{height - Bottom}\" stroke=\"#a0a0a0\" stroke-width=\"0.5\"/>\n"));
        }

        for (int p = 0; p < score.Parts.Length; p++)
        {
            var part = score.Parts[p];
            svg.Append(F($"<g fill=\"{Colour(p)}\" fill-opacity=\"0.85\">\n"));
            foreach (var n in part.Notes)
            {
                double x = X(n.Onset), y = Y(n.Pitch.Midi), w = Math.Max(n.Duration.ToDouble() * QuarterWidth - 1, 1);
                svg.Append(F($"<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{SemitoneHeight}\" rx=\"1.5\">"));
                svg.Append(F($"<title>{Escape(part.Name)} {n.Pitch}, measure {n.Measure}, onset {n.Onset.ToDecimalString()}, duration {n.Duration.ToDecimalString()}{(n.Fermata ? ", fermata" : "")}</title></rect>\n"));
                if (n.Fermata) svg.Append(F($"<circle cx=\"{x + w / 2}\" cy=\"{y - 4}\" r=\"2\"/>\n"));
            }
            svg.Append("</g>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static IEnumerable<Rational> BarOnsets(Score score)
    {
        if (!score.Measures.IsEmpty) return score.Measures.Select(m => m.Onset).Append(score.Length);
        var bars = new List<Rational>();
        for (var t = Rational.Zero; t <= score.Length; t += score.MeterAt(t).MeasureLength) bars.Add(t);
        return bars;
    }

    private static string Colour(int part) => Colours[part % Colours.Length];

    private static string Escape(string text) => SecurityElement.Escape(text);

    // Numbers in SVG: invariant culture, at most two decimals.
    private static string F(FormattableString text) => text.ToString(SvgNumbers.Instance);

    private sealed class SvgNumbers : IFormatProvider, ICustomFormatter
    {
        public static readonly SvgNumbers Instance = new();

        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
        {
            double d => Math.Round(d, 2).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
            _ => arg?.ToString() ?? "",
        };
    }
}
