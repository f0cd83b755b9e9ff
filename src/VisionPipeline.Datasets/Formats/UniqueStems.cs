namespace VisionPipeline.Datasets.Formats;

/// <summary>
/// Output names for layouts whose label file is named after its image's stem (YOLO labels, VOC XML): a second
/// image with the same stem (a.jpg after a.png) gets its extension added to the stem (a_jpg.jpg), then a number,
/// so image and label file stay a pair and no label file is overwritten. Stems compare ignoring case, as they
/// would on Windows and macOS file systems.
/// </summary>
internal sealed class UniqueStems
{
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public bool Contains(string path) => _used.Contains(StemPath(path));

    /// <summary>Claims the path's stem; returns the path, or the path with a new unique stem when it is taken.</summary>
    public string Claim(string path)
    {
        var stemPath = StemPath(path);
        if (_used.Add(stemPath)) return path;
        var extension = Path.GetExtension(path);
        var renamed = $"{stemPath}_{extension.TrimStart('.')}";
        var candidate = renamed;
        for (var n = 2; !_used.Add(candidate); n++) candidate = $"{renamed}_{n}";
        return candidate + extension;
    }

    private static string StemPath(string path) => path[..^Path.GetExtension(path).Length];
}
