using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>Affine maps about the image centre, in continuous coordinates (y down).</summary>
public static class CenteredAffine
{
    /// <summary>
    /// Shear (degrees, x then y), then rotation (degrees, counter-clockwise as seen on screen) with scale, all about
    /// the centre (cx, cy), then a translation by (tx, ty) pixels.
    /// </summary>
    public static AffineMap Build(double cx, double cy, double angle, double scale, double shearX = 0, double shearY = 0,
        double tx = 0, double ty = 0)
    {
        double a = angle * Math.PI / 180, cos = Math.Cos(a) * scale, sin = Math.Sin(a) * scale;
        double kx = Math.Tan(shearX * Math.PI / 180), ky = Math.Tan(shearY * Math.PI / 180);
        var shear = new AffineMap(1, kx, 0, ky, 1, 0);
        var rotate = new AffineMap(cos, sin, 0, -sin, cos, 0);
        return AffineMap.Translation(-cx, -cy).Then(shear).Then(rotate).Then(AffineMap.Translation(cx + tx, cy + ty));
    }
}
