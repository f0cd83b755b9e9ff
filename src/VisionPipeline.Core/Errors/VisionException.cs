namespace VisionPipeline.Core.Errors;

/// <summary>
/// A failure caused by user input (a file, a model, a setting). <see cref="Exception.Message"/> is one line that
/// names the file, the position when there is one, and what is wrong (see <see cref="ErrorLine"/>).
/// </summary>
public class VisionException : Exception
{
    /// <summary>An error whose place is described in words (<paramref name="position"/>: "package 'x'", "result #3"), or not at all.</summary>
    public VisionException(string? file, string problem, string? position = null, Exception? inner = null)
        : base(ErrorLine.Format(file, position, problem), inner)
    {
        File = file;
        Position = position;
        Problem = problem;
    }

    /// <summary>An error at a line and column of a text file: <c>file:line:column: problem</c> (<c>file: problem</c> when <paramref name="at"/> is not known).</summary>
    public VisionException(string? file, TextPosition? at, string problem, Exception? inner = null)
        : base(ErrorLine.Format(file, at, problem), inner)
    {
        File = file;
        At = at;
        Problem = problem;
    }

    public string? File { get; }

    /// <summary>The place in words, when it is not a line and column.</summary>
    public string? Position { get; }

    /// <summary>The line and column of the offending key or value, when known.</summary>
    public TextPosition? At { get; }

    public string Problem { get; }
}

/// <summary>An error in how the program was called or configured (exit code 2).</summary>
public class ConfigurationException : VisionException
{
    public ConfigurationException(string? file, string problem, string? position = null, Exception? inner = null)
        : base(file, problem, position, inner) { }

    public ConfigurationException(string? file, TextPosition? at, string problem, Exception? inner = null)
        : base(file, at, problem, inner) { }
}
