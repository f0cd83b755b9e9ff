using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Core.IO;

/// <summary>An image file written whole or not at all, in the format its extension names (PNG without one).</summary>
public static class AtomicImageFile
{
    public static void Write(string path, Mat image)
    {
        using var staged = Stage(path, image);
        staged.Commit();
    }

    /// <summary>Encodes the image to its temporary file; <see cref="StagedFile.Commit"/> puts it in place (see <see cref="AtomicFile.Stage"/>).</summary>
    public static StagedFile Stage(string path, Mat image)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (string.IsNullOrEmpty(ext)) ext = ".png";
        // OpenCV's PNG defaults (zlib level 1, the Sub filter, run-length matching) are its fastest setting: naming
        // a compression level switches to zlib's default strategy and a search over all filters, which took 2.5×
        // as long for a 548×342 mask and made it 1.5× larger.
        // OpenCV writes the file itself: encoding into a managed array put one large-object-heap array per image
        // (an annotated 480×360 JPEG is some 90 KB) on the heap, and in long `vision bench` rounds it reached 131 MB
        // before a full collection freed them.
        return AtomicFile.Stage(path, ext, temporary =>
        {
            if (!Cv2.ImWrite(temporary, image)) WriteEncoded(path, temporary, ext, image);
        });
    }

    /// <summary>
    /// After OpenCV's writer failed, which tells no reason: encodes in memory and writes the bytes, so that the file
    /// system's own error (a full disk, a quota) reaches the caller, or the encoder is named when it is the one failing.
    /// </summary>
    private static void WriteEncoded(string path, string temporary, string ext, Mat image)
    {
        if (!Cv2.ImEncode(ext, image, out var bytes))
            throw new VisionException(path, $"OpenCV cannot encode a {image.Width}×{image.Height} {image.Type()} image as {ext}");
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
    }
}
