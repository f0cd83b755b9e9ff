using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Suppression;

/// <summary>
/// MediaPipe's WEIGHTED non-maximum suppression: each cluster of boxes overlapping the best remaining one
/// by more than the threshold becomes one box whose corners and keypoints are the score-weighted mean of
/// the cluster, with the best score.
/// </summary>
public static class WeightedNms
{
    public static List<ScoredBox> Apply(IEnumerable<ScoredBox> candidates, float iouThreshold)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var result = new List<ScoredBox>();
        var cluster = new List<ScoredBox>();
        var rest = new List<ScoredBox>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            cluster.Clear();
            rest.Clear();
            foreach (var c in remaining)
                (best.Box.IoU(c.Box) > iouThreshold || ReferenceEquals(c, best) ? cluster : rest).Add(c);
            result.Add(Merge(best, cluster));
            (remaining, rest) = (rest, remaining);
        }
        return result;
    }

    private static ScoredBox Merge(ScoredBox best, List<ScoredBox> cluster)
    {
        if (cluster.Count == 1) return best;
        double total = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0;
        int keypointCount = best.Keypoints?.Length ?? 0;
        var kx = new double[keypointCount];
        var ky = new double[keypointCount];
        foreach (var c in cluster)
        {
            double w = c.Score;
            total += w;
            x1 += w * c.Box.X1; y1 += w * c.Box.Y1; x2 += w * c.Box.X2; y2 += w * c.Box.Y2;
            for (int k = 0; k < keypointCount && c.Keypoints is not null && k < c.Keypoints.Length; k++)
            {
                kx[k] += w * c.Keypoints[k].X;
                ky[k] += w * c.Keypoints[k].Y;
            }
        }
        var keypoints = keypointCount == 0
            ? null
            : Enumerable.Range(0, keypointCount).Select(k => new Point2f((float)(kx[k] / total), (float)(ky[k] / total))).ToArray();
        return best with
        {
            Box = new BoxF((float)(x1 / total), (float)(y1 / total), (float)(x2 / total), (float)(y2 / total)),
            Keypoints = keypoints,
        };
    }
}
