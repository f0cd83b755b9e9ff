using OpenCvSharp;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>An image file written atomically by the worker that processed the image, in the format its extension names.</summary>
internal static class AtomicImageFile
{
    public static void Write(string path, Mat image)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (string.IsNullOrEmpty(ext)) ext = ".png";
        // OpenCV's PNG defaults (zlib level 1, the Sub filter, run-length matching) are its fastest setting: naming
        // a compression level switches to zlib's default strategy and a search over all filters, which took 2.5×
        // as long for a 548×342 mask and made it 1.5× larger.
        // OpenCV writes the file itself: encoding into a managed array put one large-object-heap array per image
        // (an annotated 480×360 JPEG is some 90 KB) on the heap, and in long `vision bench` rounds it reached 131 MB
        // before a full collection freed them.
        AtomicFile.WriteThrough(path, ext, temporary =>
        {
            if (!Cv2.ImWrite(temporary, image)) throw new InvalidOperationException($"OpenCV could not encode {path}");
        });
    }
}
