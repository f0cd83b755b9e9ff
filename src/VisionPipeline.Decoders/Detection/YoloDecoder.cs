using System.Buffers;
using System.Numerics;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Detection;

/// <summary>
/// Ultralytics YOLO outputs for one image, in tensor pixels:
/// v5 rows [anchors, 5 + C] (cx, cy, w, h, objectness, class scores; score = objectness × class score);
/// v8/11 channels-first [4 + C (+ mask coefficients), anchors] (no objectness);
/// end-to-end (NMS-free) rows [K, 6] (x1, y1, x2, y2, score, class).
/// </summary>
public static class YoloDecoder
{
    /// <param name="item">One image's [4 + C + M, anchors] slice.</param>
    /// <param name="maskCoefficients">M: coefficient rows after the class rows (YOLOv8-seg), 0 for detection.</param>
    public static List<ScoredBox> DecodeV8(ReadOnlySpan<float> item, int anchors, int classes, float scoreThreshold,
        int maskCoefficients = 0, IReadOnlySet<int>? keepClasses = null)
    {
        if (item.Length != (4 + classes + maskCoefficients) * anchors)
            throw new ArgumentException($"a YOLOv8 output of {anchors} anchors × (4 + {classes} + {maskCoefficients}) needs {(4 + classes + maskCoefficients) * anchors} values, got {item.Length}");
        var best = ArrayPool<float>.Shared.Rent(anchors);
        var bestClass = ArrayPool<int>.Shared.Rent(anchors);
        try
        {
            item.Slice(4 * anchors, anchors).CopyTo(best);
            Array.Clear(bestClass, 0, anchors);
            // Blocks of anchors keep the running maximum in L1 while all class rows stream past it.
            const int block = 512;
            for (int start = 0; start < anchors; start += block)
            {
                int length = Math.Min(block, anchors - start);
                for (int c = 1; c < classes; c++)
                    KeepMaximum(item.Slice((4 + c) * anchors + start, length), best.AsSpan(start, length), bestClass.AsSpan(start, length), c);
            }

            var found = new List<ScoredBox>();
            for (int a = 0; a < anchors; a++)
            {
                float score = best[a];
                if (score < scoreThreshold || keepClasses is not null && !keepClasses.Contains(bestClass[a])) continue;
                float cx = item[a], cy = item[anchors + a], w = item[2 * anchors + a], h = item[3 * anchors + a];
                float[]? coefficients = null;
                if (maskCoefficients > 0)
                {
                    coefficients = new float[maskCoefficients];
                    for (int m = 0; m < maskCoefficients; m++) coefficients[m] = item[(4 + classes + m) * anchors + a];
                }
                found.Add(new ScoredBox(new BoxF(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), score, bestClass[a]) { MaskCoefficients = coefficients });
            }
            return found;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(bestClass);
        }
    }

    /// <summary>best[a] = max(best[a], row[a]), remembering the class; vectorised over anchors.</summary>
    private static void KeepMaximum(ReadOnlySpan<float> row, Span<float> best, Span<int> bestClass, int classId)
    {
        int a = 0, anchors = row.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var id = new Vector<int>(classId);
            for (; a <= anchors - Vector<float>.Count; a += Vector<float>.Count)
            {
                var candidate = new Vector<float>(row.Slice(a));
                var current = new Vector<float>(best.Slice(a));
                var greater = Vector.GreaterThan(candidate, current);
                Vector.ConditionalSelect(greater, candidate, current).CopyTo(best.Slice(a));
                Vector.ConditionalSelect(greater, id, new Vector<int>(bestClass.Slice(a))).CopyTo(bestClass.Slice(a));
            }
        }
        for (; a < anchors; a++)
        {
            if (row[a] > best[a])
            {
                best[a] = row[a];
                bestClass[a] = classId;
            }
        }
    }

    /// <param name="item">One image's [anchors, 5 + C] slice.</param>
    public static List<ScoredBox> DecodeV5(ReadOnlySpan<float> item, int anchors, int classes, float scoreThreshold,
        IReadOnlySet<int>? keepClasses = null)
    {
        int stride = 5 + classes;
        if (item.Length != stride * anchors)
            throw new ArgumentException($"a YOLOv5 output of {anchors} × (5 + {classes}) needs {stride * anchors} values, got {item.Length}");
        var found = new List<ScoredBox>();
        for (int a = 0; a < anchors; a++)
        {
            var r = item.Slice(a * stride, stride);
            float objectness = r[4];
            if (objectness < scoreThreshold) continue; // score = objectness × class score ≤ objectness
            int best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(r.Slice(5, classes));
            float score = objectness * r[5 + best];
            if (score < scoreThreshold || keepClasses is not null && !keepClasses.Contains(best)) continue;
            found.Add(new ScoredBox(new BoxF(r[0] - r[2] / 2, r[1] - r[3] / 2, r[0] + r[2] / 2, r[1] + r[3] / 2), score, best));
        }
        return found;
    }

    /// <param name="item">One image's [K, 6] slice: x1, y1, x2, y2, score, class.</param>
    public static List<ScoredBox> DecodeEndToEnd(ReadOnlySpan<float> item, float scoreThreshold, IReadOnlySet<int>? keepClasses = null)
    {
        if (item.Length % 6 != 0) throw new ArgumentException($"an end-to-end output has 6 values per detection, got {item.Length} values");
        var found = new List<ScoredBox>();
        for (int k = 0; k < item.Length / 6; k++)
        {
            var r = item.Slice(k * 6, 6);
            int cls = (int)r[5];
            if (r[4] < scoreThreshold || keepClasses is not null && !keepClasses.Contains(cls)) continue;
            found.Add(new ScoredBox(new BoxF(r[0], r[1], r[2], r[3]), r[4], cls));
        }
        return found;
    }
}
