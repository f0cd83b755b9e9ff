using System.Globalization;
using System.Text;

namespace VisionPipeline.Evaluation.Reports;

/// <summary>Inline SVG charts: line plots (precision/recall curves), bar charts and heatmaps.</summary>
public static class SvgCharts
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Tick(double v) => v.ToString(Math.Abs(v) >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);

    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>The values an axis spans, drawn from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public sealed record Axis(double Min, double Max)
    {
        public static readonly Axis Unit = new(0, 1);

        /// <summary>From 0 (or the lowest value, when below) to the highest value plus a margin: losses, counts.</summary>
        public static Axis FromZero(IEnumerable<double> values)
        {
            var finite = values.Where(double.IsFinite).ToList();
            double low = Math.Min(0, finite.DefaultIfEmpty(0).Min()), high = finite.DefaultIfEmpty(1).Max();
            return high > low ? new Axis(low, high + (high - low) * 0.05) : new Axis(low, low + 1);
        }

        /// <summary>Whole numbers first to last (epochs); one value is drawn in the middle.</summary>
        public static Axis Steps(int first, int last) => last > first ? new Axis(first, last) : new Axis(first - 1, first + 1);

        public double Fraction(double value) => Math.Clamp((value - Min) / (Max - Min), 0, 1);

        public double At(double fraction) => Min + fraction * (Max - Min);
    }

    /// <summary>Curves with axis labels and a legend; each axis spans [0,1] unless given.</summary>
    public static string LinePlot(IReadOnlyList<Series> series, string xLabel, string yLabel, int width = 420, int height = 320, Axis? x = null, Axis? y = null)
    {
        x ??= Axis.Unit;
        y ??= Axis.Unit;
        const int left = 45, top = 10, bottom = 40;
        int right = series.Count > 1 ? 130 : 15;
        double pw = width - left - right, ph = height - top - bottom;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">");
        svg.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{F(pw)}\" height=\"{F(ph)}\" fill=\"none\" stroke=\"#999\"/>");
        for (int i = 0; i <= 10; i += 2)
        {
            double v = i / 10.0;
            svg.Append($"<text x=\"{F(left + v * pw)}\" y=\"{F(top + ph + 14)}\" text-anchor=\"middle\">{Tick(x.At(v))}</text>");
            svg.Append($"<text x=\"{left - 4}\" y=\"{F(top + ph - v * ph + 4)}\" text-anchor=\"end\">{Tick(y.At(v))}</text>");
        }
        svg.Append($"<text x=\"{F(left + pw / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\">{HtmlReport.Escape(xLabel)}</text>");
        svg.Append($"<text x=\"12\" y=\"{F(top + ph / 2)}\" transform=\"rotate(-90 12 {F(top + ph / 2)})\" text-anchor=\"middle\">{HtmlReport.Escape(yLabel)}</text>");
        for (int s = 0; s < series.Count; s++)
        {
            string color = Palette[s % Palette.Length];
            var path = string.Join(' ', series[s].Points.Select(p => $"{F(left + x.Fraction(p.X) * pw)},{F(top + ph - y.Fraction(p.Y) * ph)}"));
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{path}\"/>");
            if (series.Count > 1)
            {
                svg.Append($"<rect x=\"{width - right + 8}\" y=\"{top + 4 + s * 14}\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
                svg.Append($"<text x=\"{width - right + 22}\" y=\"{top + 13 + s * 14}\">{HtmlReport.Escape(series[s].Name)}</text>");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Bars with values on [0,1] (a value below 0, "undefined", is drawn as an empty slot marked n/a).</summary>
    public static string Bars(IReadOnlyList<(string Label, double Value)> bars, int height = 220)
    {
        const int left = 40, top = 10, bottom = 40, bar = 46;
        int width = left + bars.Count * bar + 10;
        double ph = height - top - bottom;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">");
        svg.Append($"<line x1=\"{left}\" y1=\"{F(top + ph)}\" x2=\"{width - 5}\" y2=\"{F(top + ph)}\" stroke=\"#999\"/>");
        for (int i = 0; i < bars.Count; i++)
        {
            double x = left + i * bar + 6;
            var (label, value) = bars[i];
            if (value >= 0)
            {
                double h = Math.Clamp(value, 0, 1) * ph;
                svg.Append($"<rect x=\"{F(x)}\" y=\"{F(top + ph - h)}\" width=\"{bar - 12}\" height=\"{F(h)}\" fill=\"{Palette[0]}\"/>");
            }
            svg.Append($"<text x=\"{F(x + (bar - 12) / 2.0)}\" y=\"{F(top + ph - (value >= 0 ? Math.Clamp(value, 0, 1) * ph : 0) - 3)}\" text-anchor=\"middle\">{(value >= 0 ? F(value) : "n/a")}</text>");
            svg.Append($"<text x=\"{F(x + (bar - 12) / 2.0)}\" y=\"{F(top + ph + 14)}\" text-anchor=\"middle\">{HtmlReport.Escape(label)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A confusion-matrix heatmap: rows truth, columns prediction, each row shaded by its own share.</summary>
    public static string Heatmap(IReadOnlyList<string> labels, long[,] counts, int maxClasses = 60)
    {
        int k = Math.Min(labels.Count, maxClasses);
        int cell = k > 30 ? 10 : k > 12 ? 18 : 34, left = 110, top = 110;
        int size = left + k * cell + 10;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{top + k * cell + 10}\">");
        for (int r = 0; r < k; r++)
        {
            long rowTotal = 0;
            for (int c = 0; c < labels.Count; c++) rowTotal += counts[r, c];
            svg.Append($"<text x=\"{left - 4}\" y=\"{top + r * cell + cell / 2 + 4}\" text-anchor=\"end\">{HtmlReport.Escape(Short(labels[r]))}</text>");
            for (int c = 0; c < k; c++)
            {
                double share = rowTotal == 0 ? 0 : (double)counts[r, c] / rowTotal;
                int shade = (int)Math.Round(255 * (1 - share));
                string fill = r == c ? $"rgb({shade},{Math.Min(255, shade + 40)},{shade})" : $"rgb(255,{shade},{shade})";
                svg.Append($"<rect x=\"{left + c * cell}\" y=\"{top + r * cell}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#eee\"><title>truth {HtmlReport.Escape(labels[r])}, predicted {HtmlReport.Escape(labels[c])}: {counts[r, c]}</title></rect>");
                if (cell >= 34 && counts[r, c] > 0)
                    svg.Append($"<text x=\"{left + c * cell + cell / 2}\" y=\"{top + r * cell + cell / 2 + 4}\" text-anchor=\"middle\">{counts[r, c]}</text>");
            }
        }
        for (int c = 0; c < k; c++)
        {
            double x = left + c * cell + cell / 2.0 + 4;
            svg.Append($"<text x=\"{F(x)}\" y=\"{top - 4}\" transform=\"rotate(-60 {F(x)} {top - 4})\">{HtmlReport.Escape(Short(labels[c]))}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Short(string label) => label.Length > 16 ? label[..15] + "…" : label;
}
