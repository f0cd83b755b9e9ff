namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>Box IoU with pycocotools' <c>bbIou</c> arithmetic, operation for operation.</summary>
public sealed class BoxIou(IReadOnlyList<DetectedObject> detections, IReadOnlyList<GroundTruthObject> groundTruths) : IIouMeasure
{
    public void Compute(ReadOnlySpan<int> detectionIndices, ReadOnlySpan<int> groundTruthIndices, Span<double> ious)
    {
        int g = groundTruthIndices.Length;
        for (int j = 0; j < g; j++)
        {
            var gt = groundTruths[groundTruthIndices[j]];
            for (int i = 0; i < detectionIndices.Length; i++)
                ious[i * g + j] = Of(detections[detectionIndices[i]].Box, gt.Box, gt.IsCrowd);
        }
    }

    public static double Of(BoxXywh detection, BoxXywh groundTruth, bool crowd)
    {
        double w = Math.Min(detection.Width + detection.X, groundTruth.Width + groundTruth.X) - Math.Max(detection.X, groundTruth.X);
        if (w <= 0) return 0;
        double h = Math.Min(detection.Height + detection.Y, groundTruth.Height + groundTruth.Y) - Math.Max(detection.Y, groundTruth.Y);
        if (h <= 0) return 0;
        double detectionArea = detection.Width * detection.Height;
        double intersection = w * h;
        double union = crowd ? detectionArea : detectionArea + groundTruth.Width * groundTruth.Height - intersection;
        return intersection / union;
    }
}
