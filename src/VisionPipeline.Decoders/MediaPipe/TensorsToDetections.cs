using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.MediaPipe;

/// <summary>The options of MediaPipe's TensorsToDetectionsCalculator that its SSD detectors set.</summary>
public sealed record TensorsToDetectionsOptions
{
    public required int Classes { get; init; }
    public required int Coords { get; init; }
    public int BoxOffset { get; init; }
    public int KeypointOffset { get; init; }
    public int Keypoints { get; init; }
    public int ValuesPerKeypoint { get; init; } = 2;

    /// <summary>Values come x, y, w, h (true) rather than y, x, h, w.</summary>
    public bool ReverseOutputOrder { get; init; }
    public required float XScale { get; init; }
    public required float YScale { get; init; }
    public required float WScale { get; init; }
    public required float HScale { get; init; }

    /// <summary>Box sizes are exp(value / scale) × anchor size rather than value / scale × anchor size.</summary>
    public bool ExponentialBoxSize { get; init; }

    /// <summary>Logits are clipped to ±this before the sigmoid (0: not clipped).</summary>
    public float ScoreClip { get; init; }

    /// <summary>Class indexes never reported (the OID v4 SSD's class 0, "???").</summary>
    public int[] IgnoreClasses { get; init; } = [];
}

/// <summary>
/// MediaPipe's TensorsToDetections for SSD models: per anchor the best class by sigmoid score, the box decoded against
/// the anchor (offsets scaled, sizes linear or exponential), keypoints likewise; results in tensor pixels.
/// </summary>
public static class TensorsToDetections
{
    /// <param name="boxes">[anchors × coords] raw regressions.</param>
    /// <param name="scores">[anchors × classes] logits.</param>
    public static List<ScoredBox> Decode(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, Anchor[] anchors,
        TensorsToDetectionsOptions o, int inputWidth, int inputHeight, float scoreThreshold, IReadOnlySet<int>? keepClasses = null)
    {
        if (boxes.Length != anchors.Length * o.Coords || scores.Length != anchors.Length * o.Classes)
            throw new ArgumentException(
                $"expected boxes [{anchors.Length} × {o.Coords}] and scores [{anchors.Length} × {o.Classes}], got {boxes.Length} and {scores.Length} values");
        // Sigmoid is monotonic: compare logits against the threshold's logit and take the sigmoid of the winners only.
        float logitThreshold = scoreThreshold <= 0 ? float.NegativeInfinity : scoreThreshold >= 1 ? float.PositiveInfinity
            : MathF.Log(scoreThreshold / (1 - scoreThreshold));
        var found = new List<ScoredBox>();
        for (int a = 0; a < anchors.Length; a++)
        {
            var row = scores.Slice(a * o.Classes, o.Classes);
            int best = -1;
            float bestLogit = float.NegativeInfinity;
            for (int c = 0; c < row.Length; c++)
            {
                if (row[c] <= bestLogit || Array.IndexOf(o.IgnoreClasses, c) >= 0) continue;
                bestLogit = row[c];
                best = c;
            }
            if (o.ScoreClip > 0) bestLogit = Math.Clamp(bestLogit, -o.ScoreClip, o.ScoreClip);
            if (best < 0 || bestLogit < logitThreshold || keepClasses is not null && !keepClasses.Contains(best)) continue;
            float score = 1f / (1f + MathF.Exp(-bestLogit));
            var (box, keypoints) = DecodeBox(boxes.Slice(a * o.Coords, o.Coords), anchors[a], o, inputWidth, inputHeight);
            if (box.Width <= 0 || box.Height <= 0) continue;
            found.Add(new ScoredBox(box, score, best, keypoints));
        }
        return found;
    }

    private static (BoxF Box, Point2f[]? Keypoints) DecodeBox(ReadOnlySpan<float> raw, Anchor anchor, TensorsToDetectionsOptions o, int width, int height)
    {
        var r = raw[o.BoxOffset..];
        float x = o.ReverseOutputOrder ? r[0] : r[1], y = o.ReverseOutputOrder ? r[1] : r[0];
        float w = o.ReverseOutputOrder ? r[2] : r[3], h = o.ReverseOutputOrder ? r[3] : r[2];
        float cx = x / o.XScale * anchor.Width + anchor.X, cy = y / o.YScale * anchor.Height + anchor.Y;
        w = o.ExponentialBoxSize ? MathF.Exp(w / o.WScale) * anchor.Width : w / o.WScale * anchor.Width;
        h = o.ExponentialBoxSize ? MathF.Exp(h / o.HScale) * anchor.Height : h / o.HScale * anchor.Height;
        var box = new BoxF((cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height);
        if (o.Keypoints == 0) return (box, null);
        var keypoints = new Point2f[o.Keypoints];
        for (int k = 0; k < o.Keypoints; k++)
        {
            int at = o.KeypointOffset + k * o.ValuesPerKeypoint;
            float kx = o.ReverseOutputOrder ? raw[at] : raw[at + 1], ky = o.ReverseOutputOrder ? raw[at + 1] : raw[at];
            keypoints[k] = new Point2f((kx / o.XScale * anchor.Width + anchor.X) * width, (ky / o.YScale * anchor.Height + anchor.Y) * height);
        }
        return (box, keypoints);
    }
}
