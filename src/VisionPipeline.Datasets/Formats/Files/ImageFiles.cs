using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Formats.Files;

/// <summary>Which files count as images, and listing them in a stable order.</summary>
public static class ImageFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp",
    };

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Image files under <paramref name="directory"/> (recursively: each real folder once, however many links lead
    /// to it), ordinal-sorted by path.</summary>
    /// <param name="warnings">Where what the walk left out (a link loop, a pipe, a broken link) is reported, with paths
    /// relative to <paramref name="root"/>; none when null.</param>
    public static IEnumerable<string> Under(string directory, bool recursive = true, DatasetWarnings? warnings = null, string? root = null)
    {
        Action<string>? leftOut = warnings is null ? null : line => warnings.Add(null, line);
        if (recursive) return FolderWalk.FilesBelow(directory, leftOut, root).Where(IsImage).ToList(); // already in ordinal order
        var files = Directory.EnumerateFiles(directory).Where(IsImage).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// <paramref name="relative"/> placed under <paramref name="outputDirectory"/>; a rooted path or one climbing out
    /// with ".." is refused, so a dataset file cannot make a writer overwrite files elsewhere.
    /// </summary>
    public static string Under(string outputDirectory, params string[] relative)
    {
        var root = Path.GetFullPath(outputDirectory);
        var full = Path.GetFullPath(Path.Combine([root, .. relative]));
        var last = relative[^1];
        if (Path.IsPathRooted(last) || !full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new VisionException(last, $"image path leads outside the output folder {root}");
        return full;
    }

    /// <summary>
    /// Why an image path read from a dataset file cannot be used (rooted, or with a ".." part that climbs out of
    /// the image folder), or null when it is a plain relative path.
    /// </summary>
    public static string? NotRelative(string path)
    {
        if (Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':'))
            return $"'{path}' is a rooted path; image paths must be relative to the image folder";
        if (path.Split('/', '\\').Contains(".."))
            return $"'{path}' contains '..'; image paths must stay inside the image folder";
        return null;
    }

    /// <summary>A path relative to <paramref name="root"/> with '/' separators, as dataset files store them.</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
