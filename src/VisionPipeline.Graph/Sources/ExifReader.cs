using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Graph.Sources;

/// <summary>What an image file's header says, read without decoding the pixels (ImageSharp; OpenCV exposes neither):
/// the EXIF orientation and camera fields, and the declared size.</summary>
public static class ExifReader
{
    public static ExifRecord? Read(string path) => FromInfo(Identify(() => Image.Identify(path)));

    /// <summary>The EXIF fields of an image file already in memory.</summary>
    public static ExifRecord? Read(ReadOnlySpan<byte> file) => FromInfo(Identify(file));

    /// <summary>The width and height an encoded image's header declares, without decoding it; null when unreadable.</summary>
    public static (int Width, int Height)? DeclaredSize(ReadOnlySpan<byte> file) => Identify(file) is { } info ? (info.Width, info.Height) : null;

    private static unsafe IImageInfo? Identify(ReadOnlySpan<byte> file)
    {
        fixed (byte* start = file)
        {
            using var stream = new UnmanagedMemoryStream(start, file.Length);
            return Identify(() => Image.Identify(stream));
        }
    }

    /// <summary>The header as ImageSharp reads it, or null: metadata is optional, OpenCV decides whether the image itself can be read.</summary>
    private static IImageInfo? Identify(Func<IImageInfo?> identify)
    {
        try
        {
            return identify();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static ExifRecord? FromInfo(IImageInfo? info)
    {
        try
        {
            var exif = info?.Metadata.ExifProfile; // its values are parsed on first read, which a corrupt block can fail
            if (exif is null) return null;
            var record = new ExifRecord
            {
                Orientation = exif.GetValue(ExifTag.Orientation)?.Value is ushort o ? o : null,
                Make = Clean(exif.GetValue(ExifTag.Make)?.Value),
                Model = Clean(exif.GetValue(ExifTag.Model)?.Value),
                DateTimeOriginal = Clean(exif.GetValue(ExifTag.DateTimeOriginal)?.Value),
            };
            return record is { Orientation: null, Make: null, Model: null, DateTimeOriginal: null } ? null : record;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('\0');
}
