namespace VisionPipeline.Evaluation.Detection.Coco;

/// <summary>
/// How one image fared at IoU 0.5 over all areas with up to 100 detections per category: the detections that
/// matched, those that were false positives, and the ground truths that nothing matched (indices into the problem).
/// </summary>
public sealed class MatchOutcome(long imageId)
{
    public long ImageId { get; } = imageId;
    public List<int> TruePositives { get; } = [];
    public List<int> FalsePositives { get; } = [];
    public List<int> Misses { get; } = [];
    public int Errors => FalsePositives.Count + Misses.Count;
}
