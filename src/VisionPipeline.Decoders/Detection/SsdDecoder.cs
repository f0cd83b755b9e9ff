using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Classification;
using VisionPipeline.Decoders.Common;

namespace VisionPipeline.Decoders.Detection;

public sealed record SsdOptions
{
    /// <summary>Priors [anchors × 4] as (cx, cy, w, h), normalised; null when the boxes are already decoded corners.</summary>
    public float[]? Priors { get; init; }

    /// <summary>Centre and size variances of the box encoding (Caffe/TF SSD: 0.1, 0.2).</summary>
    public (float Center, float Size) Variances { get; init; } = (0.1f, 0.2f);

    /// <summary>Whether decoded boxes are in [0, 1] (scaled by the input size) or already in pixels.</summary>
    public bool Normalized { get; init; } = true;

    /// <summary>Class 0 is background and never reported.</summary>
    public bool Background { get; init; } = true;

    public ClassActivation Scores { get; init; } = ClassActivation.None;
}

/// <summary>
/// SSD-style outputs for one image: boxes [anchors × 4] and scores [anchors × C], decoded against priors or taken
/// as corners, in tensor pixels.
/// </summary>
public static class SsdDecoder
{
    public static List<ScoredBox> Decode(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, int classes, int inputWidth, int inputHeight,
        float scoreThreshold, SsdOptions options, IReadOnlySet<int>? keepClasses = null)
    {
        int anchors = boxes.Length / 4;
        if (boxes.Length != anchors * 4 || scores.Length != anchors * classes)
            throw new ArgumentException($"SSD outputs need boxes [A,4] and scores [A,{classes}], got {boxes.Length} and {scores.Length} values");
        if (options.Priors is { } priors && priors.Length != anchors * 4)
            throw new ArgumentException($"{priors.Length / 4} priors for {anchors} boxes");

        float sx = options.Normalized ? inputWidth : 1, sy = options.Normalized ? inputHeight : 1;
        int first = options.Background && classes > 1 ? 1 : 0;
        var found = new List<ScoredBox>();
        var probabilities = new float[classes];
        for (int a = 0; a < anchors; a++)
        {
            var row = scores.Slice(a * classes, classes);
            switch (options.Scores)
            {
                case ClassActivation.Softmax: System.Numerics.Tensors.TensorPrimitives.SoftMax(row, probabilities); break;
                case ClassActivation.Sigmoid: System.Numerics.Tensors.TensorPrimitives.Sigmoid(row, probabilities); break;
                default: row.CopyTo(probabilities); break;
            }
            int best = first;
            for (int c = first + 1; c < classes; c++)
                if (probabilities[c] > probabilities[best]) best = c;
            if (probabilities[best] < scoreThreshold || keepClasses is not null && !keepClasses.Contains(best)) continue;

            var b = boxes.Slice(a * 4, 4);
            BoxF box;
            if (options.Priors is { } p)
            {
                float pcx = p[a * 4], pcy = p[a * 4 + 1], pw = p[a * 4 + 2], ph = p[a * 4 + 3];
                float cx = pcx + b[0] * options.Variances.Center * pw, cy = pcy + b[1] * options.Variances.Center * ph;
                float w = pw * MathF.Exp(b[2] * options.Variances.Size), h = ph * MathF.Exp(b[3] * options.Variances.Size);
                box = new BoxF((cx - w / 2) * sx, (cy - h / 2) * sy, (cx + w / 2) * sx, (cy + h / 2) * sy);
            }
            else
            {
                box = new BoxF(b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy);
            }
            found.Add(new ScoredBox(box, probabilities[best], best));
        }
        return found;
    }

    /// <summary>torchvision detection outputs (already suppressed): boxes [K × 4] corners in pixels, labels [K], scores [K].</summary>
    public static List<ScoredBox> DecodeTorchvision(ReadOnlySpan<float> boxes, ReadOnlySpan<float> labels, ReadOnlySpan<float> scores,
        float scoreThreshold, IReadOnlySet<int>? keepClasses = null)
    {
        var found = new List<ScoredBox>();
        for (int k = 0; k < scores.Length; k++)
        {
            int label = (int)labels[k];
            if (scores[k] < scoreThreshold || keepClasses is not null && !keepClasses.Contains(label)) continue;
            found.Add(new ScoredBox(new BoxF(boxes[k * 4], boxes[k * 4 + 1], boxes[k * 4 + 2], boxes[k * 4 + 3]), scores[k], label));
        }
        return found;
    }
}
