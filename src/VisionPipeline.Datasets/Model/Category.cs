namespace VisionPipeline.Datasets;

/// <summary>
/// A class of objects. Ids are the dataset's own (COCO ids are often non-contiguous: 1..90 with gaps);
/// formats that need contiguous indices (YOLO) map them at their edge.
/// </summary>
public sealed record Category(long Id, string Name)
{
    public string? Supercategory { get; init; }

    /// <summary>COCO keypoint names of this category, in the order of <see cref="Annotation.Keypoints"/>.</summary>
    public IReadOnlyList<string>? KeypointNames { get; init; }

    /// <summary>COCO skeleton: pairs of 1-based keypoint indices.</summary>
    public IReadOnlyList<int[]>? Skeleton { get; init; }
}
