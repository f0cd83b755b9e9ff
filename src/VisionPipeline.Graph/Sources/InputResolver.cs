using System.Text;
using System.Text.RegularExpressions;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Graph.Sources;

/// <summary>
/// Turns --input (a directory, searched recursively; a file; or a glob such as "photos/**/*.jpg")
/// into a sorted list of files with their paths relative to the input root.
/// </summary>
public static class InputResolver
{
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".dib", ".tif", ".tiff", ".webp", ".gif",
        ".pbm", ".pgm", ".ppm", ".pnm", ".pxm", ".sr", ".ras", ".jp2", ".exr", ".hdr", ".pic", ".avif",
    };

    public sealed record Resolution(string Root, IReadOnlyList<InputFile> Files, int SkippedNonImages);

    public static Resolution Resolve(string input)
    {
        if (Directory.Exists(input))
        {
            var root = Path.GetFullPath(input);
            var all = Directory.EnumerateFiles(root, "*", new EnumerationOptions
            {
                RecurseSubdirectories = true, IgnoreInaccessible = true, // hidden and system files stay out by default
            }).ToList();
            var images = all.Where(IsImageName).ToList();
            return new Resolution(root, Sorted(root, images), all.Count - images.Count);
        }
        if (File.Exists(input))
        {
            var full = Path.GetFullPath(input);
            return new Resolution(Path.GetDirectoryName(full)!, [new InputFile(full, Path.GetFileName(full))], 0);
        }
        if (input.IndexOfAny(['*', '?', '[']) >= 0)
            return ResolveGlob(input);
        throw new ConfigurationException(input, "input not found (expected a directory, an image file or a glob)");
    }

    private static Resolution ResolveGlob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        int firstWild = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?', '[']) >= 0);
        var rootText = string.Join('/', segments.Take(firstWild));
        var root = Path.GetFullPath(string.IsNullOrEmpty(rootText) ? "." : rootText);
        if (!Directory.Exists(root))
            throw new ConfigurationException(pattern, $"the glob's folder '{rootText}' does not exist");
        var regex = GlobToRegex(string.Join('/', segments.Skip(firstWild)));
        var matches = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .ToList();
        if (matches.Count == 0)
            throw new ConfigurationException(pattern, "the glob matches no file");
        return new Resolution(root, Sorted(root, matches), 0);
    }

    /// <summary>'**' spans folders, '*' and '?' stay inside one path segment, [abc] is a character class.</summary>
    public static Regex GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[')
            {
                int end = glob.IndexOf(']', i + 1);
                if (end < 0) { sb.Append(@"\["); continue; }
                sb.Append('[').Append(glob[(i + 1)..end].Replace("!", "^")).Append(']');
                i = end;
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static bool IsImageName(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    private static List<InputFile> Sorted(string root, IEnumerable<string> files) => files
        .Select(f => new InputFile(f, Path.GetRelativePath(root, f).Replace('\\', '/')))
        .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
        .ToList();
}
