using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// A homography (row-major 3×3, continuous coordinates) through one warpPerspective call.
/// </summary>
public sealed class PerspectiveWarp : Warp
{
    private readonly double[] _h;
    private readonly Size _outputSize;
    private readonly BorderStyle _style;

    public PerspectiveWarp(double[] homography, Size outputSize, BorderStyle style)
    {
        if (homography.Length != 9) throw new ArgumentException("A homography has 9 entries.", nameof(homography));
        _h = homography;
        _outputSize = outputSize;
        _style = style;
    }

    /// <summary>The homography that moves the four <paramref name="from"/> points onto <paramref name="to"/>.</summary>
    public static double[] Between(Point2f[] from, Point2f[] to)
    {
        using var m = Cv2.GetPerspectiveTransform(from, to);
        var h = new double[9];
        for (int i = 0; i < 9; i++) h[i] = m.At<double>(i / 3, i % 3);
        return h;
    }

    public override Size OutputSize => _outputSize;

    public override Mat WarpImage(Mat image) => Apply(image, _style.Interpolation, _style.Border, _style.FillScalar);

    public override Mat WarpMask(Mat mask) => Apply(mask, InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));

    private Mat Apply(Mat source, InterpolationFlags interpolation, BorderTypes border, Scalar fill)
    {
        using var matrix = OnPixelCenters();
        var output = new Mat();
        Cv2.WarpPerspective(source, output, matrix, _outputSize, interpolation, border, fill);
        return output;
    }

    /// <summary>T(−½) · H · T(+½): the same map on pixel indices, which warpPerspective expects.</summary>
    private Mat OnPixelCenters()
    {
        var m = new Mat(3, 3, MatType.CV_64FC1);
        for (int r = 0; r < 3; r++)
        {
            // H · T(+½) adds ½·(column 0 + column 1) to column 2.
            double c2 = _h[r * 3 + 2] + 0.5 * (_h[r * 3] + _h[r * 3 + 1]);
            m.Set(r, 0, _h[r * 3]); m.Set(r, 1, _h[r * 3 + 1]); m.Set(r, 2, c2);
        }
        // T(−½) · M subtracts ½·(row 2) from rows 0 and 1.
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 3; c++)
                m.Set(r, c, m.At<double>(r, c) - 0.5 * m.At<double>(2, c));
        return m;
    }

    /// <summary>
    /// A homography keeps a rectangle's inside inside its mapped outline while the whole rectangle stays in front
    /// of the horizon (w &gt; 0 at its corners); otherwise the whole mask is scanned.
    /// </summary>
    public override Rect MaskBoundsAfter(Mat warpedMask, Rect b)
    {
        double W(double x, double y) => _h[6] * x + _h[7] * y + _h[8];
        // The corners of the widened bounds that ScanNearMappedBounds maps.
        const int slack = RoundingSlack;
        bool inFront = W(b.Left - slack, b.Top - slack) > 0 && W(b.Right + slack, b.Top - slack) > 0
            && W(b.Right + slack, b.Bottom + slack) > 0 && W(b.Left - slack, b.Bottom + slack) > 0;
        return inFront ? ScanNearMappedBounds(warpedMask, b) : MaskScan.Whole(warpedMask);
    }

    public override Point2d Map(double x, double y)
    {
        double w = _h[6] * x + _h[7] * y + _h[8];
        return new Point2d((_h[0] * x + _h[1] * y + _h[2]) / w, (_h[3] * x + _h[4] * y + _h[5]) / w);
    }
}
