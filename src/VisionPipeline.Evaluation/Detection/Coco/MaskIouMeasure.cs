using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>iouType segm: pycocotools' <c>rleIou</c> on each object's run-length mask (same index as its object).</summary>
public sealed class MaskIouMeasure(IReadOnlyList<Rle> detectionMasks, IReadOnlyList<Rle> groundTruthMasks, IReadOnlyList<GroundTruthObject> groundTruths) : IIouMeasure
{
    public void Compute(ReadOnlySpan<int> detectionIndices, ReadOnlySpan<int> groundTruthIndices, Span<double> ious)
    {
        int g = groundTruthIndices.Length;
        for (int j = 0; j < g; j++)
        {
            var gt = groundTruthMasks[groundTruthIndices[j]];
            bool crowd = groundTruths[groundTruthIndices[j]].IsCrowd;
            for (int i = 0; i < detectionIndices.Length; i++)
                ious[i * g + j] = Rle.Iou(detectionMasks[detectionIndices[i]], gt, crowd);
        }
    }
}
