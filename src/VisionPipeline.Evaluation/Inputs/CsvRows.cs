using System.Text;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Evaluation.Inputs;

/// <summary>Comma-separated rows (RFC 4180 quoting, one record per line) with their 1-based line numbers.</summary>
public static class CsvRows
{
    public static IEnumerable<(int Line, string[] Cells)> Read(string path)
    {
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return (line, Split(text, path, line));
        }
    }

    private static string[] Split(string text, string path, int line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        if (quoted) throw new VisionException(path, "unterminated quoted field", $"line {line}");
        cells.Add(cell.ToString().Trim());
        return cells.ToArray();
    }
}
