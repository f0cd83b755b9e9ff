using System.Globalization;
using System.Text.RegularExpressions;

namespace VisionPipeline.Zoo;

/// <summary>
/// The file list of an Emscripten packed-assets archive (MediaPipe's `*_packed_assets.data`): its loader script
/// (`*_packed_assets_loader.js`) names each file with the byte range [start, end) it occupies in the archive.
/// </summary>
public sealed partial class PackedAssets
{
    private readonly Dictionary<string, (long Start, long End)> _files;

    private PackedAssets(Dictionary<string, (long Start, long End)> files) => _files = files;

    public IReadOnlyCollection<string> Names => _files.Keys;

    /// <summary>Reads the loader script's file list; <paramref name="loaderName"/> names it in errors.</summary>
    public static PackedAssets Parse(string loaderScript, string loaderName)
    {
        var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (Match m in FileEntry().Matches(loaderScript))
        {
            long start = long.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);
            long end = long.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
            if (end < start)
                throw new FormatException($"{loaderName}: file '{m.Groups["name"].Value}' ends (byte {end}) before it starts (byte {start})");
            files[m.Groups["name"].Value] = (start, end);
        }
        if (files.Count == 0) throw new FormatException($"{loaderName}: no \"filename\", \"start\", \"end\" entries found");
        return new PackedAssets(files);
    }

    /// <summary>The byte range of a file, or null when the list does not name it.</summary>
    public (long Start, long End)? RangeOf(string name) => _files.TryGetValue(name, out var range) ? range : null;

    /// <summary>Copies the named file's bytes out of the archive stream.</summary>
    public void Extract(string name, Stream archive, Stream destination, string archiveName)
    {
        var (start, end) = RangeOf(name)
            ?? throw new FormatException($"{archiveName}: '{name}' is not in its file list (it has {string.Join(", ", _files.Keys)})");
        if (end > archive.Length)
            throw new FormatException($"{archiveName}: '{name}' ends at byte {end} but the archive has {archive.Length} bytes");
        archive.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[81920];
        long left = end - start;
        while (left > 0)
        {
            int read = archive.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new FormatException($"{archiveName}: ended early while reading '{name}'");
            destination.Write(buffer, 0, read);
            left -= read;
        }
    }

    [GeneratedRegex("\"filename\"\\s*:\\s*\"(?<name>[^\"]+)\"\\s*,\\s*\"start\"\\s*:\\s*(?<start>\\d+)\\s*,\\s*\"end\"\\s*:\\s*(?<end>\\d+)")]
    private static partial Regex FileEntry();
}
