namespace VisionPipeline.Datasets.Formats;

/// <summary>
/// What a conversion could not carry over, counted by kind, each with its first example
/// ("polygons written as boxes: 120 annotations, e.g. annotation 17 in images/a.jpg").
/// </summary>
public sealed class LossReport
{
    private readonly Dictionary<string, (int Count, string Example)> _byKind = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool IsEmpty => _order.Count == 0;

    public void Add(string kind, string example)
    {
        if (_byKind.TryGetValue(kind, out var entry)) _byKind[kind] = (entry.Count + 1, entry.Example);
        else
        {
            _byKind[kind] = (1, example);
            _order.Add(kind);
        }
    }

    public int CountOf(string kind) => _byKind.TryGetValue(kind, out var entry) ? entry.Count : 0;

    public IEnumerable<string> Lines() =>
        _order.Select(kind => $"{kind}: {_byKind[kind].Count}, e.g. {_byKind[kind].Example}");
}
