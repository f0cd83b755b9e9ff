using OpenCvSharp;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Suppression;

/// <summary>
/// Greedy NMS on rotated boxes (their <see cref="ScoredBox.Polygon"/>): the overlap is the intersection of the two
/// quadrilaterals over their union, as OpenCV's rotated-rectangle intersection computes it.
/// </summary>
public static class RotatedNms
{
    public static List<ScoredBox> Apply(IReadOnlyList<ScoredBox> candidates, float iouThreshold, bool classAgnostic, int maxDetections)
    {
        var order = candidates.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Score).ThenBy(x => x.i).Select(x => x.c).ToList();
        var rects = order.Select(c => Cv2.MinAreaRect(c.Polygon!)).ToList();
        var kept = new List<int>();
        for (int i = 0; i < order.Count && (maxDetections <= 0 || kept.Count < maxDetections); i++)
        {
            bool suppressed = false;
            foreach (int k in kept)
            {
                if (!classAgnostic && order[k].ClassId != order[i].ClassId) continue;
                if (Iou(rects[k], rects[i]) > iouThreshold) { suppressed = true; break; }
            }
            if (!suppressed) kept.Add(i);
        }
        return kept.Select(i => order[i]).ToList();
    }

    public static float Iou(RotatedRect a, RotatedRect b)
    {
        float areaA = a.Size.Width * a.Size.Height, areaB = b.Size.Width * b.Size.Height;
        if (areaA <= 0 || areaB <= 0) return 0;
        if (Cv2.RotatedRectangleIntersection(a, b, out var region) == RectanglesIntersectTypes.None || region.Length < 3) return 0;
        float inter = (float)Cv2.ContourArea(Cv2.ConvexHull(region));
        return inter / (areaA + areaB - inter);
    }
}
