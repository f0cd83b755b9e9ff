namespace VisionPipeline.Core.Text;

/// <summary>One field of a line of text and the 1-based column it starts at (counted in characters).</summary>
public readonly record struct LineField(string Text, int Column);

/// <summary>Splits a line of a label or prediction file at white space, keeping where each field starts so errors can name its column.</summary>
public static class LineFields
{
    /// <param name="alsoSeparators">characters that separate fields besides white space (a priors file's commas)</param>
    public static LineField[] Split(string line, string alsoSeparators = "")
    {
        bool Separates(char c) => char.IsWhiteSpace(c) || alsoSeparators.Contains(c);
        var fields = new List<LineField>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && Separates(line[i])) i++;
            var start = i;
            while (i < line.Length && !Separates(line[i])) i++;
            if (i > start) fields.Add(new LineField(line[start..i], start + 1));
        }
        return fields.ToArray();
    }
}
