namespace VisionPipeline.Core.Errors;

/// <summary>
/// A failure caused by user input (a file, a model, a setting). <see cref="Exception.Message"/> is one line that
/// names the file, the position when there is one, and what is wrong.
/// </summary>
public class VisionException : Exception
{
    public VisionException(string? file, string problem, string? position = null, Exception? inner = null)
        : base(Format(file, position, problem), inner)
    {
        File = file;
        Position = position;
        Problem = problem;
    }

    public string? File { get; }
    public string? Position { get; }
    public string Problem { get; }

    private static string Format(string? file, string? position, string problem)
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrEmpty(file)) parts.Add(file);
        if (!string.IsNullOrEmpty(position)) parts.Add(position);
        parts.Add(problem.ReplaceLineEndings(" "));
        return string.Join(": ", parts);
    }
}

/// <summary>An error in how the program was called or configured (exit code 2).</summary>
public class ConfigurationException(string? file, string problem, string? position = null, Exception? inner = null)
    : VisionException(file, problem, position, inner);
