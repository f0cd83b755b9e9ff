namespace VisionPipeline.Core.Errors;

/// <summary>
/// Where something stands in a text file: 1-based line and 1-based column (counted in characters, as an editor counts them).
/// Errors print it compiler-style, <c>file:line:column: problem</c>, which editors and terminals make clickable.
/// </summary>
public readonly record struct TextPosition(int Line, int Column) : IComparable<TextPosition>
{
    /// <summary>From a parser's 1-based line and column given as longs (YamlDotNet's <c>Mark</c>).</summary>
    public static TextPosition Of(long line, long column) => new((int)line, (int)column);

    /// <summary>The start of a 1-based line.</summary>
    public static TextPosition StartOf(int line) => new(line, 1);

    public int CompareTo(TextPosition other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);

    public override string ToString() => $"{Line}:{Column}";
}
