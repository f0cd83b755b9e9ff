using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Suppression;

public sealed record NmsOptions
{
    public float IouThreshold { get; init; } = 0.45f;

    /// <summary>Suppress across classes too (one box per object whatever its class).</summary>
    public bool ClassAgnostic { get; init; }

    /// <summary>At most this many boxes are kept (0: no limit).</summary>
    public int MaxDetections { get; init; } = 300;

    /// <summary>Gaussian soft-NMS: overlapping boxes lose score (× exp(−IoU²/σ)) instead of being removed.</summary>
    public bool Soft { get; init; }
    public float SoftSigma { get; init; } = 0.5f;

    /// <summary>With soft-NMS: boxes whose decayed score falls below this are dropped.</summary>
    public float SoftScoreThreshold { get; init; } = 0.001f;
}

/// <summary>
/// Greedy non-maximum suppression: highest score first (ties by input order); a box is dropped when it overlaps
/// a kept box of the same class (any class when class-agnostic) by more than the IoU threshold.
/// </summary>
public static class Nms
{
    /// <returns>Indexes of the kept boxes, best first.</returns>
    public static List<int> Apply(IReadOnlyList<BoxF> boxes, IReadOnlyList<float> scores, IReadOnlyList<int>? classes,
        float iouThreshold, int maxDetections = 0)
    {
        var order = Enumerable.Range(0, boxes.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
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

    /// <summary>Suppresses candidates (hard or soft NMS as the options say); the result is best first.</summary>
    public static List<ScoredBox> Apply(IReadOnlyList<ScoredBox> candidates, NmsOptions options)
    {
        if (options.Soft) return Soft(candidates, options);
        var kept = Apply(candidates.Select(c => c.Box).ToList(), candidates.Select(c => c.Score).ToList(),
            options.ClassAgnostic ? null : candidates.Select(c => c.ClassId).ToList(), options.IouThreshold, options.MaxDetections);
        return kept.Select(i => candidates[i]).ToList();
    }

    private static List<ScoredBox> Soft(IReadOnlyList<ScoredBox> candidates, NmsOptions options)
    {
        var remaining = candidates.ToList();
        var kept = new List<ScoredBox>();
        while (remaining.Count > 0 && (options.MaxDetections == 0 || kept.Count < options.MaxDetections))
        {
            int best = 0;
            for (int i = 1; i < remaining.Count; i++)
                if (remaining[i].Score > remaining[best].Score) best = i;
            var top = remaining[best];
            remaining.RemoveAt(best);
            kept.Add(top);
            for (int i = remaining.Count - 1; i >= 0; i--)
            {
                var c = remaining[i];
                if (!options.ClassAgnostic && c.ClassId != top.ClassId) continue;
                float iou = top.Box.IoU(c.Box);
                float decayed = c.Score * MathF.Exp(-(iou * iou) / options.SoftSigma);
                if (decayed < options.SoftScoreThreshold) remaining.RemoveAt(i);
                else remaining[i] = c with { Score = decayed };
            }
        }
        return kept;
    }
}
