using System.Buffers.Binary;
using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Formats.Files;

/// <summary>
/// Image width and height from the file header (PNG, JPEG, BMP) without decoding pixels; other formats are
/// decoded with OpenCV. Sizes are as the pipeline sees the image (OpenCV's colour decode): a JPEG whose EXIF
/// orientation turns it by 90° (orientations 5–8) reports width and height swapped, as Ultralytics' exif_size does.
/// </summary>
public static class ImageHeader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) ReadSize(string path)
    {
        if (!File.Exists(path)) throw new VisionException(path, "image file does not exist");
        using (var stream = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[26];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
            if (read >= 24 && head[..8].SequenceEqual(PngSignature) && head[12..16].SequenceEqual("IHDR"u8))
                return (BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]));
            if (read >= 26 && head[0] == 'B' && head[1] == 'M')
                return (BinaryPrimitives.ReadInt32LittleEndian(head[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(head[22..])));
            if (read >= 2 && head[0] == 0xFF && head[1] == 0xD8)
            {
                stream.Position = 2;
                if (TryJpegSize(stream, out var size)) return size;
            }
        }
        using var image = Cv2.ImRead(path, ImreadModes.Color);
        if (image.Empty()) throw new VisionException(path, "cannot read the image (missing, corrupt or an unsupported format)");
        return (image.Width, image.Height);
    }

    // Walks JPEG segments to the first start-of-frame marker, which holds height then width, noting the EXIF
    // orientation (APP1) on the way.
    private static bool TryJpegSize(Stream stream, out (int Width, int Height) size)
    {
        size = default;
        var quarterTurn = false;
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
                if (quarterTurn) size = (size.Height, size.Width);
                return size.Width > 0 && size.Height > 0;
            }
            if (code == 0xE1)
            {
                var payload = new byte[length - 2];
                if (stream.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false) < payload.Length) return false;
                quarterTurn |= ExifOrientation(payload) is >= 5 and <= 8;
                continue;
            }
            stream.Seek(length - 2, SeekOrigin.Current);
        }
    }

    /// <summary>The orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload; 1 (upright) when absent or unreadable.</summary>
    private static int ExifOrientation(ReadOnlySpan<byte> app1)
    {
        if (app1.Length < 14 || !app1[..6].SequenceEqual("Exif\0\0"u8)) return 1;
        var tiff = app1[6..];
        var little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
        ushort U16(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
        uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        var ifd = U32(tiff[4..]);
        if (ifd + 2 > (uint)tiff.Length) return 1;
        var entries = U16(tiff[(int)ifd..]);
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + 12 * i;
            if (at + 12 > tiff.Length) return 1;
            if (U16(tiff[at..]) == 0x0112) return U16(tiff[(at + 8)..]);
        }
        return 1;
    }
}
