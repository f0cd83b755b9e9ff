using System.Text;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;

namespace VisionPipeline.Evaluation.Inputs;

/// <summary>One CSV record: its 1-based line (0 for rows that come from no file) and its cells with the column each starts at.</summary>
public sealed record CsvRow(int Line, LineField[] Cells)
{
    public int Count => Cells.Length;

    public string this[int cell] => Cells[cell].Text;

    /// <summary>Where a cell stands; null for a row that comes from no file.</summary>
    public TextPosition? At(int cell) => Line > 0 ? new TextPosition(Line, Cells[cell].Column) : null;
}

/// <summary>Comma-separated rows (RFC 4180 quoting, one record per line) with their 1-based line numbers and cell columns.</summary>
public static class CsvRows
{
    public static IEnumerable<CsvRow> Read(string path)
    {
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return new CsvRow(line, Split(text, path, line));
        }
    }

    private static LineField[] Split(string text, string path, int line)
    {
        var cells = new List<LineField>();
        var cell = new StringBuilder();
        int start = -1;       // index of the cell's first character that is not white space
        int quoteStart = -1;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (start < 0 && !char.IsWhiteSpace(c) && c != ',') start = i;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') { quoted = true; quoteStart = i; }
            else if (c == ',')
            {
                cells.Add(new LineField(cell.ToString().Trim(), (start < 0 ? i : start) + 1));
                cell.Clear();
                start = -1;
            }
            else cell.Append(c);
        }
        if (quoted) throw new VisionException(path, new TextPosition(line, quoteStart + 1), "unterminated quoted field");
        cells.Add(new LineField(cell.ToString().Trim(), (start < 0 ? text.Length : start) + 1));
        return cells.ToArray();
    }
}
