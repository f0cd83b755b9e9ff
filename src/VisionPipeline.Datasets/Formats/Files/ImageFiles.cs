namespace VisionPipeline.Datasets.Formats.Files;

/// <summary>Which files count as images, and listing them in a stable order.</summary>
public static class ImageFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp",
    };

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Image files under <paramref name="directory"/> (recursively), ordinal-sorted by path.</summary>
    public static IEnumerable<string> Under(string directory, bool recursive = true)
    {
        var files = Directory.EnumerateFiles(directory, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(IsImage)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>A path relative to <paramref name="root"/> with '/' separators, as dataset files store them.</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
