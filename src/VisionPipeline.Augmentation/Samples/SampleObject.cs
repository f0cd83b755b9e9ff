using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Samples;

/// <summary>
/// One annotated object of a sample: its box and, when the annotation has them, an instance mask (CV_8UC1, 0/255,
/// at the image's size), keypoints and polygons (continuous pixel coordinates).
/// </summary>
public sealed record SampleObject(BoxF Box)
{
    public const int FromOtherImage = -1;

    /// <summary>The category id (the data set's).</summary>
    public long Category { get; init; }

    /// <summary>Whatever the caller attached (a data set's annotation), carried through every transform unchanged.</summary>
    public object? Origin { get; init; }

    /// <summary>
    /// Position of the annotation it came from in its sample, so a caller can carry other fields across;
    /// <see cref="FromOtherImage"/> for objects a mosaic brought in from other images.
    /// </summary>
    public int SourceIndex { get; init; }

    public Mat? Mask { get; init; }

    /// <summary>
    /// The bounding rectangle (pixel indices) of <see cref="Mask"/>'s nonzero pixels, when known: readers set it with
    /// the mask (from the RLE, without scanning pixels) and every warp carries it on, exactly or by scanning only
    /// where the pixels can have gone. Null means unknown; it is then found by one scan. Whoever replaces the mask
    /// replaces this too.
    /// </summary>
    public Rect? MaskBounds { get; init; }
    public IReadOnlyList<SampleKeypoint>? Keypoints { get; init; }
    public IReadOnlyList<IReadOnlyList<Point2f>>? Polygons { get; init; }
}
