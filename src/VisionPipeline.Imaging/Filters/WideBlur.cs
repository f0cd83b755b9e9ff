using OpenCvSharp;

namespace VisionPipeline.Imaging.Filters;

/// <summary>
/// A Gaussian blur of a given kernel size that stays cheap when the kernel is wide. OpenCV's own blur takes time in
/// proportion to the kernel: 31×31 on a 640×480 photo took 3–8 ms, as long as decoding the photo. A wide Gaussian
/// keeps no detail finer than its width, so it is computed on the image shrunk by a power of 2 that leaves at least
/// 1.25 pixels of standard deviation (area average), blurred there by what the shrinking and enlarging do not
/// already blur, and enlarged back (bilinear): 0.26–0.65 ms instead of 2.4–5.4 for 31×31 on the sample photos (one
/// thread), 0.2–0.6 grey levels from the full-resolution blur on average and at most 5 away from the image's border
/// (<c>WideBlurTests</c>). Kernels up to 13 are blurred at full resolution, exactly as <see cref="Cv2.GaussianBlur"/> does.
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
        // Whole blocks only, halved step by step: OpenCV vectorises shrinking by exactly 2 (by 4 in one step it does not,
        // and a fractional factor took 0.8 ms of the 1.1 for a 548×342 photo); the last rows and columns that fill no
        // block repeat the edge.
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
        var shrunk = new Mat(image, new Rect(0, 0, covered.Width, covered.Height));
        for (int step = factor; step > 1; step /= 2)
        {
            var half = new Mat();
            Cv2.Resize(shrunk, half, new Size(shrunk.Width / 2, shrunk.Height / 2), 0, 0, InterpolationFlags.Area);
            shrunk.Dispose();
            shrunk = half;
        }
        using var _ = shrunk;
        Cv2.GaussianBlur(shrunk, shrunk, new Size(shrunkKernel, shrunkKernel), sigma);
        // Enlarged straight into the blurred image's covered rectangle (no second full-size image to copy from).
        blurred.Create(image.Size(), image.Type());
        using (var inside = new Mat(blurred, new Rect(0, 0, covered.Width, covered.Height)))
            Cv2.Resize(shrunk, inside, covered, 0, 0, InterpolationFlags.Linear);
        // The rows and columns beyond the last whole block repeat the edge (the bottom strip, then the right one with its corner).
        if (covered.Height < image.Height)
        {
            using var lastRow = new Mat(blurred, new Rect(0, covered.Height - 1, covered.Width, 1));
            using var bottom = new Mat(blurred, new Rect(0, covered.Height, covered.Width, image.Height - covered.Height));
            Cv2.Repeat(lastRow, bottom.Rows, 1, bottom);
        }
        if (covered.Width < image.Width)
        {
            using var lastColumn = new Mat(blurred, new Rect(covered.Width - 1, 0, 1, image.Height));
            using var right = new Mat(blurred, new Rect(covered.Width, 0, image.Width - covered.Width, image.Height));
            Cv2.Repeat(lastColumn, 1, right.Cols, right);
        }
        return blurred;
    }

    /// <summary>How much the image is shrunk for a kernel, a power of 2: 1 (full resolution) up to 13, 2 for 15–29, 4 for 31–61, …</summary>
    public static int ShrinkFactor(int kernel)
    {
        if (kernel <= 9) return 1;
        int factor = 1;
        while (factor * 2 <= Sigma(kernel) / MinShrunkSigma) factor *= 2;
        return factor;
    }

    /// <summary>OpenCV's standard deviation for a Gaussian kernel of this size when none is given.</summary>
    public static double Sigma(int kernel) => 0.3 * ((kernel - 1) * 0.5 - 1) + 0.8;
}
