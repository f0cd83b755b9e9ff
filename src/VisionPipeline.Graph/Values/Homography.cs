using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Graph.Values;

/// <summary>A 3×3 projective map in continuous coordinates (pixel edges on integers); affine maps are a special case.</summary>
public readonly record struct Homography(double H00, double H01, double H02, double H10, double H11, double H12, double H20, double H21, double H22)
{
    public static Homography From(AffineMap a) => new(a.A, a.B, a.C, a.D, a.E, a.F, 0, 0, 1);

    public static Homography From(Mat m) => new(
        m.At<double>(0, 0), m.At<double>(0, 1), m.At<double>(0, 2),
        m.At<double>(1, 0), m.At<double>(1, 1), m.At<double>(1, 2),
        m.At<double>(2, 0), m.At<double>(2, 1), m.At<double>(2, 2));

    public Point2f Apply(Point2f p)
    {
        double w = H20 * p.X + H21 * p.Y + H22;
        return new Point2f((float)((H00 * p.X + H01 * p.Y + H02) / w), (float)((H10 * p.X + H11 * p.Y + H12) / w));
    }

    /// <summary>This map followed by <paramref name="next"/>.</summary>
    public Homography Then(Homography next) => new(
        next.H00 * H00 + next.H01 * H10 + next.H02 * H20, next.H00 * H01 + next.H01 * H11 + next.H02 * H21, next.H00 * H02 + next.H01 * H12 + next.H02 * H22,
        next.H10 * H00 + next.H11 * H10 + next.H12 * H20, next.H10 * H01 + next.H11 * H11 + next.H12 * H21, next.H10 * H02 + next.H11 * H12 + next.H12 * H22,
        next.H20 * H00 + next.H21 * H10 + next.H22 * H20, next.H20 * H01 + next.H21 * H11 + next.H22 * H21, next.H20 * H02 + next.H21 * H12 + next.H22 * H22);

    public Homography Then(AffineMap next) => Then(From(next));

    /// <summary>Maps a box's corners and returns their bounding box.</summary>
    public BoxF Apply(BoxF box)
    {
        var c = new[] { Apply(new Point2f(box.X1, box.Y1)), Apply(new Point2f(box.X2, box.Y1)), Apply(new Point2f(box.X2, box.Y2)), Apply(new Point2f(box.X1, box.Y2)) };
        return new BoxF(c.Min(p => p.X), c.Min(p => p.Y), c.Max(p => p.X), c.Max(p => p.Y));
    }
}
