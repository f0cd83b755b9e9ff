using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Graph.Sources;

/// <summary>Reads orientation and camera fields from a file's EXIF block (ImageSharp; OpenCV does not expose them).</summary>
public static class ExifReader
{
    public static ExifRecord? Read(string path) => Read(() => Image.Identify(path));

    /// <summary>The EXIF fields of an image file already in memory.</summary>
    public static unsafe ExifRecord? Read(ReadOnlySpan<byte> file)
    {
        fixed (byte* start = file)
        {
            using var stream = new UnmanagedMemoryStream(start, file.Length);
            return Read(() => Image.Identify(stream));
        }
    }

    private static ExifRecord? Read(Func<IImageInfo?> identify)
    {
        try
        {
            var info = identify();
            var exif = info?.Metadata.ExifProfile;
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
            // Metadata is optional: OpenCV decides whether the image itself can be read.
            return null;
        }
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('\0');
}
