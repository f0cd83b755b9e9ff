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

        var imageToProto = imageToTensor.Then(AffineMap.Scale((double)protoWidth / inputWidth, (double)protoHeight / inputHeight));
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

        var rowBuffer = new float[plane];
        for (int k = 0; k < instances.Count; k++)
        {
            var mask = new Mat(imageHeight, imageWidth, MatType.CV_8UC1, Scalar.All(0));
            var box = instances[k].Box.ClipTo(imageWidth, imageHeight);
            var roi = new Rect((int)Math.Floor(box.X1), (int)Math.Floor(box.Y1), 0, 0);
            roi.Width = Math.Min(imageWidth, (int)Math.Ceiling(box.X2)) - roi.X;
            roi.Height = Math.Min(imageHeight, (int)Math.Ceiling(box.Y2)) - roi.Y;
            if (roi.Width > 0 && roi.Height > 0)
            {
                System.Runtime.InteropServices.Marshal.Copy(probabilities.Ptr(k), rowBuffer, 0, plane);
                var roiToProto = AffineMap.Translation(roi.X, roi.Y).Then(imageToProto);
                using var part = ProbabilityMaskHead.ToBinaryMask(rowBuffer, protoWidth, protoHeight, roiToProto, roi.Width, roi.Height, threshold);
                // Keep only the pixels whose centres lie inside the (sub-pixel) box.
                using var inside = new Mat(roi.Height, roi.Width, MatType.CV_8UC1, Scalar.All(0));
                int x0 = (int)Math.Round(box.X1) - roi.X, y0 = (int)Math.Round(box.Y1) - roi.Y;
                int x1 = (int)Math.Round(box.X2) - roi.X, y1 = (int)Math.Round(box.Y2) - roi.Y;
                if (x1 > x0 && y1 > y0) inside[new Rect(x0, y0, x1 - x0, y1 - y0)].SetTo(Scalar.All(255));
                using var target = new Mat(mask, roi);
                Cv2.BitwiseAnd(part, inside, target);
            }
            masks.Add(mask);
        }
        return masks;
    }
}
