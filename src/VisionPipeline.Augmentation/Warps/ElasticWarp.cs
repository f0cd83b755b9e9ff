using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// Elastic distortion: output pixel p samples the input at p + D(p), D a smooth random displacement field.
/// A point s of the input moves to the p with p + D(p) = s, found by fixed-point iteration (D is smooth and small
/// next to its smoothing scale, so the iteration contracts, if slowly where the field is steep).
/// </summary>
public sealed class ElasticWarp : RemapWarp
{
    private readonly Mat _dx;
    private readonly Mat _dy;

    private ElasticWarp(Mat dx, Mat dy, Mat mapX, Mat mapY, BorderStyle style) : base(mapX, mapY, style)
    {
        _dx = dx;
        _dy = dy;
    }

    /// <summary>A field of uniform noise in [−1, 1] smoothed by a Gaussian of <paramref name="sigma"/>, times <paramref name="alpha"/>.</summary>
    public static ElasticWarp Create(Size size, double alpha, double sigma, ulong seed, BorderStyle style)
    {
        var rng = new RNG(seed);
        var dx = Field(size, alpha, sigma, rng);
        var dy = Field(size, alpha, sigma, rng);
        using var gridX = Ramp(size, horizontal: true);
        using var gridY = Ramp(size, horizontal: false);
        var mapX = new Mat();
        var mapY = new Mat();
        Cv2.Add(gridX, dx, mapX);
        Cv2.Add(gridY, dy, mapY);
        return new ElasticWarp(dx, dy, mapX, mapY, style);
    }

    private static Mat Field(Size size, double alpha, double sigma, RNG rng)
    {
        var field = new Mat(size, MatType.CV_32FC1);
        rng.Fill(field, DistributionType.Uniform, InputArray.Create(-1.0), InputArray.Create(1.0));
        int kernel = Math.Min(2 * (int)Math.Ceiling(3 * sigma) + 1, MaxKernel);
        Cv2.GaussianBlur(field, field, new Size(kernel, kernel), sigma, sigma, BorderTypes.Reflect101);
        Cv2.Multiply(field, Scalar.All(alpha), field);
        return field;
    }

    /// <summary>Larger kernels cost time and change the field little: the Gaussian's tail is cut at 3σ anyway.</summary>
    private const int MaxKernel = 99;

    private static Mat Ramp(Size size, bool horizontal)
    {
        int n = horizontal ? size.Width : size.Height;
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = i;
        using var line = horizontal ? Mat.FromPixelData(1, n, MatType.CV_32FC1, values) : Mat.FromPixelData(n, 1, MatType.CV_32FC1, values);
        var grid = new Mat();
        Cv2.Repeat(line, horizontal ? size.Height : 1, horizontal ? 1 : size.Width, grid);
        return grid;
    }

    protected override bool KeepsLinesStraight => false;

    public override Point2d Map(double x, double y)
    {
        double px = x, py = y;
        for (int i = 0; i < MaxIterations; i++)
        {
            var (dx, dy) = Displacement(px - 0.5, py - 0.5);
            double nx = x - dx, ny = y - dy;
            bool settled = Math.Abs(nx - px) + Math.Abs(ny - py) < Precision;
            px = nx;
            py = ny;
            if (settled) break;
        }
        return new Point2d(px, py);
    }

    private const int MaxIterations = 100;
    private const double Precision = 1e-4;

    /// <summary>The field, bilinearly interpolated at pixel-index coordinates (clamped to the image).</summary>
    private (double Dx, double Dy) Displacement(double u, double v)
    {
        int w = _dx.Width, h = _dx.Height;
        u = Math.Clamp(u, 0, w - 1);
        v = Math.Clamp(v, 0, h - 1);
        int c0 = Math.Min((int)u, w - 2 < 0 ? 0 : w - 2), r0 = Math.Min((int)v, h - 2 < 0 ? 0 : h - 2);
        int c1 = Math.Min(c0 + 1, w - 1), r1 = Math.Min(r0 + 1, h - 1);
        double fu = u - c0, fv = v - r0;
        double Sample(Mat m) =>
            (1 - fv) * ((1 - fu) * m.At<float>(r0, c0) + fu * m.At<float>(r0, c1)) +
            fv * ((1 - fu) * m.At<float>(r1, c0) + fu * m.At<float>(r1, c1));
        return (Sample(_dx), Sample(_dy));
    }

    public override void Dispose()
    {
        _dx.Dispose();
        _dy.Dispose();
        base.Dispose();
    }
}
