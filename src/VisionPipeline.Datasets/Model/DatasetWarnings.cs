using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets;

/// <summary>
/// Problems a reader or writer met that did not stop it (an empty label file, a shape a target format cannot hold).
/// Each is one line naming the file and position; the caller prints them — nothing is dropped silently.
/// </summary>
public sealed class DatasetWarnings
{
    private readonly List<string> _items = [];
    private readonly Lock _gate = new();
    private int _skipped;

    public IReadOnlyList<string> Items
    {
        get { lock (_gate) return _items.ToArray(); }
    }

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    /// <summary>How many of the items say an input was not read or an image not written (exit code 1).</summary>
    public int Skipped
    {
        get { lock (_gate) return _skipped; }
    }

    /// <summary>An informational warning: everything was still read or written.</summary>
    public void Add(string? file, string problem, string? position = null) => Add(ErrorLine.Format(file, position, problem), skipped: false);

    /// <summary>An informational warning at a line and column of <paramref name="file"/>.</summary>
    public void Add(string? file, TextPosition at, string problem) => Add(ErrorLine.Format(file, at, problem), skipped: false);

    /// <summary>An input that was not read, or an image that was not written; the problem says which.</summary>
    public void Skip(string? file, string problem, string? position = null) => Add(ErrorLine.Format(file, position, problem), skipped: true);

    /// <summary>An input error that cost one image (<paramref name="consequence"/>: "image a.jpg not read"), the rest goes on.</summary>
    public void Skip(VisionException error, string consequence) =>
        Add(ErrorLine.Format(error.File, error.At, error.Position, $"{error.Problem}; {consequence}"), skipped: true);

    private void Add(string line, bool skipped)
    {
        lock (_gate)
        {
            _items.Add(line);
            if (skipped) _skipped++;
        }
    }
}
