namespace VisionPipeline.Cli.Terminal;

/// <summary>A plain-text table with aligned columns; numeric-looking cells are right-aligned.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params object?[] cells)
    {
        _rows.Add(cells.Select(c => c?.ToString() ?? "").ToArray());
        return this;
    }

    public void Write(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        writer.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
            writer.WriteLine(string.Join("  ", row.Select((c, i) => IsNumber(c) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
    }

    private static bool IsNumber(string s) => s.Length > 0 && (char.IsDigit(s[0]) || s[0] == '-' && s.Length > 1 && char.IsDigit(s[1]));
}
