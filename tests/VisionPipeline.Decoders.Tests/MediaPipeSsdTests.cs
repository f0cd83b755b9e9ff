using VisionPipeline.Decoders.MediaPipe;

namespace VisionPipeline.Decoders.Tests;

public class MediaPipeSsdTests
{
    [Fact]
    public void Anchor_counts_match_the_models_outputs()
    {
        // The counts the two models' output tensors have: [1, 1917, 4] and [1, 2016, 18].
        Assert.Equal(1917, SsdModel.ObjectsOidV4.Anchors.Length);
        Assert.Equal(2016, SsdModel.Palm.Anchors.Length);
        Assert.Same(SsdModel.ObjectsOidV4, SsdModel.ForOutputs(1917, 4));
        Assert.Same(SsdModel.Palm, SsdModel.ForOutputs(2016, 18));
        Assert.Null(SsdModel.ForOutputs(1917, 18));
    }

    [Fact]
    public void The_objects_anchors_follow_the_graph_files_scales_and_ratios()
    {
        var a = SsdModel.ObjectsOidV4.Anchors;
        // Lowest layer (19 × 19 grid): three anchors a cell, scale 0.1 at ratio 1, then 0.2 at ratios 2 and 0.5.
        Assert.Equal(new Anchor(0.5f / 19, 0.5f / 19, 0.1f, 0.1f), a[0]);
        Assert.Equal(0.2f * MathF.Sqrt(2), a[1].Width, 5);
        Assert.Equal(0.2f / MathF.Sqrt(2), a[1].Height, 5);
        Assert.Equal(a[2].Height, a[1].Width, 5);
        Assert.Equal(1.5f / 19, a[3].X, 6);
        // Second layer (10 × 10): five ratios at scale 0.35, then the interpolated sqrt(0.35 · 0.5) at ratio 1.
        var second = a[3 * 19 * 19];
        Assert.Equal(new Anchor(0.05f, 0.05f, 0.35f, 0.35f), second with { Width = MathF.Round(second.Width, 5), Height = MathF.Round(second.Height, 5) });
        Assert.Equal(MathF.Sqrt(0.35f * 0.5f), a[3 * 19 * 19 + 5].Width, 5);
        // Last layer (1 × 1): its interpolated anchor reaches to scale 1.
        Assert.Equal(MathF.Sqrt(0.95f), a[^1].Width, 5);
        Assert.Equal(new Anchor(0.5f, 0.5f, 0, 0), a[^1] with { Width = 0, Height = 0 });
    }

    [Fact]
    public void An_objects_box_is_decoded_y_first_with_exponential_sizes()
    {
        var model = SsdModel.ObjectsOidV4;
        int anchor = 3 * 19 * 19; // the second layer's first anchor: centre (0.05, 0.05), 0.35 × 0.35
        var boxes = new float[1917 * 4];
        var scores = Enumerable.Repeat(-10f, 1917 * 24).ToArray();
        // dy = 1 → cy = 0.05 + 1/10·0.35; dx = 2 → cx = 0.05 + 2/10·0.35; dh = 0 → h = 0.35; dw = 5·ln 2 → w = 0.7.
        boxes[anchor * 4] = 1; boxes[anchor * 4 + 1] = 2; boxes[anchor * 4 + 2] = 0; boxes[anchor * 4 + 3] = 5 * MathF.Log(2);
        scores[anchor * 24 + 4] = 2f;   // Person, sigmoid(2) = 0.881
        scores[anchor * 24 + 0] = 9f;   // class 0 ('???') is ignored however high

        var found = Assert.Single(model.Detect(boxes, scores, 0.5f, 0.4f));
        Assert.Equal(4, found.ClassId);
        Assert.Equal(1 / (1 + MathF.Exp(-2)), found.Score, 5);
        float cx = (0.05f + 0.07f) * 300, cy = (0.05f + 0.035f) * 300;
        Assert.Equal(cx - 105, found.Box.X1, 3);
        Assert.Equal(cx + 105, found.Box.X2, 3);
        Assert.Equal(cy - 52.5f, found.Box.Y1, 3);
        Assert.Equal(cy + 52.5f, found.Box.Y2, 3);
    }

    [Fact]
    public void A_palm_is_decoded_x_first_with_keypoints_and_overlaps_are_merged_by_weight()
    {
        var model = SsdModel.Palm;
        var boxes = new float[2016 * 18];
        var scores = Enumerable.Repeat(-20f, 2016).ToArray();
        // Two neighbouring anchors of the 24 × 24 grid's cell (10, 10) both see a 48 × 48 palm centred at (88, 88).
        foreach (var (a, score) in new[] { (2 * (10 * 24 + 10), 3f), (2 * (10 * 24 + 10) + 1, 1f) })
        {
            float centre = 10.5f / 24 * 192; // 84
            boxes[a * 18] = 88 - centre; boxes[a * 18 + 1] = 88 - centre; boxes[a * 18 + 2] = 48; boxes[a * 18 + 3] = 48;
            for (int k = 0; k < 7; k++) { boxes[a * 18 + 4 + 2 * k] = 88 - centre + k; boxes[a * 18 + 5 + 2 * k] = 100 - centre; }
            scores[a] = score;
        }
        var palm = Assert.Single(model.Detect(boxes, scores, 0.5f, 0.3f));
        Assert.Equal(1 / (1 + MathF.Exp(-3)), palm.Score, 5);
        Assert.Equal(64, palm.Box.X1, 3);
        Assert.Equal(112, palm.Box.Y2, 3);
        Assert.Equal(7, palm.Keypoints!.Length);
        Assert.Equal(94, palm.Keypoints[6].X, 3);
        Assert.Equal(100, palm.Keypoints[6].Y, 3);
    }

    [Fact]
    public void Outputs_of_the_wrong_size_are_refused_with_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => SsdModel.Palm.Detect(new float[10], new float[2016], 0.5f, 0.3f));
        Assert.Contains("2016 × 18", e.Message);
        Assert.Contains("got 10", e.Message);
    }
}
