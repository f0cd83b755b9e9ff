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

    public ScoredBox MapWith(AffineMap map) => MapWith(map.Apply, map.Apply);

    /// <summary>The box, keypoints and polygon moved by any map (a crop's homography back to its frame).</summary>
    public ScoredBox MapWith(Func<Point2f, Point2f> point, Func<BoxF, BoxF> box) => this with
    {
        Box = box(Box),
        Keypoints = Keypoints?.Select(point).ToArray(),
        Polygon = Polygon?.Select(point).ToArray(),
    };
}
