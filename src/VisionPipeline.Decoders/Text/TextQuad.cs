using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Decoders.Text;

/// <summary>A text region: four corners clockwise from the top-left, and the detector's score.</summary>
public sealed record TextQuad(Point2f[] Corners, float Score)
{
    public BoxF BoundingBox => new(
        Corners.Min(p => p.X), Corners.Min(p => p.Y), Corners.Max(p => p.X), Corners.Max(p => p.Y));

    /// <summary>Corners ordered TL, TR, BR, BL: the two left-most by y give TL/BL, the two right-most give TR/BR.</summary>
    public static Point2f[] OrderClockwise(IReadOnlyList<Point2f> points)
    {
        var byX = points.OrderBy(p => p.X).ToArray();
        var (tl, bl) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (tr, br) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [tl, tr, br, bl];
    }
}
