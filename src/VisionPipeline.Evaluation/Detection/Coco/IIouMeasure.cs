namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// IoU between detections and ground truths of one image and category, given as indices into the problem's lists.
/// A crowd ground truth's IoU is intersection over the detection's own area (pycocotools' crowd rule).
/// </summary>
public interface IIouMeasure
{
    /// <summary>Writes <paramref name="ious"/>[d · groundTruths.Length + g].</summary>
    void Compute(ReadOnlySpan<int> detections, ReadOnlySpan<int> groundTruths, Span<double> ious);
}
