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
    public List<Point2f> MapOutline(BoxF box)
    {
        int steps = KeepsLinesStraight ? 1 : Math.Max(2, (int)Math.Ceiling(Math.Max(box.Width, box.Height) / OutlineSpacing));
        var outline = new List<Point2f>(4 * steps);
        void Edge(float x0, float y0, float x1, float y1)
        {
            for (int i = 0; i < steps; i++)
            {
                float t = (float)i / steps;
                outline.Add(Map(new Point2f(x0 + t * (x1 - x0), y0 + t * (y1 - y0))));
            }
        }
        Edge(box.X1, box.Y1, box.X2, box.Y1);
        Edge(box.X2, box.Y1, box.X2, box.Y2);
        Edge(box.X2, box.Y2, box.X1, box.Y2);
        Edge(box.X1, box.Y2, box.X1, box.Y1);
        return outline;
    }

    /// <summary>Pixels between outline points mapped for warps that bend lines.</summary>
    private const double OutlineSpacing = 2;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
