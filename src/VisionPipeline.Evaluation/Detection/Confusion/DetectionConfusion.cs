using VisionPipeline.Datasets.Masks;
using VisionPipeline.Evaluation.Detection.Coco;

namespace VisionPipeline.Evaluation.Detection.Confusion;

/// <summary>
/// Which class the detector said where, at one confidence: per image, detections scoring at least the confidence
/// are taken best first and each is paired with the unpaired ground truth (of any class, crowds left out) it overlaps
/// most at IoU ≥ 0.5. Rows are the true class, columns the predicted class; the last row and column are
/// "background": a detection on nothing, an object nothing detected.
/// </summary>
public sealed class DetectionConfusion
{
    public const double MinIou = 0.5;

    private DetectionConfusion(IReadOnlyList<long> categoryIds, long[,] counts)
    {
        CategoryIds = categoryIds;
        Counts = counts;
    }

    /// <summary>The categories in row/column order; index <c>CategoryIds.Count</c> is background.</summary>
    public IReadOnlyList<long> CategoryIds { get; }

    public long[,] Counts { get; }

    public static DetectionConfusion Compute(CocoProblem problem, double confidence)
    {
        var categories = problem.CategoryIds.Distinct().Order().ToList();
        var index = categories.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        int background = categories.Count;
        var counts = new long[background + 1, background + 1];
        var truthByImage = problem.GroundTruths.Where(g => !g.IsCrowd && index.ContainsKey(g.CategoryId)).ToLookup(g => g.ImageId);
        var detectionsByImage = problem.Detections.Where(d => d.Score >= confidence && index.ContainsKey(d.CategoryId)).ToLookup(d => d.ImageId);
        foreach (var image in problem.ImageIds.Distinct())
        {
            var truths = truthByImage[image].ToList();
            var paired = new bool[truths.Count];
            foreach (var d in detectionsByImage[image].OrderByDescending(d => d.Score))
            {
                int best = -1;
                double bestIou = MinIou;
                for (int g = 0; g < truths.Count; g++)
                {
                    if (paired[g]) continue;
                    double iou = BoxIou.Compute(d.Box, truths[g].Box, groundTruthIsCrowd: false);
                    if (iou >= bestIou) { bestIou = iou; best = g; }
                }
                if (best < 0) counts[background, index[d.CategoryId]]++;
                else
                {
                    paired[best] = true;
                    counts[index[truths[best].CategoryId], index[d.CategoryId]]++;
                }
            }
            for (int g = 0; g < truths.Count; g++)
                if (!paired[g]) counts[index[truths[g].CategoryId], background]++;
        }
        return new DetectionConfusion(categories, counts);
    }
}
