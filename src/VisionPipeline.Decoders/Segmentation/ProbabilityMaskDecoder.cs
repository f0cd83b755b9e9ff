using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Decoders.Segmentation;

/// <summary>
/// A per-pixel probability map ([H, W] in tensor coordinates) brought back to the original image through the
/// exact inverse of the resize (bilinear), then thresholded to a 0/255 mask.
/// </summary>
public static class ProbabilityMaskDecoder
{
    /// <summary>The probability map at the original image size (CV_32FC1). The caller owns it.</summary>
    public static unsafe Mat ToImage(ReadOnlySpan<float> probabilities, int mapWidth, int mapHeight,
        AffineMap imageToTensor, int imageWidth, int imageHeight)
    {
        if (probabilities.Length != mapWidth * mapHeight)
            throw new ArgumentException($"a {mapWidth}×{mapHeight} map needs {mapWidth * mapHeight} values, got {probabilities.Length}");
        var result = new Mat(imageHeight, imageWidth, MatType.CV_32FC1);
        fixed (float* p = probabilities)
        {
            using var map = Mat.FromPixelData(mapHeight, mapWidth, MatType.CV_32FC1, (IntPtr)p);
            if (AlignedRegion(imageToTensor, imageWidth, imageHeight, mapWidth, mapHeight) is { } region)
            {
                // A stretch or letterbox: resizing the image's region of the map is the exact inverse of the
                // resize that made the tensor (and uses OpenCV's full-precision bilinear weights).
                using var content = new Mat(map, region);
                Cv2.Resize(content, result, new Size(imageWidth, imageHeight), 0, 0, InterpolationFlags.Linear);
                return result;
            }
            using var warp = imageToTensor.ToWarpMatrix();
            // WarpInverseMap: each image pixel samples the tensor at imageToTensor(pixel). Pixels the model never saw
            // (outside a centre crop, or beyond a cropped stage) get probability 0: they are in no mask.
            Cv2.WarpAffine(map, result, warp, new Size(imageWidth, imageHeight),
                InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.All(0));
        }
        return result;
    }

    /// <summary>
    /// The tensor rectangle the whole image occupies, when the map only scales and shifts along the axes and the
    /// image's edges fall on whole tensor pixels; otherwise null.
    /// </summary>
    private static Rect? AlignedRegion(AffineMap imageToTensor, int imageWidth, int imageHeight, int mapWidth, int mapHeight)
    {
        if (imageToTensor.B != 0 || imageToTensor.D != 0) return null;
        var topLeft = imageToTensor.Apply(0, 0);
        var bottomRight = imageToTensor.Apply(imageWidth, imageHeight);
        int x0 = (int)Math.Round(topLeft.X), y0 = (int)Math.Round(topLeft.Y);
        int x1 = (int)Math.Round(bottomRight.X), y1 = (int)Math.Round(bottomRight.Y);
        bool aligned = Math.Abs(topLeft.X - x0) < 1e-6 && Math.Abs(topLeft.Y - y0) < 1e-6
                       && Math.Abs(bottomRight.X - x1) < 1e-6 && Math.Abs(bottomRight.Y - y1) < 1e-6;
        if (!aligned || x0 < 0 || y0 < 0 || x1 > mapWidth || y1 > mapHeight || x1 <= x0 || y1 <= y0) return null;
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>A 0/255 CV_8UC1 mask at the original image size: probability &gt; threshold. The caller owns it.</summary>
    public static Mat ToBinaryMask(ReadOnlySpan<float> probabilities, int mapWidth, int mapHeight,
        AffineMap imageToTensor, int imageWidth, int imageHeight, float threshold = 0.5f)
    {
        using var probability = ToImage(probabilities, mapWidth, mapHeight, imageToTensor, imageWidth, imageHeight);
        var mask = new Mat();
        Cv2.Compare(probability, new Scalar(threshold), mask, CmpTypes.GT);
        return mask;
    }
}
