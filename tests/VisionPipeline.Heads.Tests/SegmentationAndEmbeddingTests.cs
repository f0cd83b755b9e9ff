using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Heads.Embeddings;
using VisionPipeline.Heads.Segmentation;

namespace VisionPipeline.Heads.Tests;

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

        using var mask = ProbabilityMaskHead.ToBinaryMask(map, s, s, toTensor, 100, 50);
        Assert.Equal(new Size(100, 50), mask.Size());
        Assert.Equal(MatType.CV_8UC1, mask.Type());
        using var left = new Mat(mask, new Rect(0, 0, 48, 50));
        using var right = new Mat(mask, new Rect(52, 0, 48, 50));
        Assert.Equal(48 * 50, Cv2.CountNonZero(left));
        Assert.Equal(0, Cv2.CountNonZero(right));
    }

    [Fact]
    public void Embeddings_flatten_and_optionally_normalise()
    {
        var v = EmbeddingHead.ToVector([3f, 4f], l2Normalize: true);
        Assert.Equal([0.6f, 0.8f], v);
        Assert.Equal(1f, EmbeddingHead.Cosine(v, [3f, 4f]), 5);
    }
}
