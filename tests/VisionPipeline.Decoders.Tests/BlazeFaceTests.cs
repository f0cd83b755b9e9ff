using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Common;
using VisionPipeline.Decoders.Faces;
using VisionPipeline.Decoders.Suppression;

namespace VisionPipeline.Decoders.Tests;

public class BlazeFaceTests
{
    [Theory]
    [InlineData(128, 896)]
    [InlineData(192, 2304)]
    public void Anchor_counts_match_the_model_outputs(int size, int expected)
    {
        Assert.Equal(expected, BlazeFaceAnchors.ForInputSize(size).Length);
    }

    [Fact]
    public void Short_range_anchors_come_two_per_cell_then_six_per_cell()
    {
        var anchors = BlazeFaceAnchors.ForInputSize(128);
        Assert.Equal(new Point2f(0.5f / 16, 0.5f / 16), anchors[0]);
        Assert.Equal(anchors[0], anchors[1]);
        Assert.Equal(new Point2f(1.5f / 16, 0.5f / 16), anchors[2]);
        Assert.Equal(new Point2f(0.5f / 8, 0.5f / 8), anchors[512]);
        Assert.All(anchors.Skip(512).Take(6), a => Assert.Equal(anchors[512], a));
    }

    /// <summary>Synthetic outputs: one anchor fires with a known box and keypoints.</summary>
    private static (float[] Regressors, float[] Scores) OneFace(int size, int anchor, float logit, float dx, float dy, float w, float h)
    {
        int n = BlazeFaceAnchors.ForInputSize(size).Length;
        var regressors = new float[n * 16];
        var scores = Enumerable.Repeat(-10f, n).ToArray();
        scores[anchor] = logit;
        var r = regressors.AsSpan(anchor * 16, 16);
        r[0] = dx; r[1] = dy; r[2] = w; r[3] = h;
        for (int k = 0; k < 6; k++) { r[4 + 2 * k] = dx + k; r[5 + 2 * k] = dy - k; }
        return (regressors, scores);
    }

    [Fact]
    public void A_firing_anchor_decodes_to_its_box_and_keypoints_in_tensor_pixels()
    {
        int anchor = 48 * 10 + 20; // full range: 48×48 grid, one anchor per cell → cell (20, 10)
        var (reg, scores) = OneFace(192, anchor, logit: 2f, dx: 3f, dy: -2f, w: 40f, h: 50f);
        var faces = new BlazeFaceDecoder(192).Decode(reg, scores);

        var face = Assert.Single(faces);
        float cx = (20 + 0.5f) * 4 + 3f, cy = (10 + 0.5f) * 4 - 2f;
        Assert.Equal(cx - 20, face.Box.X1, 3);
        Assert.Equal(cy - 25, face.Box.Y1, 3);
        Assert.Equal(cx + 20, face.Box.X2, 3);
        Assert.Equal(cy + 25, face.Box.Y2, 3);
        Assert.Equal(1f / (1f + MathF.Exp(-2f)), face.Score, 5);
        Assert.Equal(cx + 5, face.Keypoints![5].X, 3);
        Assert.Equal(cy - 5, face.Keypoints[5].Y, 3);
    }

    [Fact]
    public void Faces_map_back_through_the_letterbox_inverse()
    {
        var (reg, scores) = OneFace(192, 48 * 24 + 24, logit: 5f, dx: 0, dy: 0, w: 20, h: 20);
        // A 548×342 image letterboxed into 192: scale 192/548, 36 px padding on top.
        var toTensor = AffineMap.Scale(192.0 / 548, 120.0 / 342).Then(AffineMap.Translation(0, 36));
        var face = Assert.Single(new BlazeFaceDecoder(192).Decode(reg, scores, toTensor.Invert()));
        float centreX = (face.Box.X1 + face.Box.X2) / 2, centreY = (face.Box.Y1 + face.Box.Y2) / 2;
        Assert.Equal(98 * 548 / 192.0, centreX, 2);
        Assert.Equal((98 - 36) * 342 / 120.0, centreY, 2);
    }

    [Fact]
    public void Scores_below_the_threshold_and_negative_sizes_are_dropped()
    {
        var (reg, scores) = OneFace(128, 100, logit: -0.1f, dx: 0, dy: 0, w: 10, h: 10);
        Assert.Empty(new BlazeFaceDecoder(128).Decode(reg, scores));
        (reg, scores) = OneFace(128, 100, logit: 3f, dx: 0, dy: 0, w: -10, h: 10);
        Assert.Empty(new BlazeFaceDecoder(128).Decode(reg, scores));
    }

    [Fact]
    public void Weighted_NMS_averages_a_cluster_by_score_and_keeps_the_best_score()
    {
        var faces = WeightedNms.Apply(
        [
            new ScoredBox(new BoxF(0, 0, 10, 10), 0.9f, 0, [new Point2f(1, 1)]),
            new ScoredBox(new BoxF(1, 1, 11, 11), 0.3f, 0, [new Point2f(4, 4)]),
            new ScoredBox(new BoxF(50, 50, 60, 60), 0.6f, 0, [new Point2f(55, 55)]),
        ], 0.3f);

        Assert.Equal(2, faces.Count);
        var merged = faces[0];
        Assert.Equal(0.9f, merged.Score);
        Assert.Equal(0.25f, merged.Box.X1, 5);      // (0.9·0 + 0.3·1) / 1.2
        Assert.Equal(10.25f, merged.Box.X2, 5);
        Assert.Equal(1.75f, merged.Keypoints![0].X, 5); // (0.9·1 + 0.3·4) / 1.2
        Assert.Equal(new BoxF(50, 50, 60, 60), faces[1].Box);
    }

    [Fact]
    public void Weighted_NMS_leaves_boxes_at_the_threshold_apart()
    {
        // IoU exactly 1/3 > 0.3 merges; IoU 0.25 does not.
        var apart = WeightedNms.Apply([new ScoredBox(new BoxF(0, 0, 10, 10), 0.9f), new ScoredBox(new BoxF(6, 0, 16, 10), 0.8f)], 0.3f);
        Assert.Equal(2, apart.Count);
    }
}
