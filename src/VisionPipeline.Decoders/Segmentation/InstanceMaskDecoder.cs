using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Segmentation;

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
            using var none = new Mat();
            Cv2.Gemm(coefficients, protos, 1, none, 0, logits);
        }
        // sigmoid(x) = 1 / (1 + e^−x), in OpenCV.
        using var probabilities = new Mat();
        Cv2.Multiply(logits, Scalar.All(-1), probabilities);
        Cv2.Exp(probabilities, probabilities);
        Cv2.Add(probabilities, Scalar.All(1), probabilities);
        Cv2.Divide(1.0, probabilities, probabilities);

        // Per instance, only the prototype cells under its box (plus one cell of margin, the reach of bilinear
        // interpolation) are upsampled to network-input resolution with an exact integer-stride resize; that patch
        // is then warped onto the box's pixels. Splitting the upsampling keeps OpenCV's 1/32-pixel warp grid at
        // network-input scale instead of prototype scale, where it would blur edges by a pixel or more.
        int stride = inputWidth / protoWidth;
        using var patch = new Mat();
        for (int k = 0; k < instances.Count; k++)
        {
            var mask = new Mat(imageHeight, imageWidth, MatType.CV_8UC1, Scalar.All(0));
            masks.Add(mask);
            var box = instances[k].Box.ClipTo(imageWidth, imageHeight);
            int x0 = (int)Math.Round(box.X1), y0 = (int)Math.Round(box.Y1), x1 = (int)Math.Round(box.X2), y1 = (int)Math.Round(box.Y2);
            if (x1 <= x0 || y1 <= y0) continue;

            var corners = new[] { imageToTensor.Apply(x0, y0), imageToTensor.Apply(x1, y1) };
            int cx0 = Math.Clamp((int)Math.Floor(Math.Min(corners[0].X, corners[1].X) / stride) - 1, 0, protoWidth - 1);
            int cy0 = Math.Clamp((int)Math.Floor(Math.Min(corners[0].Y, corners[1].Y) / stride) - 1, 0, protoHeight - 1);
            int cx1 = Math.Clamp((int)Math.Ceiling(Math.Max(corners[0].X, corners[1].X) / stride) + 1, cx0 + 1, protoWidth);
            int cy1 = Math.Clamp((int)Math.Ceiling(Math.Max(corners[0].Y, corners[1].Y) / stride) + 1, cy0 + 1, protoHeight);

            using (var map = Mat.FromPixelData(protoHeight, protoWidth, MatType.CV_32FC1, probabilities.Ptr(k)))
            using (var cells = new Mat(map, new Rect(cx0, cy0, cx1 - cx0, cy1 - cy0)))
                Cv2.Resize(cells, patch, new Size((cx1 - cx0) * stride, (cy1 - cy0) * stride), 0, 0, InterpolationFlags.Linear);

            var boxToPatch = AffineMap.Translation(x0, y0).Then(imageToTensor).Then(AffineMap.Translation(-cx0 * stride, -cy0 * stride));
            using var warped = new Mat();
            using (var matrix = boxToPatch.ToWarpMatrix())
                Cv2.WarpAffine(patch, warped, matrix, new Size(x1 - x0, y1 - y0), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
            using var target = new Mat(mask, new Rect(x0, y0, x1 - x0, y1 - y0));
            Cv2.Compare(warped, new Scalar(threshold), target, CmpTypes.GT);
        }
        return masks;
    }
}
