using OpenCvSharp;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Imaging.Preprocessing;

/// <summary>
/// Writes an 8-bit BGR image into a float tensor: colour order, (px·scale − mean)/std and layout in
/// OpenCV calls that write straight into the destination memory.
/// </summary>
public static class TensorPacker
{
    /// <summary>
    /// Packs <paramref name="bgr"/> (CV_8UC3) into <paramref name="destination"/> as one C×H×W item. With a
    /// <paramref name="rowStride"/> wider than the image, each row lands at the left of a wider tensor row
    /// (the rest of the row is left as it was); with a <paramref name="planeStride"/>, each channel's plane starts that
    /// many values after the previous one (default: the image's rows × the row stride), so that an image can be
    /// packed at an offset inside a larger tensor.
    /// </summary>
    public static unsafe void PackNchw(Mat bgr, TensorSpec spec, Span<float> destination, int rowStride = 0, int planeStride = 0)
    {
        RequireBgr8(bgr);
        int h = bgr.Rows, w = bgr.Cols;
        int stride = rowStride == 0 ? w : rowStride;
        if (stride < w) throw new ArgumentException($"Row stride {stride} is narrower than the image ({w}).");
        int plane = planeStride == 0 ? h * stride : planeStride;
        if (plane < (h - 1) * stride + w) throw new ArgumentException($"Plane stride {plane} is smaller than the image's plane.");
        if (destination.Length < 2L * plane + (h - 1) * stride + w)
            throw new ArgumentException($"Tensor has room for {destination.Length} values, the image needs {2L * plane + (h - 1) * stride + w}.");

        // One split reads the image once (extracting each channel read it three times: 0.14 against 0.10 ms for a
        // 640×480 frame, 0.30 against 0.25 after the caches were evicted).
        var channels = Cv2.Split(bgr);
        try
        {
            fixed (float* basePtr = destination)
            {
                for (int c = 0; c < 3; c++)
                {
                    int sourceChannel = spec.Colors == ColorOrder.Rgb ? 2 - c : c;
                    using var target = Mat.FromPixelData(h, w, MatType.CV_32FC1, (IntPtr)(basePtr + (long)c * plane), stride * sizeof(float));
                    var (alpha, beta) = Affine(spec, c);
                    channels[sourceChannel].ConvertTo(target, MatType.CV_32F, alpha, beta);
                }
            }
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }
    }

    /// <summary>
    /// Fills the three width×height planes of an NCHW item outside <paramref name="content"/> with the packed value
    /// of a pixel of <paramref name="padValue"/> in every channel: what packing a letterbox's padding would write,
    /// computed by the same OpenCV conversion, so both are equal to the bit.
    /// </summary>
    public static void FillOutside(Span<float> destination, TensorSpec spec, int width, int height, Rect content, byte padValue)
    {
        int plane = width * height;
        for (int c = 0; c < 3; c++)
        {
            float value = PackedValue(spec, c, padValue);
            var channel = destination.Slice(c * plane, plane);
            channel[..(content.Top * width)].Fill(value);
            channel[(content.Bottom * width)..].Fill(value);
            if (content.Width == width) continue;
            for (int y = content.Top; y < content.Bottom; y++)
            {
                var row = channel.Slice(y * width, width);
                row[..content.Left].Fill(value);
                row[content.Right..].Fill(value);
            }
        }
    }

    /// <summary>The value a pixel of <paramref name="pixel"/> gets in channel <paramref name="c"/>, as <see cref="PackNchw"/> computes it
    /// (a whole vector's width of pixels, so OpenCV takes its vectorised path, as it does inside an image).</summary>
    private static float PackedValue(TensorSpec spec, int c, byte pixel)
    {
        var (alpha, beta) = Affine(spec, c);
        return PackedValues.GetOrAdd((alpha, beta, pixel), key => ConvertOne(key.Alpha, key.Beta, key.Pixel));
    }

    // A spec has a handful of (scale, shift, pad) triples: each is converted once, not once per image and channel.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Alpha, double Beta, byte Pixel), float> PackedValues = new();

    private static float ConvertOne(double alpha, double beta, byte pixel)
    {
        using var pixels = new Mat(1, 64, MatType.CV_8UC1, Scalar.All(pixel));
        using var packed = new Mat();
        pixels.ConvertTo(packed, MatType.CV_32F, alpha, beta);
        return packed.At<float>(0, 0);
    }

    private static (double Alpha, double Beta) Affine(TensorSpec spec, int c) => (spec.Scale / spec.Std[c], -spec.Mean[c] / spec.Std[c]);

    /// <summary>Packs <paramref name="bgr"/> (CV_8UC3) into <paramref name="destination"/> as one H×W×C item.</summary>
    public static unsafe void PackNhwc(Mat bgr, TensorSpec spec, Span<float> destination)
    {
        RequireBgr8(bgr);
        int h = bgr.Rows, w = bgr.Cols;
        if (destination.Length < 3 * h * w)
            throw new ArgumentException($"Tensor has room for {destination.Length} values, the image needs {3 * h * w}.");

        fixed (float* basePtr = destination)
        {
            using var target = Mat.FromPixelData(h, w, MatType.CV_32FC3, (IntPtr)basePtr);
            if (spec.Colors == ColorOrder.Rgb)
            {
                using var rgb = new Mat();
                Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
                rgb.ConvertTo(target, MatType.CV_32FC3, spec.Scale);
            }
            else
            {
                bgr.ConvertTo(target, MatType.CV_32FC3, spec.Scale);
            }
            Cv2.Subtract(target, new Scalar(spec.Mean[0], spec.Mean[1], spec.Mean[2]), target);
            Cv2.Divide(target, new Scalar(spec.Std[0], spec.Std[1], spec.Std[2]), target);
        }
    }

    public static void Pack(Mat bgr, TensorSpec spec, Span<float> destination)
    {
        if (spec.Layout == TensorLayout.Nchw) PackNchw(bgr, spec, destination);
        else PackNhwc(bgr, spec, destination);
    }

    private static void RequireBgr8(Mat image)
    {
        if (image.Type() != MatType.CV_8UC3)
            throw new ArgumentException($"Expected an 8-bit 3-channel BGR image, got {image.Type()}.");
    }
}
