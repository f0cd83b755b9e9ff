using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Embeddings;
using VisionPipeline.Decoders.Segmentation;

namespace VisionPipeline.Decoders.Tests;

public class SegmentationAndEmbeddingTests
{
    [Fact]
    public void A_probability_map_comes_back_at_image_size_with_the_letterbox_removed()
    {
        // 100×50 image letterboxed into 20×20: scale 0.2, content rows 5..15. Left half of the content is "person".
        int s = 20;
        var map = new float[s * s];
        for (int y = 5; y < 15; y++) for (int x = 0; x < 10; x++) map[y * s + x] = 1f;
        var toTensor = AffineMap.Scale(0.2, 0.2).Then(AffineMap.Translation(0, 5));

        using var mask = ProbabilityMaskDecoder.ToBinaryMask(map, s, s, toTensor, 100, 50);
        Assert.Equal(new Size(100, 50), mask.Size());
        Assert.Equal(MatType.CV_8UC1, mask.Type());
        using var left = new Mat(mask, new Rect(0, 0, 48, 50));
        using var right = new Mat(mask, new Rect(52, 0, 48, 50));
        Assert.Equal(48 * 50, Cv2.CountNonZero(left));
        Assert.Equal(0, Cv2.CountNonZero(right));
    }

    [Fact]
    public void A_stretched_map_comes_back_exactly_as_OpenCVs_resize_of_it()
    {
        var map = new float[64 * 64];
        var random = new Random(5);
        for (int i = 0; i < map.Length; i++) map[i] = (float)random.NextDouble();
        using var back = ProbabilityMaskDecoder.ToImage(map, 64, 64, AffineMap.Scale(64.0 / 100, 64.0 / 50), 100, 50);
        using var source = Mat.FromPixelData(64, 64, MatType.CV_32FC1, map);
        using var expected = new Mat();
        Cv2.Resize(source, expected, new Size(100, 50), 0, 0, InterpolationFlags.Linear);
        using var difference = new Mat();
        Cv2.Absdiff(back, expected, difference);
        Cv2.MinMaxLoc(difference, out _, out double max);
        Assert.Equal(0, max);
    }

    [Fact]
    public void Classification_softmaxes_logits_keeps_probabilities_and_scores_multi_label_independently()
    {
        var fromLogits = Decoders.Classification.ClassificationDecoder.Decode([1f, 3f, 2f], topK: 2);
        Assert.Equal([1, 2], fromLogits.Select(c => c.ClassId).ToArray());
        Assert.Equal(MathF.Exp(3) / (MathF.Exp(1) + MathF.Exp(3) + MathF.Exp(2)), fromLogits[0].Score, 5);
        var probabilities = Decoders.Classification.ClassificationDecoder.Decode([0.2f, 0.5f, 0.3f], topK: 3);
        Assert.Equal([0.5f, 0.3f, 0.2f], probabilities.Select(c => c.Score).ToArray());
        var multiLabel = Decoders.Classification.ClassificationDecoder.Decode([2f, -2f, 1f], Decoders.Classification.ClassActivation.Sigmoid, topK: 0, minScore: 0.5f);
        Assert.Equal([0, 2], multiLabel.Select(c => c.ClassId).ToArray());
        Assert.Equal(1 / (1 + MathF.Exp(-2)), multiLabel[0].Score, 5);
    }

    [Fact]
    public void Embeddings_flatten_and_optionally_normalise()
    {
        var v = EmbeddingDecoder.ToVector([3f, 4f], l2Normalize: true);
        Assert.Equal([0.6f, 0.8f], v);
        Assert.Equal(1f, EmbeddingDecoder.Cosine(v, [3f, 4f]), 5);
    }
}
