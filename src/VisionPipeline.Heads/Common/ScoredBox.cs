using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Heads.Common;

/// <summary>A decoded candidate: box, score, class index and optional keypoints, in the coordinates the decoder was given.</summary>
public sealed record ScoredBox(BoxF Box, float Score, int ClassId = 0, Point2f[]? Keypoints = null)
{
    public ScoredBox MapWith(AffineMap map) => this with
    {
        Box = map.Apply(Box),
        Keypoints = Keypoints?.Select(map.Apply).ToArray(),
    };
}
