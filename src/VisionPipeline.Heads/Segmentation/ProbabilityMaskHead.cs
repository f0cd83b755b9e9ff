using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Heads.Segmentation;

/// <summary>
/// A per-pixel probability map ([H, W] in tensor coordinates) brought back to the original image through the
/// exact inverse of the resize (bilinear), then thresholded to a 0/255 mask.
/// </summary>
public static class ProbabilityMaskHead
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
            using var warp = imageToTensor.ToWarpMatrix();
            // WarpInverseMap: each image pixel samples the tensor at imageToTensor(pixel).
            Cv2.WarpAffine(map, result, warp, new Size(imageWidth, imageHeight),
                InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        }
        return result;
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
