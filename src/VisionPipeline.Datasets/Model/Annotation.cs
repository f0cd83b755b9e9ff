namespace VisionPipeline.Datasets;

/// <summary>
/// One labelled (or, with <see cref="Score"/>, predicted) object in an image.
/// <see cref="Box"/> and <see cref="Area"/> hold exactly what the file said: evaluation uses them as pycocotools does.
/// </summary>
public sealed record Annotation(long Id, long CategoryId, BoxXywh Box)
{
    public Segmentation? Segmentation { get; init; }

    /// <summary>COCO <c>iscrowd</c>: the region covers a group of objects; matching against it follows the crowd rule.</summary>
    public bool IsCrowd { get; init; }

    /// <summary>The area the file gave (COCO); null when the format has none — see <see cref="ResolveArea"/>.</summary>
    public double? Area { get; init; }

    public IReadOnlyList<Keypoint>? Keypoints { get; init; }

    /// <summary>COCO <c>num_keypoints</c>: labelled keypoints (visibility &gt; 0).</summary>
    public int? NumKeypoints { get; init; }

    /// <summary>Detection confidence; set on predictions only.</summary>
    public double? Score { get; init; }

    /// <summary>COCO <c>ignore</c> flag, when the file has one.</summary>
    public bool? Ignore { get; init; }

    /// <summary>Pascal VOC <c>difficult</c> flag.</summary>
    public bool Difficult { get; init; }

    /// <summary>Pascal VOC <c>truncated</c> flag.</summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// The area as given, or else the way COCO tools compute it: pixel count of the segmentation's mask,
    /// or box width × height when there is no segmentation.
    /// </summary>
    public double ResolveArea(int imageHeight, int imageWidth) =>
        Area ?? (Segmentation is null ? Box.Area : Segmentation.ToRle(imageHeight, imageWidth).Area);
}
