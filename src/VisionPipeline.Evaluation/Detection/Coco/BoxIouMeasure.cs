using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>iouType bbox: pycocotools' <c>bbIou</c> on the boxes as given.</summary>
public sealed class BoxIouMeasure(IReadOnlyList<DetectedObject> detections, IReadOnlyList<GroundTruthObject> groundTruths) : IIouMeasure
{
    public void Compute(ReadOnlySpan<int> detectionIndices, ReadOnlySpan<int> groundTruthIndices, Span<double> ious)
    {
        int g = groundTruthIndices.Length;
        for (int j = 0; j < g; j++)
        {
            var gt = groundTruths[groundTruthIndices[j]];
            for (int i = 0; i < detectionIndices.Length; i++)
                ious[i * g + j] = BoxIou.Compute(detections[detectionIndices[i]].Box, gt.Box, gt.IsCrowd);
        }
    }
}
