using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Frames;

namespace VisionPipeline.Graph.Sources;

/// <summary>
/// Decodes an image file to BGR 8-bit with OpenCV (which applies EXIF orientation), after the checks OpenCV
/// does not make: empty files and JPEG/PNG files cut short (libjpeg would return a grey-filled image).
/// </summary>
public static class ImageFileDecoder
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static Frame Decode(InputFile file, long index)
    {
        var info = new FileInfo(file.FullPath);
        if (!info.Exists) throw new VisionException(file.RelativePath, "file not found");
        if (info.Length == 0) throw new VisionException(file.RelativePath, "empty file (0 bytes)");
        CheckComplete(file);

        Mat image;
        try
        {
            image = Cv2.ImRead(file.FullPath, ImreadModes.Color);
        }
        catch (OpenCVException e)
        {
            throw new VisionException(file.RelativePath, $"cannot decode the image: {e.ErrMsg}", inner: e);
        }
        if (image.Empty())
        {
            image.Dispose();
            throw new VisionException(file.RelativePath,
                "not a decodable image (unsupported format, corrupt data, or larger than OpenCV's pixel limit)");
        }
        return new Frame(image, file.FullPath, file.RelativePath, index);
    }

    private static void CheckComplete(InputFile file)
    {
        using var stream = File.OpenRead(file.FullPath);
        Span<byte> head = stackalloc byte[8];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int tailLength = (int)Math.Min(stream.Length, 1024);
        var tail = new byte[tailLength];
        stream.Seek(-tailLength, SeekOrigin.End);
        stream.ReadExactly(tail);

        if (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            if (!ContainsPair(tail, 0xFF, 0xD9))
                throw new VisionException(file.RelativePath, "truncated JPEG (no end-of-image marker)");
        }
        else if (read == 8 && head.SequenceEqual(PngSignature))
        {
            if (tail.AsSpan().IndexOf("IEND"u8) < 0)
                throw new VisionException(file.RelativePath, "truncated PNG (no IEND chunk)");
        }
    }

    private static bool ContainsPair(byte[] data, byte a, byte b)
    {
        for (int i = data.Length - 2; i >= 0; i--)
            if (data[i] == a && data[i + 1] == b) return true;
        return false;
    }
}
