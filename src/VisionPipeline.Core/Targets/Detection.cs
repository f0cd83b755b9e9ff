using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Core.Targets;

/// <summary>One detected object in frame pixels: a box, and where the model gives them, keypoints, a polygon and text.</summary>
public sealed record Detection(string Node, string Label, float Score, BoxF Box)
{
    public IReadOnlyList<Point2f>? Keypoints { get; init; }

    /// <summary>Per keypoint, how likely it is visible (landmark models that say so), in [0, 1].</summary>
    public IReadOnlyList<float>? KeypointScores { get; init; }

    /// <summary>The <see cref="Skeleton"/> that names the keypoints and joins them for drawing, by name.</summary>
    public string? Skeleton { get; init; }

    /// <summary>A rotated quadrilateral or polygon, clockwise from the top-left corner.</summary>
    public IReadOnlyList<Point2f>? Polygon { get; init; }

    /// <summary>Recognised text and the recogniser's confidence, for text detections.</summary>
    public string? Text { get; init; }
    public float? TextScore { get; init; }
}
