using System.Buffers.Binary;
using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Formats.Files;

/// <summary>
/// Image width and height from the file header (PNG, JPEG, BMP) without decoding pixels; other formats are
/// decoded with OpenCV. Sizes are of the stored pixels: JPEG EXIF orientation is not applied.
/// </summary>
public static class ImageHeader
{
    public static (int Width, int Height) ReadSize(string path)
    {
        if (!File.Exists(path)) throw new VisionException(path, "image file does not exist");
        using (var stream = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[26];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
            if (read >= 24 && head[..8].SequenceEqual("\x89PNG\r\n\x1a\n"u8))
                return (BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]));
            if (read >= 26 && head[0] == 'B' && head[1] == 'M')
                return (BinaryPrimitives.ReadInt32LittleEndian(head[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(head[22..])));
            if (read >= 2 && head[0] == 0xFF && head[1] == 0xD8)
            {
                stream.Position = 2;
                if (TryJpegSize(stream, out var size)) return size;
            }
        }
        using var image = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (image.Empty()) throw new VisionException(path, "cannot read the image (missing, corrupt or an unsupported format)");
        return (image.Width, image.Height);
    }

    // Walks JPEG segments to the first start-of-frame marker, which holds height then width.
    private static bool TryJpegSize(Stream stream, out (int Width, int Height) size)
    {
        size = default;
        Span<byte> marker = stackalloc byte[4];
        Span<byte> frame = stackalloc byte[5];
        while (true)
        {
            if (stream.ReadAtLeast(marker[..2], 2, throwOnEndOfStream: false) < 2 || marker[0] != 0xFF) return false;
            var code = marker[1];
            while (code == 0xFF)
            {
                var next = stream.ReadByte();
                if (next < 0) return false;
                code = (byte)next;
            }
            if (code is 0xD8 or 0x01 or >= 0xD0 and <= 0xD7) continue;
            if (stream.ReadAtLeast(marker[2..4], 2, throwOnEndOfStream: false) < 2) return false;
            var length = BinaryPrimitives.ReadUInt16BigEndian(marker[2..]);
            if (length < 2) return false;
            var isFrame = code is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                if (stream.ReadAtLeast(frame, 5, throwOnEndOfStream: false) < 5) return false;
                size = (BinaryPrimitives.ReadUInt16BigEndian(frame[3..]), BinaryPrimitives.ReadUInt16BigEndian(frame[1..]));
                return size.Width > 0 && size.Height > 0;
            }
            stream.Seek(length - 2, SeekOrigin.Current);
        }
    }
}
