using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// One sampled geometric change: the same map moves the image's pixels (one OpenCV call), every mask's pixels
/// (nearest neighbour, zero outside) and every point. Points use continuous coordinates: pixel edges on integers,
/// so a W-wide image spans [0, W] and a horizontal flip maps x to W − x.
/// </summary>
public abstract class Warp : IDisposable
{
    public abstract Size OutputSize { get; }

    /// <summary>Where the warped image's content lies; targets are clipped to it (the whole output but for mosaic tiles).</summary>
    public virtual Rect VisibleRegion => new(0, 0, OutputSize.Width, OutputSize.Height);

    /// <summary>A new Mat with the image warped.</summary>
    public abstract Mat WarpImage(Mat image);

    /// <summary>A new Mat with a mask or label map warped by nearest neighbour; uncovered pixels are 0.</summary>
    public abstract Mat WarpMask(Mat mask);

    /// <summary>
    /// <see cref="WarpMask(Mat)"/> of a mask whose nonzero pixels all lie in <paramref name="sourceBounds"/>, with
    /// the same result; warps that can move only that part of it onto a zero canvas (an instance mask is mostly
    /// zeros).
    /// </summary>
    public virtual Mat WarpMask(Mat mask, Rect sourceBounds) => WarpMask(mask);

    /// <summary>Where a point (continuous coordinates) of the input lands in the output.</summary>
    public abstract Point2d Map(double x, double y);

    /// <summary>
    /// True when straight lines stay straight, so a box's image is the hull of its four mapped corners; otherwise
    /// the box's outline is mapped point by point.
    /// </summary>
    protected virtual bool KeepsLinesStraight => true;

    public Point2f Map(Point2f p)
    {
        var q = Map(p.X, p.Y);
        return new Point2f((float)q.X, (float)q.Y);
    }

    /// <summary>
    /// The box's outline after the warp, clockwise from the top-left corner (not clipped): its four corners, or for
    /// warps that bend lines, points every couple of pixels along its edges.
    /// </summary>
    public List<Point2f> MapOutline(BoxF box) => MapOutline(box, []);

    /// <summary>The same, written into <paramref name="outline"/> (cleared first), which is returned.</summary>
    public List<Point2f> MapOutline(BoxF box, List<Point2f> outline)
    {
        int steps = KeepsLinesStraight ? 1 : Math.Max(2, (int)Math.Ceiling(Math.Max(box.Width, box.Height) / OutlineSpacing));
        outline.Clear();
        outline.EnsureCapacity(4 * steps);
        AddEdge(outline, steps, box.X1, box.Y1, box.X2, box.Y1);
        AddEdge(outline, steps, box.X2, box.Y1, box.X2, box.Y2);
        AddEdge(outline, steps, box.X2, box.Y2, box.X1, box.Y2);
        AddEdge(outline, steps, box.X1, box.Y2, box.X1, box.Y1);
        return outline;
    }

    private void AddEdge(List<Point2f> outline, int steps, float x0, float y0, float x1, float y1)
    {
        for (int i = 0; i < steps; i++)
        {
            float t = (float)i / steps;
            outline.Add(Map(new Point2f(x0 + t * (x1 - x0), y0 + t * (y1 - y0))));
        }
    }

    /// <summary>
    /// The bounding rectangle (pixel indices) of the nonzero pixels of <paramref name="warpedMask"/>, this warp's
    /// <see cref="WarpMask(OpenCvSharp.Mat)"/> of a mask whose nonzero pixels have the bounds <paramref name="sourceBounds"/>. This
    /// default scans the whole warped mask; warps that know where those pixels can land look only there.
    /// </summary>
    public virtual Rect MaskBoundsAfter(Mat warpedMask, Rect sourceBounds) => MaskScan.Whole(warpedMask);

    /// <summary>
    /// For warps that keep the inside of a rectangle inside the image of its outline (no folding): scans only the
    /// mapped outline of the source bounds, widened on both sides for nearest-neighbour rounding.
    /// </summary>
    protected Rect ScanNearMappedBounds(Mat warpedMask, Rect sourceBounds)
    {
        if (sourceBounds.Width <= 0 || sourceBounds.Height <= 0) return default;
        var outline = MapOutline(new BoxF(sourceBounds.Left - RoundingSlack, sourceBounds.Top - RoundingSlack,
            sourceBounds.Right + RoundingSlack, sourceBounds.Bottom + RoundingSlack));
        double x1 = double.MaxValue, y1 = double.MaxValue, x2 = double.MinValue, y2 = double.MinValue;
        foreach (var p in outline)
        {
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) return MaskScan.Whole(warpedMask);
            x1 = Math.Min(x1, p.X); y1 = Math.Min(y1, p.Y);
            x2 = Math.Max(x2, p.X); y2 = Math.Max(y2, p.Y);
        }
        // Clamped before the cast: a steep homography can send the outline far outside the mask.
        static int Index(double v) => (int)Math.Clamp(v, -1, 1 << 30);
        var region = Rect.FromLTRB(Index(Math.Floor(x1)) - RoundingSlack, Index(Math.Floor(y1)) - RoundingSlack,
            Index(Math.Ceiling(x2)) + RoundingSlack, Index(Math.Ceiling(y2)) + RoundingSlack);
        return MaskScan.Within(warpedMask, region);
    }

    /// <summary>
    /// Pixels a nearest-neighbour sample can land away from where the continuous map puts it: OpenCV rounds in
    /// fixed point, and cv::resize's nearest mode takes floor(x · scale) rather than the pixel centre.
    /// </summary>
    protected const int RoundingSlack = 2;

    /// <summary>Pixels between outline points mapped for warps that bend lines.</summary>
    private const double OutlineSpacing = 2;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
