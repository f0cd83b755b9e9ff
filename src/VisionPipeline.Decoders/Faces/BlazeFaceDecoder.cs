using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Decoders.Faces;

/// <summary>
/// MediaPipe TensorsToDetections for BlazeFace: 16 values per anchor (x, y, w, h, then 6 keypoints), sigmoid
/// scores clipped at ±100, then weighted NMS. Outputs are in tensor pixels; map them back with the letterbox inverse.
/// </summary>
public sealed class BlazeFaceDecoder(int inputSize, float scoreThreshold = 0.5f, float nmsThreshold = 0.3f)
{
    public const int ValuesPerAnchor = 16;
    public const int KeypointCount = 6;

    private readonly Point2f[] _anchors = BlazeFaceAnchors.ForInputSize(inputSize);

    public int AnchorCount => _anchors.Length;

    /// <param name="regressors">[anchors × 16] raw box and keypoint offsets.</param>
    /// <param name="scores">[anchors] raw classifier logits.</param>
    public List<ScoredBox> Decode(ReadOnlySpan<float> regressors, ReadOnlySpan<float> scores)
    {
        if (scores.Length != _anchors.Length || regressors.Length != _anchors.Length * ValuesPerAnchor)
            throw new ArgumentException(
                $"BlazeFace expects {_anchors.Length} anchors × {ValuesPerAnchor} values and {_anchors.Length} scores, " +
                $"got {regressors.Length} and {scores.Length}");

        float s = inputSize;
        var candidates = new List<ScoredBox>();
        for (int i = 0; i < _anchors.Length; i++)
        {
            float score = 1f / (1f + MathF.Exp(-Math.Clamp(scores[i], -100f, 100f)));
            if (score < scoreThreshold) continue;
            var r = regressors.Slice(i * ValuesPerAnchor, ValuesPerAnchor);
            var a = _anchors[i];
            float cx = r[0] / s + a.X, cy = r[1] / s + a.Y, w = r[2] / s, h = r[3] / s;
            if (w < 0 || h < 0) continue;
            var keypoints = new Point2f[KeypointCount];
            for (int k = 0; k < KeypointCount; k++)
                keypoints[k] = new Point2f((r[4 + 2 * k] / s + a.X) * s, (r[5 + 2 * k] / s + a.Y) * s);
            var box = new BoxF((cx - w / 2) * s, (cy - h / 2) * s, (cx + w / 2) * s, (cy + h / 2) * s);
            candidates.Add(new ScoredBox(box, score, 0, keypoints));
        }
        return WeightedNms.Apply(candidates, nmsThreshold);
    }

    /// <summary>Decodes and maps every face back to the original image.</summary>
    public List<ScoredBox> Decode(ReadOnlySpan<float> regressors, ReadOnlySpan<float> scores, AffineMap tensorToImage) =>
        Decode(regressors, scores).Select(f => f.MapWith(tensorToImage)).ToList();
}
