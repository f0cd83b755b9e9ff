using System.Text;
using System.Text.RegularExpressions;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;

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

    public sealed record Resolution(string Root, IReadOnlyList<InputFile> Files, int SkippedNonImages)
    {
        /// <summary>Entries of the input folders left out for a reason (a link loop, a pipe, a broken link), one line each.</summary>
        public IReadOnlyList<string> Warnings { get; init; } = [];
    }

    /// <param name="input">A folder, a file, a glob, or @LIST (a text file with one path per line).</param>
    /// <param name="exclude">A folder never read from (the run's output folder, when it lies inside the input).</param>
    /// <param name="followLinks">Follow symbolic links to files and folders (each real folder is read once); false: skip them.</param>
    public static Resolution Resolve(string input, string? exclude = null, bool followLinks = true)
    {
        var excluded = exclude is null ? null : Path.GetFullPath(exclude).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        bool Keep(string path) => excluded is null || !path.StartsWith(excluded, StringComparison.Ordinal);

        if (input.StartsWith('@')) return ResolveList(input[1..]);
        if (Directory.Exists(input))
        {
            var root = Path.GetFullPath(input);
            var warnings = new List<string>();
            var all = FolderWalk.Files(root, followLinks, Keep, warnings);
            var images = all.Where(IsImageName).ToList();
            return new Resolution(root, Sorted(root, images), all.Count - images.Count) { Warnings = warnings };
        }
        if (File.Exists(input))
        {
            var full = Path.GetFullPath(input);
            return new Resolution(Path.GetDirectoryName(full)!, [new InputFile(full, Path.GetFileName(full))], 0);
        }
        if (input.IndexOfAny(['*', '?', '[']) >= 0)
            return ResolveGlob(input, Keep, followLinks);
        throw new ConfigurationException(input, "input not found (expected a directory, an image file or a glob)");
    }

    /// <summary>One path per line (blank lines and # comments skipped), relative to the list file's folder.</summary>
    private static Resolution ResolveList(string listPath)
    {
        if (!File.Exists(listPath)) throw new ConfigurationException(listPath, "list file not found");
        var root = Path.GetDirectoryName(Path.GetFullPath(listPath))!;
        var files = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(listPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var full = Path.GetFullPath(Path.Combine(root, line));
            var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal)) relative = full.TrimStart('/').Replace('\\', '/');
            if (seen.Add(relative)) files.Add(new InputFile(full, relative));
        }
        if (files.Count == 0) throw new ConfigurationException(listPath, "the list file names no image");
        return new Resolution(root, files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList(), 0);
    }

    private static Resolution ResolveGlob(string pattern, Func<string, bool> keep, bool followLinks)
    {
        var normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        int firstWild = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?', '[']) >= 0);
        var rootText = string.Join('/', segments.Take(firstWild));
        var root = Path.GetFullPath(string.IsNullOrEmpty(rootText) ? "." : rootText);
        if (!Directory.Exists(root))
            throw new ConfigurationException(pattern, $"the glob's folder '{rootText}' does not exist");
        Regex regex;
        try
        {
            regex = GlobToRegex(string.Join('/', segments.Skip(firstWild)));
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(pattern, $"invalid glob: {e.Message}");
        }
        var warnings = new List<string>();
        var matches = FolderWalk.Files(root, followLinks, keep, warnings)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .ToList();
        var images = matches.Where(IsImageName).ToList();
        if (images.Count == 0)
            throw new ConfigurationException(pattern, "the glob matches no image file");
        return new Resolution(root, Sorted(root, images), matches.Count - images.Count) { Warnings = warnings };
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
