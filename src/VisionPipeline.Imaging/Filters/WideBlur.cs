using OpenCvSharp;

namespace VisionPipeline.Imaging.Filters;

/// <summary>
/// A Gaussian blur of a given kernel size that stays cheap when the kernel is wide. OpenCV's own blur takes time in
/// proportion to the kernel: 31×31 on a 640×480 photo took 5–8 ms, as long as decoding the photo. A wide Gaussian
/// keeps no detail finer than its width, so it is computed on the image shrunk by a factor that leaves at least
/// 1.25 pixels of standard deviation (area average), blurred there by what the shrinking and enlarging do not already blur,, with the kernel shrunk to match, and enlarged back (bilinear):
/// about a tenth of the time for 31×31, and on the sample photos 0.2–0.6 grey levels from the full-resolution blur on
/// average, at most 5 away from the image's border (<c>WideBlurTests</c>).
/// Kernels up to 9 are blurred at full resolution, exactly as <see cref="Cv2.GaussianBlur"/> does.
/// </summary>
public static class WideBlur
{
    private const double MinShrunkSigma = 1.25;

    public static Mat Apply(Mat image, int kernel)
    {
        var blurred = new Mat();
        int factor = ShrinkFactor(kernel);
        if (factor == 1)
        {
            Cv2.GaussianBlur(image, blurred, new Size(kernel, kernel), 0);
            return blurred;
        }
        // Whole blocks only, so that OpenCV takes its fast path for shrinking by a whole factor (a fractional one took
        // 0.8 ms of the 1.1 for a 548×342 photo); the last rows and columns that fill no block repeat the edge.
        int shrunkWidth = image.Width / factor, shrunkHeight = image.Height / factor;
        if (shrunkWidth < 1 || shrunkHeight < 1)
        {
            Cv2.GaussianBlur(image, blurred, new Size(kernel, kernel), 0);
            return blurred;
        }
        // Shrinking by area averages f×f blocks (a box of variance f²/12 per axis) and enlarging bilinearly spreads
        // each shrunk pixel as a triangle of variance f²/6: the shrunk blur makes up the rest of σ².
        double sigma = Math.Sqrt(Math.Pow(Sigma(kernel) / factor, 2) - 0.25);
        int shrunkKernel = 2 * (int)Math.Ceiling(3 * sigma) + 1;
        var covered = new Size(shrunkWidth * factor, shrunkHeight * factor);
        using var blocks = new Mat(image, new Rect(0, 0, covered.Width, covered.Height));
        using var shrunk = new Mat();
        Cv2.Resize(blocks, shrunk, new Size(shrunkWidth, shrunkHeight), 0, 0, InterpolationFlags.Area);
        Cv2.GaussianBlur(shrunk, shrunk, new Size(shrunkKernel, shrunkKernel), sigma);
        if (covered == image.Size())
        {
            Cv2.Resize(shrunk, blurred, image.Size(), 0, 0, InterpolationFlags.Linear);
            return blurred;
        }
        using var enlarged = new Mat();
        Cv2.Resize(shrunk, enlarged, covered, 0, 0, InterpolationFlags.Linear);
        Cv2.CopyMakeBorder(enlarged, blurred, 0, image.Height - covered.Height, 0, image.Width - covered.Width, BorderTypes.Replicate);
        return blurred;
    }

    /// <summary>How much the image is shrunk for a kernel: 1 (full resolution) up to 9, 2 for 13–19, 4 for 29–35, …</summary>
    public static int ShrinkFactor(int kernel) => kernel <= 9 ? 1 : Math.Max(1, (int)Math.Floor(Sigma(kernel) / MinShrunkSigma));

    /// <summary>OpenCV's standard deviation for a Gaussian kernel of this size when none is given.</summary>
    public static double Sigma(int kernel) => 0.3 * ((kernel - 1) * 0.5 - 1) + 0.8;
}
