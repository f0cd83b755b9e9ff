using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Decoders.Segmentation;

/// <summary>
/// Semantic segmentation logits [C, h, w]: each class's map brought back to the image through the exact inverse of
/// the resize/letterbox (bilinear), then the per-pixel argmax: a class-index map at image size.
/// </summary>
public static class SemanticMaskDecoder
{
    /// <param name="imageToOutput">Image → output-map coordinates (the preprocessing map, scaled to the output size).</param>
    /// <returns>CV_8UC1 class indices (the caller owns it).</returns>
    public static Mat ClassMap(ReadOnlySpan<float> logits, int classes, int mapHeight, int mapWidth, AffineMap imageToOutput,
        int imageWidth, int imageHeight)
    {
        if (classes > 255) throw new ArgumentException($"{classes} classes do not fit an 8-bit class map");
        int plane = mapHeight * mapWidth;
        if (logits.Length != classes * plane)
            throw new ArgumentException($"a [{classes}, {mapHeight}, {mapWidth}] map needs {classes * plane} values, got {logits.Length}");
        var labels = new Mat(imageHeight, imageWidth, MatType.CV_8UC1, Scalar.All(0));
        using var best = ProbabilityMaskDecoder.ToImage(logits.Slice(0, plane), mapWidth, mapHeight, imageToOutput, imageWidth, imageHeight);
        using var greater = new Mat();
        for (int c = 1; c < classes; c++)
        {
            using var score = ProbabilityMaskDecoder.ToImage(logits.Slice(c * plane, plane), mapWidth, mapHeight, imageToOutput, imageWidth, imageHeight);
            Cv2.Compare(score, best, greater, CmpTypes.GT);
            score.CopyTo(best, greater);
            labels.SetTo(Scalar.All(c), greater);
        }
        return labels;
    }

    /// <summary>A 0/255 mask of one class in a class map.</summary>
    public static Mat MaskOf(Mat classMap, int classId)
    {
        var mask = new Mat();
        Cv2.Compare(classMap, Scalar.All(classId), mask, CmpTypes.EQ);
        return mask;
    }
}
