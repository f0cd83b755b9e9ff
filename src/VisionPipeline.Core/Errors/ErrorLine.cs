namespace VisionPipeline.Core.Errors;

/// <summary>
/// The one way an input error becomes a line of text: <c>file:line:column: problem</c> where the position is known,
/// <c>file: context: problem</c> where only a description of the place is (a package name, a result's number).
/// </summary>
public static class ErrorLine
{
    public static string Format(string? file, TextPosition? at, string problem) => Format(file, at, null, problem);

    public static string Format(string? file, string? context, string problem) => Format(file, null, context, problem);

    /// <summary>Either or both places: the line and column, and words for a place that has none.</summary>
    public static string Format(string? file, TextPosition? at, string? context, string problem)
    {
        var where = at is { } p ? $"{file}:{p}" : file;
        var parts = new List<string>(3);
        if (!string.IsNullOrEmpty(where)) parts.Add(where);
        if (!string.IsNullOrEmpty(context)) parts.Add(context);
        parts.Add(problem.ReplaceLineEndings(" "));
        return string.Join(": ", parts);
    }
}
