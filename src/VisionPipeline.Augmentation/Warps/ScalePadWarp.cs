using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// Cut <see cref="Source"/> out of the input, resize it to <see cref="Destination"/> and place it on a canvas
/// (filled elsewhere): crops, resizes, pads, letterboxes and mosaic tiles. Resampling is one cv::resize into the
/// canvas's region; a crop or pad without scaling copies pixels exactly.
/// </summary>
public sealed class ScalePadWarp(Rect source, Rect destination, Size canvas, BorderStyle style) : Warp
{
    public Rect Source => source;
    public Rect Destination => destination;
    public override Size OutputSize => canvas;
    public override Rect VisibleRegion => destination.Intersect(new Rect(0, 0, canvas.Width, canvas.Height));

    private double ScaleX => (double)destination.Width / source.Width;
    private double ScaleY => (double)destination.Height / source.Height;
    private bool Unscaled => source.Size == destination.Size;

    public override Mat WarpImage(Mat image)
    {
        bool wholeImage = source == new Rect(0, 0, image.Width, image.Height);
        if (style.Border != BorderTypes.Constant && Unscaled && wholeImage)
        {
            var padded = new Mat();
            Cv2.CopyMakeBorder(image, padded, destination.Y, canvas.Height - destination.Bottom,
                destination.X, canvas.Width - destination.Right, style.Border, style.FillScalar);
            return padded;
        }
        var output = new Mat(canvas, image.Type(), style.FillScalar);
        RenderInto(image, output, style.Interpolation);
        return output;
    }

    public override Mat WarpMask(Mat mask)
    {
        var output = new Mat(canvas, mask.Type(), Scalar.All(0));
        RenderInto(mask, output, InterpolationFlags.Nearest);
        return output;
    }

    /// <summary>Draws the source region into <paramref name="target"/>'s destination region (mosaic tiles share one canvas).</summary>
    public void RenderInto(Mat input, Mat target, InterpolationFlags interpolation)
    {
        using var from = new Mat(input, source);
        using var to = new Mat(target, destination);
        if (Unscaled) from.CopyTo(to);
        else Cv2.Resize(from, to, destination.Size, 0, 0, interpolation);
    }

    public override Point2d Map(double x, double y) =>
        new((x - source.X) * ScaleX + destination.X, (y - source.Y) * ScaleY + destination.Y);
}
