using System.Globalization;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Live.Sources;

/// <summary>What a --source names: a camera (an index or /dev/videoN), a video file, or a network stream.</summary>
public enum SourceKind { Camera, File, Network }

/// <summary>One --source as given on the command line, with its kind and position (0-based, in command-line order).</summary>
public sealed record SourceAddress(string Text, SourceKind Kind, int Position)
{
    /// <summary>The folder under --output that this source's per-frame files go to.</summary>
    public string Folder => $"source-{Position}";

    /// <summary>A camera index ("0"), when the source is one.</summary>
    public int? CameraIndex => Kind == SourceKind.Camera && int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Files are read frame by frame unless --realtime paces them; cameras and streams run at their own pace.</summary>
    public bool IsFile => Kind == SourceKind.File;

    /// <summary>Reads one --source: a number is a camera index, /dev/videoN a V4L2 camera, scheme:// a network stream,
    /// anything else a file that must exist.</summary>
    /// <exception cref="ConfigurationException">the text is empty, or names a file that does not exist</exception>
    public static SourceAddress Parse(string text, int position)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ConfigurationException(null, $"--source {position}: empty");
        if (text.All(char.IsAsciiDigit)) return new SourceAddress(text, SourceKind.Camera, position);
        if (text.StartsWith("/dev/video", StringComparison.Ordinal)) return new SourceAddress(text, SourceKind.Camera, position);
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && text[..scheme].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            return new SourceAddress(text, SourceKind.Network, position);
        if (Directory.Exists(text)) throw new ConfigurationException(text, "is a folder; give a video file, a camera or a stream URL (use `vision run` for image folders)");
        if (!File.Exists(text)) throw new ConfigurationException(text, "no such video file");
        return new SourceAddress(text, SourceKind.File, position);
    }
}
