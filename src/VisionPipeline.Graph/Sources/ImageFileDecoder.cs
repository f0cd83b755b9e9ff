using System.Buffers;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.IO;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Results;

namespace VisionPipeline.Graph.Sources;

/// <summary>
/// Decodes an image file to BGR 8-bit with OpenCV (which applies EXIF orientation), after the checks OpenCV
/// does not make: empty files and JPEG/PNG files cut short (libjpeg would return a grey-filled image). The file is
/// read once, into a pooled buffer, and the checks, the EXIF fields and the decoder all work on those bytes.
/// </summary>
public static class ImageFileDecoder
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static Frame Decode(InputFile file, long index) => Read(file, index, withExif: false).Frame;

    /// <summary>The decoded image and the EXIF fields of its file (null when it has none).</summary>
    public static (Frame Frame, ExifRecord? Exif) DecodeWithExif(InputFile file, long index) => Read(file, index, withExif: true);

    /// <summary>
    /// Decodes an encoded image held in memory with the same checks as a file; <paramref name="name"/> stands for the
    /// file in messages and results.
    /// </summary>
    public static (Frame Frame, ExifRecord? Exif) DecodeWithExif(ReadOnlySpan<byte> bytes, string name, long index)
    {
        var file = new InputFile(name, name);
        if (bytes.IsEmpty) throw new VisionException(name, "empty image (0 bytes)");
        return FromBytes(file, bytes, index, withExif: true);
    }

    private static (Frame Frame, ExifRecord? Exif) Read(InputFile file, long index, bool withExif)
    {
        byte[] buffer;
        int length;
        try
        {
            using var handle = File.OpenHandle(file.FullPath);
            long size = RandomAccess.GetLength(handle);
            if (size == 0) throw new VisionException(file.RelativePath, "empty file (0 bytes)");
            if (size > Array.MaxLength) throw new VisionException(file.RelativePath, $"file too large to decode ({size} bytes)");
            buffer = ArrayPool<byte>.Shared.Rent((int)size);
            length = ReadAll(handle, buffer.AsSpan(0, (int)size));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VisionException(file.RelativePath, FileNames.HasUndecodableName(file.FullPath) ? FileNames.UndecodableProblem : "file not found", inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new VisionException(file.RelativePath, "cannot read the file: permission denied", inner: e);
        }
        catch (IOException e)
        {
            throw new VisionException(file.RelativePath, $"cannot read the file: {e.Message}", inner: e);
        }
        try
        {
            return FromBytes(file, buffer.AsSpan(0, length), index, withExif);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (Frame Frame, ExifRecord? Exif) FromBytes(InputFile file, ReadOnlySpan<byte> bytes, long index, bool withExif)
    {
        CheckComplete(file, bytes);
        var exif = withExif ? ExifReader.Read(bytes) : null;
        return (new Frame(DecodePixels(file, bytes), file.FullPath, file.RelativePath, index), exif);
    }

    private static int ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> target)
    {
        int total = 0;
        while (total < target.Length)
        {
            int read = RandomAccess.Read(handle, target[total..], total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    private static Mat DecodePixels(InputFile file, ReadOnlySpan<byte> bytes)
    {
        Mat image;
        try
        {
            image = Cv2.ImDecode(bytes, ImreadModes.Color);
        }
        catch (OpenCVException e) when (e.ErrMsg.Contains(PixelLimitVariable, StringComparison.Ordinal))
        {
            throw new VisionException(file.RelativePath, PixelLimitProblem(bytes), inner: e);
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
        return image;
    }

    private const string PixelLimitVariable = "CV_IO_MAX_IMAGE_PIXELS";

    /// <summary>The refusal of an image over OpenCV's pixel limit, with its declared size and how to raise the limit.</summary>
    private static string PixelLimitProblem(ReadOnlySpan<byte> bytes)
    {
        long limit = long.TryParse(Environment.GetEnvironmentVariable(PixelLimitVariable), out var set) ? set : 1L << 30; // OpenCV's default
        var size = ExifReader.DeclaredSize(bytes);
        var declared = size is var (w, h) ? $"declares {w}×{h} = {(long)w * h:N0} pixels, " : "is ";
        var needed = size is var (sw, sh) ? $"at least {(long)sw * sh}" : "more";
        return $"the image {declared}more than OpenCV's limit of {limit:N0} pixels; to decode it anyway, set the environment variable " +
               $"{PixelLimitVariable} to {needed} (it takes that much memory and more)";
    }

    private static void CheckComplete(InputFile file, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            if (!JpegReachesEnd(bytes))
                throw new VisionException(file.RelativePath, "truncated JPEG (the data ends before the end-of-image marker)");
        }
        else if (bytes.Length >= 8 && bytes[..8].SequenceEqual(PngSignature))
        {
            if (!PngReachesEnd(bytes))
                throw new VisionException(file.RelativePath, "truncated PNG (the data ends before the IEND chunk)");
        }
    }

    /// <summary>
    /// Walks the JPEG's segments and entropy-coded scans to the end-of-image marker of the main image. Data after
    /// it (Motion Photo videos, vendor trailers, padding) is allowed; reaching the end of the file first is not.
    /// </summary>
    private static bool JpegReachesEnd(ReadOnlySpan<byte> s)
    {
        int at = 2;
        while (true)
        {
            // Entropy-coded data after a start-of-scan header is skipped up to the next 0xFF (vectorised search).
            int ff = s[at..].IndexOf((byte)0xFF);
            if (ff < 0) return false;
            at += ff + 1;
            while (at < s.Length && s[at] == 0xFF) at++;
            if (at >= s.Length) return false;
            int marker = s[at++];
            if (marker == 0xD9) return true;
            if (marker == 0x00 || marker is >= 0xD0 and <= 0xD7 || marker == 0x01) continue; // stuffed byte, restart, TEM
            if (at + 2 > s.Length) return false;
            int length = (s[at] << 8) | s[at + 1];
            if (length < 2 || at + length > s.Length) return false;
            at += length;
        }
    }

    /// <summary>Walks the PNG's chunks (length, type, data, CRC) to IEND.</summary>
    private static bool PngReachesEnd(ReadOnlySpan<byte> s)
    {
        long at = 8;
        while (at + 8 <= s.Length)
        {
            var header = s.Slice((int)at, 8);
            long length = (uint)((header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3]);
            if (header[4] == 'I' && header[5] == 'E' && header[6] == 'N' && header[7] == 'D') return true;
            at += 8;
            if (at + length + 4 > s.Length) return false;
            at += length + 4;
        }
        return false;
    }
}
