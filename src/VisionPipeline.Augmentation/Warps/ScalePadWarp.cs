using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// Cut <see cref="Source"/> out of the input, resize it to <see cref="Destination"/> and place it on a canvas
/// (filled elsewhere): crops, resizes, pads, letterboxes and mosaic tiles. Resampling is one cv::resize into the
/// canvas's region; a crop or pad without scaling copies pixels exactly. The destination must lie inside the canvas
/// and the source inside the input.
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

    public override Mat WarpImage(Mat image) => Render(image, style.Interpolation, style.Border, style.FillScalar);

    public override Mat WarpMask(Mat mask) => Render(mask, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));

    /// <summary>Without scaling, only the part of the mask's pixels that the cut keeps is copied onto a zero canvas.</summary>
    public override Mat WarpMask(Mat mask, Rect sourceBounds)
    {
        var kept = sourceBounds.Intersect(source);
        // Past half the mask, one copyMakeBorder of the whole is cheaper than filling a canvas and copying the part.
        if (!Unscaled || 2L * kept.Width * kept.Height > (long)mask.Width * mask.Height) return WarpMask(mask);
        var output = new Mat(canvas, mask.Type(), Scalar.All(0));
        if (kept.Width <= 0 || kept.Height <= 0) return output;
        using var from = new Mat(mask, kept);
        using var to = new Mat(output, new Rect(kept.X - source.X + destination.X, kept.Y - source.Y + destination.Y, kept.Width, kept.Height));
        from.CopyTo(to);
        return output;
    }

    /// <summary>
    /// Writes every output pixel once: a plain crop is one copy, a crop or pad one copyMakeBorder (any border mode;
    /// as fast as filling a canvas and copying into it, measured); a resize goes into the destination region and
    /// only the strips around it are filled.
    /// </summary>
    private Mat Render(Mat input, InterpolationFlags interpolation, BorderTypes border, Scalar fill)
    {
        if (Unscaled)
        {
            using var from = new Mat(input, source);
            if (destination == new Rect(0, 0, canvas.Width, canvas.Height)) return from.Clone();
            var output = new Mat();
            Cv2.CopyMakeBorder(from, output, destination.Y, canvas.Height - destination.Bottom,
                destination.X, canvas.Width - destination.Right, border == BorderTypes.Constant ? border : border | BorderTypes.Isolated, fill);
            return output;
        }
        var result = new Mat(canvas, input.Type());
        RenderInto(input, result, interpolation);
        foreach (var strip in Strips())
        {
            using var part = new Mat(result, strip);
            part.SetTo(fill);
        }
        return result;
    }

    /// <summary>The canvas outside the destination: the bands above and below it, and left and right of it.</summary>
    private IEnumerable<Rect> Strips()
    {
        var d = destination;
        var all = new[]
        {
            new Rect(0, 0, canvas.Width, d.Top),
            new Rect(0, d.Bottom, canvas.Width, canvas.Height - d.Bottom),
            new Rect(0, d.Top, d.Left, d.Height),
            new Rect(d.Right, d.Top, canvas.Width - d.Right, d.Height),
        };
        return all.Where(r => r.Width > 0 && r.Height > 0);
    }

    /// <summary>Draws the source region into <paramref name="target"/>'s destination region (mosaic tiles share one canvas).</summary>
    public void RenderInto(Mat input, Mat target, InterpolationFlags interpolation)
    {
        using var from = new Mat(input, source);
        using var to = new Mat(target, destination);
        if (Unscaled) from.CopyTo(to);
        else Cv2.Resize(from, to, destination.Size, 0, 0, interpolation);
    }

    /// <summary>
    /// Without scaling, pixels move by a whole offset: the bounds move with them, exactly when nothing is cut off,
    /// else only the part that stays is scanned. With scaling, the scaled bounds are scanned.
    /// </summary>
    public override Rect MaskBoundsAfter(Mat warpedMask, Rect b)
    {
        if (!Unscaled) return ScanNearMappedBounds(warpedMask, b);
        if (b.Width <= 0 || b.Height <= 0) return default;
        var moved = new Rect(b.X - source.X + destination.X, b.Y - source.Y + destination.Y, b.Width, b.Height);
        var kept = moved.Intersect(VisibleRegion);
        return kept == moved ? moved : MaskScan.Within(warpedMask, kept);
    }

    public override Point2d Map(double x, double y) =>
        new((x - source.X) * ScaleX + destination.X, (y - source.Y) * ScaleY + destination.Y);
}
