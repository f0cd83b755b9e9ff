namespace VisionPipeline.Graph.Output;

/// <summary>
/// Where a run writes: results.jsonl, annotated/&lt;input tree&gt;, masks/&lt;input tree&gt;.&lt;node&gt;.png.
/// </summary>
public sealed class OutputLayout(string directory)
{
    private static readonly HashSet<string> KeptExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".webp" };

    public string Directory { get; } = Path.GetFullPath(directory);
    public string ResultsPath => Path.Combine(Directory, "results.jsonl");

    public string AnnotatedPath(string relativeImage, string directory = "annotated")
    {
        var ext = Path.GetExtension(relativeImage);
        var relative = KeptExtensions.Contains(ext) ? relativeImage : relativeImage + ".png";
        return Full($"{directory}/{relative}");
    }

    /// <summary>The mask PNG's path relative to the output directory ('/' separated), as results.jsonl records it.</summary>
    public static string MaskRelativePath(string directory, string relativeImage, string node, int index) =>
        $"{directory}/{relativeImage}.{node}{(index == 0 ? "" : "-" + index)}.png";

    public string Full(string relativePath) => Path.Combine(Directory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Told the full path of every image a sink writes, on the thread that wrote it (`vision bench` replays their encoding).</summary>
    public Action<string>? ImageWritten { get; init; }
}
