using OpenCvSharp;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Benchmarks.Augmentation;

/// <summary>
/// The OpenCV calls that do the same pixel work as each transform, with fixed parameters and nothing around them:
/// what a hand-written loop over Mats would cost. Each returns a new Mat, as the transforms do.
/// </summary>
internal static class BareOpenCv
{
    public static Mat Flip(Mat m, FlipMode mode) { var o = new Mat(); Cv2.Flip(m, o, mode); return o; }

    public static Mat Affine(Mat m, double angle, double scale, InterpolationFlags interpolation)
    {
        using var matrix = Cv2.GetRotationMatrix2D(new Point2f(m.Width / 2f, m.Height / 2f), angle, scale);
        var o = new Mat();
        Cv2.WarpAffine(m, o, matrix, m.Size(), interpolation, BorderTypes.Constant, Scalar.All(0));
        return o;
    }

    public static Mat Perspective(Mat m, InterpolationFlags interpolation)
    {
        float w = m.Width, h = m.Height;
        using var matrix = Cv2.GetPerspectiveTransform(
            [new(0.05f * w, 0.08f * h), new(0.93f * w, 0.04f * h), new(0.95f * w, 0.9f * h), new(0.07f * w, 0.94f * h)],
            [new(0, 0), new(w, 0), new(w, h), new(0, h)]);
        var o = new Mat();
        Cv2.WarpPerspective(m, o, matrix, m.Size(), interpolation, BorderTypes.Constant, Scalar.All(0));
        return o;
    }

    public static Mat CropResize(Mat m, Rect crop, Size size, InterpolationFlags interpolation)
    {
        using var roi = new Mat(m, crop);
        var o = new Mat();
        Cv2.Resize(roi, o, size, 0, 0, interpolation);
        return o;
    }

    private static readonly Random Positions = new(17);

    /// <summary>
    /// A size×size window at a random place, as the transform draws it: copying rows from an odd byte offset
    /// costs more than from an aligned one, so a fixed window would flatter the baseline.
    /// </summary>
    public static Mat CropAnywhere(Mat m, int size)
    {
        using var roi = new Mat(m, new Rect(Positions.Next(m.Width - size + 1), Positions.Next(m.Height - size + 1), size, size));
        return roi.Clone();
    }

    public static Mat Pad(Mat m, int side)
    {
        int extraX = side - m.Width, extraY = side - m.Height;
        var o = new Mat();
        Cv2.CopyMakeBorder(m, o, extraY / 2, extraY - extraY / 2, extraX / 2, extraX - extraX / 2, BorderTypes.Constant, Scalar.All(0));
        return o;
    }

    public static Mat Letterbox(Mat m, int side, InterpolationFlags interpolation)
    {
        double scale = Math.Min((double)side / m.Width, (double)side / m.Height);
        int w = (int)Math.Round(m.Width * scale), h = (int)Math.Round(m.Height * scale);
        var o = new Mat(side, side, m.Type(), Scalar.All(114));
        using var roi = new Mat(o, new Rect((side - w) / 2, (side - h) / 2, w, h));
        Cv2.Resize(m, roi, new Size(w, h), 0, 0, interpolation);
        return o;
    }

    public static Mat Resize(Mat m, Size size, InterpolationFlags interpolation)
    {
        var o = new Mat();
        Cv2.Resize(m, o, size, 0, 0, interpolation);
        return o;
    }

    /// <summary>Separable grid maps built from two 1-D position arrays, then one remap.</summary>
    public static Mat Grid(Mat m, float[] columns, float[] rows, InterpolationFlags interpolation)
    {
        using var c = Mat.FromPixelData(1, columns.Length, MatType.CV_32FC1, columns);
        using var r = Mat.FromPixelData(rows.Length, 1, MatType.CV_32FC1, rows);
        using var mapX = new Mat();
        using var mapY = new Mat();
        Cv2.Repeat(c, rows.Length, 1, mapX);
        Cv2.Repeat(r, 1, columns.Length, mapY);
        var o = new Mat();
        Cv2.Remap(m, o, mapX, mapY, interpolation, BorderTypes.Constant, Scalar.All(0));
        return o;
    }

    /// <summary>Two smoothed noise fields, then one remap reading them as offsets (cv::WARP_RELATIVE_MAP).</summary>
    public static Mat Elastic(Mat m, double alpha, double sigma, InterpolationFlags interpolation)
    {
        var rng = new RNG(12345);
        int kernel = 2 * (int)Math.Ceiling(3 * sigma) + 1;
        using var dx = new Mat(m.Size(), MatType.CV_32FC1);
        using var dy = new Mat(m.Size(), MatType.CV_32FC1);
        foreach (var field in new[] { dx, dy })
        {
            rng.Fill(field, DistributionType.Uniform, InputArray.Create(-1.0), InputArray.Create(1.0));
            Cv2.GaussianBlur(field, field, new Size(kernel, kernel), sigma, sigma, BorderTypes.Reflect101);
            Cv2.Multiply(field, Scalar.All(alpha), field);
        }
        var o = new Mat();
        Cv2.Remap(m, o, dx, dy, interpolation | RemapWarp.WarpRelativeMap, BorderTypes.Constant, Scalar.All(0));
        return o;
    }

