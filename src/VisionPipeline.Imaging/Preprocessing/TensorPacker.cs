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
    /// (right padding is left as it was).
    /// </summary>
    public static unsafe void PackNchw(Mat bgr, TensorSpec spec, Span<float> destination, int rowStride = 0)
    {
        RequireBgr8(bgr);
        int h = bgr.Rows, w = bgr.Cols;
        int stride = rowStride == 0 ? w : rowStride;
        if (stride < w) throw new ArgumentException($"Row stride {stride} is narrower than the image ({w}).");
        int plane = h * stride;
        if (destination.Length < 3 * plane)
            throw new ArgumentException($"Tensor has room for {destination.Length} values, the image needs {3 * plane}.");

        using var channel = new Mat();
        fixed (float* basePtr = destination)
        {
            for (int c = 0; c < 3; c++)
            {
                int sourceChannel = spec.Colors == ColorOrder.Rgb ? 2 - c : c;
                Cv2.ExtractChannel(bgr, channel, sourceChannel);
                using var target = Mat.FromPixelData(h, w, MatType.CV_32FC1, (IntPtr)(basePtr + c * plane), stride * sizeof(float));
                double alpha = spec.Scale / spec.Std[c];
                double beta = -spec.Mean[c] / spec.Std[c];
                channel.ConvertTo(target, MatType.CV_32F, alpha, beta);
            }
        }
    }

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
