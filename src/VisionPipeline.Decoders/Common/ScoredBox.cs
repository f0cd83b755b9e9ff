using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Decoders.Common;

/// <summary>
/// A decoded candidate: box, score, class index, and optional keypoints and mask coefficients, in the coordinates
/// the decoder was given.
/// </summary>
public sealed record ScoredBox(BoxF Box, float Score, int ClassId = 0, Point2f[]? Keypoints = null)
{
    /// <summary>Instance-segmentation coefficients (YOLOv8-seg), combined with the prototype masks.</summary>
    public float[]? MaskCoefficients { get; init; }

    /// <summary>Per keypoint, its visibility in [0, 1] (YOLO pose).</summary>
    public float[]? KeypointScores { get; init; }

    /// <summary>A rotated box's four corners (YOLO OBB); <see cref="Box"/> then bounds them.</summary>
    public Point2f[]? Polygon { get; init; }

    public ScoredBox MapWith(AffineMap map) => this with
    {
        Box = map.Apply(Box),
        Keypoints = Keypoints?.Select(map.Apply).ToArray(),
        Polygon = Polygon?.Select(map.Apply).ToArray(),
    };
}
