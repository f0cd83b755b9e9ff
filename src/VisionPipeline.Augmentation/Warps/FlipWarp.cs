using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>An exact mirror: x → W − x (horizontal), y → H − y (vertical), or both.</summary>
public sealed class FlipWarp(Size size, FlipMode mode) : Warp
{
    public override Size OutputSize => size;

    public override Mat WarpImage(Mat image)
    {
        var output = new Mat();
        Cv2.Flip(image, output, mode);
        return output;
    }

    public override Mat WarpMask(Mat mask) => WarpImage(mask);

    public override Point2d Map(double x, double y) => mode switch
    {
        FlipMode.Y => new Point2d(size.Width - x, y),
        FlipMode.X => new Point2d(x, size.Height - y),
        _ => new Point2d(size.Width - x, size.Height - y),
    };
}