    public static Mat Mosaic(Mat m, int side)
    {
        var o = new Mat(side, side, m.Type(), Scalar.All(114));
        int c = side / 2;
        foreach (var (from, to) in new[]
        {
            (new Rect(m.Width - 256, m.Height - 256, 256, 256), new Rect(c - 256, c - 256, 256, 256)),
            (new Rect(0, m.Height - 256, 256, 256), new Rect(c, c - 256, 256, 256)),
            (new Rect(m.Width - 256, 0, 256, 256), new Rect(c - 256, c, 256, 256)),
            (new Rect(0, 0, 256, 256), new Rect(c, c, 256, 256)),
        })
        {
            using var src = new Mat(m, from);
            using var dst = new Mat(o, to);
            src.CopyTo(dst);
        }
        return o;
    }

    /// <summary>
    /// The instance masks a mosaic of one image repeated in its four tiles produces: the object appears once per
    /// tile, each copy with its own canvas-size mask.
    /// </summary>
    public static Mat MosaicInstanceMasks(Mat mask, int side)
    {
        int c = side / 2;
        var masks = new List<Mat>(4);
        foreach (var (from, to) in new[]
        {
            (new Rect(mask.Width - 256, mask.Height - 256, 256, 256), new Rect(c - 256, c - 256, 256, 256)),
            (new Rect(0, mask.Height - 256, 256, 256), new Rect(c, c - 256, 256, 256)),
            (new Rect(mask.Width - 256, 0, 256, 256), new Rect(c - 256, c, 256, 256)),
            (new Rect(0, 0, 256, 256), new Rect(c, c, 256, 256)),
        })
        {
            var canvas = new Mat(side, side, mask.Type(), Scalar.All(0));
            masks.Add(canvas);
            using var src = new Mat(mask, from);
            using var dst = new Mat(canvas, to);
            src.CopyTo(dst);
        }
        // All four are alive together, as in the augmented sample; one is returned, the others released.
        for (int i = 0; i < 3; i++) masks[i].Dispose();
        return masks[3];
    }

    public static Mat Linear(Mat m) { var o = new Mat(); m.ConvertTo(o, -1, 1.15, 20); return o; }

    public static Mat Hsv(Mat m, Mat table)
    {
        using var hsv = new Mat();
        Cv2.CvtColor(m, hsv, ColorConversionCodes.BGR2HSV);
        Cv2.LUT(hsv, table, hsv);
        var o = new Mat();
        Cv2.CvtColor(hsv, o, ColorConversionCodes.HSV2BGR);
        return o;
    }

    public static Mat Lut(Mat m, byte[] table) { var o = new Mat(); Cv2.LUT(m, table, o); return o; }

    public static Mat OnLightness(Mat m, ColorConversionCodes to, ColorConversionCodes back, Action<Mat, Mat> operation)
    {
        using var converted = new Mat();
        using var channel = new Mat();
        using var changed = new Mat();
        Cv2.CvtColor(m, converted, to);
        Cv2.ExtractChannel(converted, channel, 0);
        operation(channel, changed);
        Cv2.InsertChannel(changed, converted, 0);
        var o = new Mat();
        Cv2.CvtColor(converted, o, back);
        return o;
    }

    public static Mat GaussianBlur(Mat m, int k) { var o = new Mat(); Cv2.GaussianBlur(m, o, new Size(k, k), 0); return o; }

    public static Mat MedianBlur(Mat m, int k) { var o = new Mat(); Cv2.MedianBlur(m, o, k); return o; }

    public static Mat Filter(Mat m, Mat kernel) { var o = new Mat(); Cv2.Filter2D(m, o, -1, kernel); return o; }

    public static Mat Noise(Mat m, double std)
    {
        using var noise = new Mat(m.Size(), MatType.CV_16SC3);
        new RNG(7).Fill(noise, DistributionType.Normal, InputArray.Create(0.0), InputArray.Create(std));
        var o = new Mat();
        Cv2.Add(m, noise, o, null, m.Type().Value);
        return o;
    }

    public static Mat Jpeg(Mat m, int quality)
    {
        Cv2.ImEncode(".jpg", m, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return Cv2.ImDecode(bytes, ImreadModes.Color);
    }

    public static Mat Gray(Mat m)
    {
        using var g = new Mat();
        Cv2.CvtColor(m, g, ColorConversionCodes.BGR2GRAY);
        var o = new Mat();
        Cv2.CvtColor(g, o, ColorConversionCodes.GRAY2BGR);
        return o;
    }

    public static Mat Shuffle(Mat m)
    {
        var o = new Mat(m.Size(), m.Type());
        Cv2.MixChannels([m], [o], [2, 0, 0, 1, 1, 2]);
        return o;
    }

    public static Mat Dropout(Mat m)
    {
        var o = m.Clone();
        for (int i = 0; i < 4; i++) Cv2.Rectangle(o, new Rect(40 + 100 * i, 60 + 80 * i, 50, 40), Scalar.All(0), -1);
        return o;
    }
}
