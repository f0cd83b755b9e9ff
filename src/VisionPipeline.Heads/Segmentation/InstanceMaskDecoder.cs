using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Heads.Common;

namespace VisionPipeline.Heads.Segmentation;

/// <summary>
/// YOLOv8-seg masks: sigmoid(coefficients · prototypes) at prototype resolution, brought back to the image through
/// the exact inverse of the letterbox (bilinear), thresholded, and kept only inside the instance's box.
/// </summary>
public static class InstanceMaskDecoder
{
    /// <param name="prototypes">One image's [M, mh, mw] prototype masks.</param>
    /// <param name="instances">Kept detections with their M coefficients, boxes in image pixels.</param>
    /// <param name="imageToTensor">Image → network input coordinates (the letterbox map).</param>
    /// <returns>One 0/255 CV_8UC1 mask at image size per instance; the caller owns them.</returns>
    public static unsafe List<Mat> Decode(ReadOnlySpan<float> prototypes, int count, int protoHeight, int protoWidth,
        IReadOnlyList<ScoredBox> instances, AffineMap imageToTensor, int inputWidth, int inputHeight,
        int imageWidth, int imageHeight, float threshold = 0.5f)
    {
        int plane = protoHeight * protoWidth;
        if (prototypes.Length != count * plane)
            throw new ArgumentException($"prototypes need {count} × {protoHeight} × {protoWidth} values, got {prototypes.Length}");
        var masks = new List<Mat>(instances.Count);
        if (instances.Count == 0) return masks;

        using var coefficients = new Mat(instances.Count, count, MatType.CV_32FC1);
        for (int k = 0; k < instances.Count; k++)
        {
            var c = instances[k].MaskCoefficients ?? throw new ArgumentException("an instance has no mask coefficients");
            for (int m = 0; m < count; m++) coefficients.Set(k, m, c[m]);
        }
        using var logits = new Mat();
        fixed (float* p = prototypes)
        {
            using var protos = Mat.FromPixelData(count, plane, MatType.CV_32FC1, (IntPtr)p);
            Cv2.Gemm(coefficients, protos, 1, new Mat(), 0, logits);
        }
        // sigmoid(x) = 1 / (1 + e^−x), in OpenCV.
        using var probabilities = new Mat();
        Cv2.Multiply(logits, Scalar.All(-1), probabilities);
        Cv2.Exp(probabilities, probabilities);
        Cv2.Add(probabilities, Scalar.All(1), probabilities);
        Cv2.Divide(1.0, probabilities, probabilities);

        // Upsample each probability map to the network input first (an exact integer-stride resize), then undo
        // the letterbox with a resize of the image's region: both steps use OpenCV's resize weights, which stay
        // exact at large factors where a single warp's 1/32-pixel grid would blur the edge by a pixel or more.
        using var upsampled = new Mat();
        var tensorMap = new float[inputWidth * inputHeight];
        for (int k = 0; k < instances.Count; k++)
        {
            var mask = new Mat(imageHeight, imageWidth, MatType.CV_8UC1, Scalar.All(0));
            var box = instances[k].Box.ClipTo(imageWidth, imageHeight);
            int x0 = (int)Math.Round(box.X1), y0 = (int)Math.Round(box.Y1), x1 = (int)Math.Round(box.X2), y1 = (int)Math.Round(box.Y2);
            if (x1 > x0 && y1 > y0)
            {
                using (var map = Mat.FromPixelData(protoHeight, protoWidth, MatType.CV_32FC1, probabilities.Ptr(k)))
                    Cv2.Resize(map, upsampled, new Size(inputWidth, inputHeight), 0, 0, InterpolationFlags.Linear);
                System.Runtime.InteropServices.Marshal.Copy(upsampled.Data, tensorMap, 0, tensorMap.Length);
                using var full = ProbabilityMaskHead.ToBinaryMask(tensorMap, inputWidth, inputHeight, imageToTensor, imageWidth, imageHeight, threshold);
                // Keep only the pixels inside the instance's box.
                var inside = new Rect(x0, y0, x1 - x0, y1 - y0);
                using var source = new Mat(full, inside);
                using var target = new Mat(mask, inside);
                source.CopyTo(target);
            }
            masks.Add(mask);
        }
        return masks;
    }
}
