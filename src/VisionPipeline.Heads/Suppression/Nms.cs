using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Heads.Suppression;

/// <summary>
/// Greedy non-maximum suppression: highest score first; a box is dropped when it overlaps a kept box (of the same
/// class when class-aware) by more than the IoU threshold.
/// </summary>
public static class Nms
{
    /// <returns>Indexes of the kept boxes, best first.</returns>
    public static List<int> Apply(IReadOnlyList<BoxF> boxes, IReadOnlyList<float> scores, IReadOnlyList<int>? classes,
        float iouThreshold, int maxDetections = 0)
    {
        var order = Enumerable.Range(0, boxes.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var kept = new List<int>();
        foreach (int i in order)
        {
            bool suppressed = false;
            foreach (int k in kept)
            {
                if (classes is not null && classes[k] != classes[i]) continue;
                if (boxes[i].IoU(boxes[k]) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }
            if (suppressed) continue;
            kept.Add(i);
            if (maxDetections > 0 && kept.Count == maxDetections) break;
        }
        return kept;
    }
}
