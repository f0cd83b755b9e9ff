using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>Any affine map (rotation, scale, translation, shear) through one warpAffine call.</summary>
public sealed class AffineWarp(AffineMap map, Size outputSize, BorderStyle style) : Warp
{
    public AffineMap Map2D => map;
    public override Size OutputSize => outputSize;

    public override Mat WarpImage(Mat image) => Apply(image, style.Interpolation, style.Border, style.FillScalar);

    public override Mat WarpMask(Mat mask) => Apply(mask, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));

    private Mat Apply(Mat source, InterpolationFlags interpolation, BorderTypes border, Scalar fill)
    {
        using var matrix = map.ToWarpMatrix();
        var output = new Mat();
        Cv2.WarpAffine(source, output, matrix, outputSize, interpolation, border, fill);
        return output;
    }

    public override Rect MaskBoundsAfter(Mat warpedMask, Rect sourceBounds) => ScanNearMappedBounds(warpedMask, sourceBounds);

    public override Point2d Map(double x, double y) => map.Apply(x, y);
}
