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

    // No shortcut for part of a mask: OpenCV mirrors a region of a mask slower than the whole mask (measured).

    /// <summary>Exact: a mirror moves every pixel to one pixel, so the bounds mirror too.</summary>
    public override Rect MaskBoundsAfter(Mat warpedMask, Rect b)
    {
        if (b.Width <= 0 || b.Height <= 0) return default;
        int x = mode == FlipMode.X ? b.X : size.Width - b.Right;
        int y = mode == FlipMode.Y ? b.Y : size.Height - b.Bottom;
        return new Rect(x, y, b.Width, b.Height);
    }

    public override Point2d Map(double x, double y) => mode switch
    {
        FlipMode.Y => new Point2d(size.Width - x, y),
        FlipMode.X => new Point2d(x, size.Height - y),
        _ => new Point2d(size.Width - x, size.Height - y),
    };
}
