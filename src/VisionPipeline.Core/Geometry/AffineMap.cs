using OpenCvSharp;

namespace VisionPipeline.Core.Geometry;

/// <summary>
/// A 2-D affine map x' = A·x + B·y + C, y' = D·x + E·y + F in continuous image coordinates
/// (pixel edges on integers, so a W-wide image spans [0, W]). Every resize, letterbox and crop
/// records one; heads map their outputs back through <see cref="Invert"/> and never re-derive padding.
/// </summary>
public readonly record struct AffineMap(double A, double B, double C, double D, double E, double F)
{
    public static AffineMap Identity { get; } = new(1, 0, 0, 0, 1, 0);

    public static AffineMap Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0);

    public static AffineMap Translation(double tx, double ty) => new(1, 0, tx, 0, 1, ty);

    public double Determinant => A * E - B * D;

    public Point2d Apply(double x, double y) => new(A * x + B * y + C, D * x + E * y + F);

    public Point2f Apply(Point2f p)
    {
        var q = Apply(p.X, p.Y);
        return new Point2f((float)q.X, (float)q.Y);
    }

    /// <summary>The map that applies <paramref name="next"/> after this one.</summary>
    public AffineMap Then(AffineMap next) => new(
        next.A * A + next.B * D, next.A * B + next.B * E, next.A * C + next.B * F + next.C,
        next.D * A + next.E * D, next.D * B + next.E * E, next.D * C + next.E * F + next.F);

    public AffineMap Invert()
    {
        double det = Determinant;
        if (Math.Abs(det) < 1e-300)
            throw new InvalidOperationException("The affine map is singular and has no inverse.");
        double ia = E / det, ib = -B / det, id = -D / det, ie = A / det;
        return new AffineMap(ia, ib, -(ia * C + ib * F), id, ie, -(id * C + ie * F));
    }

    /// <summary>
    /// The same map expressed on pixel indices (pixel centres on integers), which is what
    /// OpenCV's warpAffine expects: T(-0.5) ∘ this ∘ T(+0.5).
    /// </summary>
    public AffineMap OnPixelCenters() => Translation(0.5, 0.5).Then(this).Then(Translation(-0.5, -0.5));

    /// <summary>A 2×3 CV_64F matrix for OpenCV warps, on pixel centres. The caller owns it.</summary>
    public Mat ToWarpMatrix()
    {
        var m = OnPixelCenters();
        var mat = new Mat(2, 3, MatType.CV_64FC1);
        mat.Set(0, 0, m.A); mat.Set(0, 1, m.B); mat.Set(0, 2, m.C);
        mat.Set(1, 0, m.D); mat.Set(1, 1, m.E); mat.Set(1, 2, m.F);
        return mat;
    }

    /// <summary>Maps an axis-aligned box; with rotation or shear, returns the bounding box of its mapped corners.</summary>
    public BoxF Apply(BoxF box)
    {
        var p1 = Apply(box.X1, box.Y1);
        var p2 = Apply(box.X2, box.Y1);
        var p3 = Apply(box.X2, box.Y2);
        var p4 = Apply(box.X1, box.Y2);
        return new BoxF(
            (float)Math.Min(Math.Min(p1.X, p2.X), Math.Min(p3.X, p4.X)),
            (float)Math.Min(Math.Min(p1.Y, p2.Y), Math.Min(p3.Y, p4.Y)),
            (float)Math.Max(Math.Max(p1.X, p2.X), Math.Max(p3.X, p4.X)),
            (float)Math.Max(Math.Max(p1.Y, p2.Y), Math.Max(p3.Y, p4.Y)));
    }
}
