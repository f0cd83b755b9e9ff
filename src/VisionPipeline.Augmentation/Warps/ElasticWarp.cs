using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// Elastic distortion: output pixel p samples the input at p + D(p), D a smooth random displacement field.
/// A point s of the input moves to the p with p + D(p) = s, found by fixed-point iteration (D is smooth and small
/// next to its smoothing scale, so the iteration contracts, if slowly where the field is steep).
/// </summary>
public sealed class ElasticWarp : RemapWarp
{
    /// <summary>The displacement fields are the remap's maps themselves, read relative to each output pixel.</summary>
    private ElasticWarp(Mat dx, Mat dy, BorderStyle style) : base(dx, dy, style, relative: true) { }

    /// <summary>A field of uniform noise in [−1, 1] smoothed by a Gaussian of <paramref name="sigma"/>, times <paramref name="alpha"/>.</summary>
    public static ElasticWarp Create(Size size, double alpha, double sigma, ulong seed, BorderStyle style)
    {
        var rng = new RNG(seed);
        var dx = Field(size, alpha, sigma, rng);
        var dy = Field(size, alpha, sigma, rng);
        return new ElasticWarp(dx, dy, style);
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

    protected override bool KeepsLinesStraight => false;

    public override Point2d Map(double x, double y)
    {
        ReadOnlySpan<float> fieldX = MapX.AsSpan<float>(), fieldY = MapY.AsSpan<float>();
        int w = MapX.Width, h = MapX.Height;
        double px = x, py = y;
        for (int i = 0; i < MaxIterations; i++)
        {
            var (dx, dy) = Displacement(fieldX, fieldY, w, h, px - 0.5, py - 0.5);
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
    private static (double Dx, double Dy) Displacement(ReadOnlySpan<float> fieldX, ReadOnlySpan<float> fieldY, int w, int h, double u, double v)
    {
        u = Math.Clamp(u, 0, w - 1);
        v = Math.Clamp(v, 0, h - 1);
        int c0 = Math.Min((int)u, w - 2 < 0 ? 0 : w - 2), r0 = Math.Min((int)v, h - 2 < 0 ? 0 : h - 2);
        int c1 = Math.Min(c0 + 1, w - 1), r1 = Math.Min(r0 + 1, h - 1);
        double fu = u - c0, fv = v - r0;
        int i00 = r0 * w + c0, i01 = r0 * w + c1, i10 = r1 * w + c0, i11 = r1 * w + c1;
        double dx = (1 - fv) * ((1 - fu) * fieldX[i00] + fu * fieldX[i01]) + fv * ((1 - fu) * fieldX[i10] + fu * fieldX[i11]);
        double dy = (1 - fv) * ((1 - fu) * fieldY[i00] + fu * fieldY[i01]) + fv * ((1 - fu) * fieldY[i10] + fu * fieldY[i11]);
        return (dx, dy);
    }
}
