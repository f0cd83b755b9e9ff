using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Detection;

/// <summary>
/// Ultralytics YOLOv8/11 pose and oriented-box outputs for one image, channels-first, in tensor pixels:
/// pose [4 + C + K·D, anchors] (box, class scores, then per keypoint x, y and, with D = 3, its visibility);
/// OBB [4 + C + 1, anchors] (centre, size, class scores, then the angle in radians).
/// </summary>
public static class YoloKeypointDecoder
{
    public static List<ScoredBox> DecodePose(ReadOnlySpan<float> item, int anchors, int classes, int keypoints, int valuesPerKeypoint,
        float scoreThreshold, IReadOnlySet<int>? keepClasses = null)
    {
        int extra = keypoints * valuesPerKeypoint;
        var found = YoloDecoder.DecodeV8(item, anchors, classes, scoreThreshold, extra, keepClasses);
        // DecodeV8 hands the rows after the class scores over as "mask coefficients": here they are the keypoints.
        for (int i = 0; i < found.Count; i++)
        {
            var values = found[i].MaskCoefficients!;
            var points = new Point2f[keypoints];
            var visibility = valuesPerKeypoint == 3 ? new float[keypoints] : null;
            for (int k = 0; k < keypoints; k++)
            {
                points[k] = new Point2f(values[k * valuesPerKeypoint], values[k * valuesPerKeypoint + 1]);
                if (visibility is not null) visibility[k] = values[k * valuesPerKeypoint + 2];
            }
            found[i] = found[i] with { MaskCoefficients = null, Keypoints = points, KeypointScores = visibility };
        }
        return found;
    }

    public static List<ScoredBox> DecodeObb(ReadOnlySpan<float> item, int anchors, int classes, float scoreThreshold, IReadOnlySet<int>? keepClasses = null)
    {
        var found = YoloDecoder.DecodeV8(item, anchors, classes, scoreThreshold, 1, keepClasses);
        for (int i = 0; i < found.Count; i++)
        {
            var b = found[i].Box;
            var corners = Corners((b.X1 + b.X2) / 2, (b.Y1 + b.Y2) / 2, b.Width, b.Height, found[i].MaskCoefficients![0]);
            found[i] = found[i] with { MaskCoefficients = null, Polygon = corners, Box = Bounds(corners) };
        }
        return found;
    }

    /// <summary>The corners of a box of the given centre and size turned by <paramref name="angle"/> radians (Ultralytics' xywhr order).</summary>
    public static Point2f[] Corners(float cx, float cy, float w, float h, float angle)
    {
        float cos = MathF.Cos(angle), sin = MathF.Sin(angle);
        float ax = w / 2 * cos, ay = w / 2 * sin, bx = -h / 2 * sin, by = h / 2 * cos;
        return
        [
            new(cx + ax + bx, cy + ay + by), new(cx + ax - bx, cy + ay - by),
            new(cx - ax - bx, cy - ay - by), new(cx - ax + bx, cy - ay + by),
        ];
    }

    private static BoxF Bounds(Point2f[] p) =>
        new(p.Min(q => q.X), p.Min(q => q.Y), p.Max(q => q.X), p.Max(q => q.Y));
}
