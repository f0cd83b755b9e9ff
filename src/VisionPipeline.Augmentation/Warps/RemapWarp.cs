using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// A dense warp through one cv::remap: output pixel (r, c) samples the input at (MapX[r, c], MapY[r, c]) (pixel
/// indices), or with <paramref name="relative"/> maps at (c + MapX[r, c], r + MapY[r, c]). Subclasses say how an
/// input point moves forward, which is the inverse of those maps.
/// </summary>
public abstract class RemapWarp(Mat mapX, Mat mapY, BorderStyle style, bool relative = false) : Warp
{
    /// <summary>cv::WARP_RELATIVE_MAP (OpenCV 4.10 and later), which OpenCvSharp's enum does not name.</summary>
    public const InterpolationFlags WarpRelativeMap = (InterpolationFlags)32;

    protected Mat MapX { get; } = mapX;
    protected Mat MapY { get; } = mapY;

    public override Size OutputSize => MapX.Size();

    public override Mat WarpImage(Mat image) => Apply(image, style.Interpolation, style.Border, style.FillScalar);

    public override Mat WarpMask(Mat mask) => Apply(mask, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));

    private Mat Apply(Mat source, InterpolationFlags interpolation, BorderTypes border, Scalar fill)
    {
        var output = new Mat();
        Cv2.Remap(source, output, MapX, MapY, relative ? interpolation | WarpRelativeMap : interpolation, border, fill);
        return output;
    }

    public override void Dispose()
    {
        MapX.Dispose();
        MapY.Dispose();
        base.Dispose();
    }
}
