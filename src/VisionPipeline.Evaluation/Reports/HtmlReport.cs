using System.Net;
using System.Text;

namespace VisionPipeline.Evaluation.Reports;

/// <summary>
/// One self-contained HTML page: inline CSS and SVG, images as data URIs, no script and no external reference, so it
/// opens offline and can be mailed as a single file.
/// </summary>
public sealed class HtmlReport(string title)
{
    private readonly StringBuilder _body = new();

    public HtmlReport Heading(string text)
    {
        _body.Append("<h2>").Append(Escape(text)).Append("</h2>\n");
        return this;
    }

    public HtmlReport Paragraph(string text)
    {
        _body.Append("<p>").Append(Escape(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A table; each cell is text (escaped).</summary>
    public HtmlReport Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<table><tr>");
        foreach (var h in headers) _body.Append("<th>").Append(Escape(h)).Append("</th>");
        _body.Append("</tr>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var c in row) _body.Append("<td>").Append(Escape(c)).Append("</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</table>\n");
        return this;
    }

    /// <summary>Raw markup made by <see cref="SvgCharts"/> or <see cref="ImageEmbedding"/>.</summary>
    public HtmlReport Markup(string html)
    {
        _body.Append(html).Append('\n');
        return this;
    }

    public HtmlReport Figure(string html, string caption)
    {
        _body.Append("<figure>").Append(html).Append("<figcaption>").Append(Escape(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    public override string ToString() => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Escape(title)}}</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
        th{background:#f3f3f3}td:first-child{text-align:left}
        figure{display:inline-block;margin:0.5em;vertical-align:top}figcaption{font-size:85%;color:#555}
        img{max-width:560px;border:1px solid #ccc}svg text{font-size:11px;font-family:system-ui,sans-serif}
        </style></head><body>
        <h1>{{Escape(title)}}</h1>
        {{_body}}</body></html>
        """;

    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
