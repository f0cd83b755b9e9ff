namespace VisionPipeline.Datasets;

/// <summary>
/// Problems a reader or writer met that did not stop it (an empty label file, a shape a target format cannot hold).
/// Each is one line naming the file and position; the caller prints them — nothing is dropped silently.
/// </summary>
public sealed class DatasetWarnings
{
    private readonly List<string> _items = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Items
    {
        get { lock (_gate) return _items.ToArray(); }
    }

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    public void Add(string? file, string problem, string? position = null)
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrEmpty(file)) parts.Add(file);
        if (!string.IsNullOrEmpty(position)) parts.Add(position);
        parts.Add(problem.ReplaceLineEndings(" "));
        lock (_gate) _items.Add(string.Join(": ", parts));
    }
}
