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
        stream.Position = 0;
        if (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            if (!JpegReachesEnd(stream))
                throw new VisionException(file.RelativePath, "truncated JPEG (the data ends before the end-of-image marker)");
        }
        else if (read == 8 && head.SequenceEqual(PngSignature))
        {
            if (!PngReachesEnd(stream))
                throw new VisionException(file.RelativePath, "truncated PNG (the data ends before the IEND chunk)");
        }
    }

    /// <summary>
    /// Walks the JPEG's segments and entropy-coded scans to the end-of-image marker of the main image. Data after
    /// it (Motion Photo videos, vendor trailers, padding) is allowed; reaching the end of the file first is not.
    /// </summary>
    private static bool JpegReachesEnd(Stream s)
    {
        s.Position = 2;
        while (true)
        {
            int b = s.ReadByte();
            if (b < 0) return false;
            if (b != 0xFF) continue;
            int marker;
            do { marker = s.ReadByte(); } while (marker == 0xFF);
            if (marker < 0) return false;
            if (marker == 0xD9) return true;
            if (marker == 0x00 || marker is >= 0xD0 and <= 0xD7 || marker == 0x01) continue; // stuffed byte, restart, TEM
            int high = s.ReadByte(), low = s.ReadByte();
            if (low < 0) return false;
            int length = (high << 8) | low;
            if (length < 2 || s.Position + length - 2 > s.Length) return false;
            s.Position += length - 2;
            // After a start-of-scan header comes entropy-coded data: the loop above skips it byte by byte
            // until the next real marker (0xFF followed by neither 0x00 nor a restart marker).
        }
    }

    /// <summary>Walks the PNG's chunks (length, type, data, CRC) to IEND.</summary>
    private static bool PngReachesEnd(Stream s)
    {
        s.Position = 8;
        Span<byte> header = stackalloc byte[8];
        while (s.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8)
        {
            long length = (uint)((header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3]);
            if (header[4] == 'I' && header[5] == 'E' && header[6] == 'N' && header[7] == 'D') return true;
            if (s.Position + length + 4 > s.Length) return false;
            s.Position += length + 4;
        }
        return false;
    }
}
