using VisionPipeline.Training.Models.Detection;
using VisionPipeline.Training.Tasks.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

public sealed class TaskAlignedAssignerTests
{
    private static readonly AnchorPoints Anchors = new(128, 128, DetectionNetwork.LevelStrides);

    /// <summary>Every anchor predicts a square of side 2.6 strides about its centre, every class at probability 0.5.</summary>
    private static (Tensor Scores, Tensor Boxes, Tensor Centres) UniformPredictions(int classes)
    {
        var centres = Anchors.Centres();
        var half = (Anchors.StrideTensor() * 1.3).unsqueeze(1);
        return (full(Anchors.Count, classes, 0.5f), cat([centres - half, centres + half], 1), centres);
    }

    [Fact]
    public void A_ground_truth_gets_positives_inside_it_at_the_level_its_size_fits()
    {
        using var scope = NewDisposeScope();
        var (scores, boxes, centres) = UniformPredictions(classes: 3);
        // 42 px fits stride 16 (its predictions are 41.6 px squares); 84 px fits stride 32.
        float[][] truths = [[10, 10, 52, 52], [40, 40, 124, 124]];
        foreach (var (truth, stride) in truths.Zip(new[] { 16f, 32f }))
        {
            var a = new TaskAlignedAssigner().Assign(scores, boxes, centres, tensor(truth, [1, 4]), tensor(new long[] { 2 }));
            var fg = a.Foreground.data<bool>().ToArray();
            Assert.True(fg.Count(f => f) is > 0 and <= 10, $"{fg.Count(f => f)} positives");
            for (int i = 0; i < fg.Length; i++)
            {
                if (!fg[i]) continue;
                Assert.InRange(Anchors.CentreX[i], truth[0], truth[2]);
                Assert.InRange(Anchors.CentreY[i], truth[1], truth[3]);
                Assert.Equal(truth, a.Boxes[i].data<float>().ToArray());
            }
            var classTargets = a.Scores.sum(dim: 0).data<float>().ToArray();
            Assert.Equal(0f, classTargets[0]);
            Assert.Equal(0f, classTargets[1]);
            Assert.True(classTargets[2] > 0);
            var best = (int)a.Scores[.., 2].argmax().item<long>();
            Assert.Equal(stride, Anchors.Strides[best]);
            // The best anchor's target is the ground truth's best IoU with a positive's prediction.
            var iou = BoxGeometry.Iou(boxes[best], tensor(truth)).item<float>();
            Assert.Equal(iou, a.Scores[best, 2].item<float>(), 4);
        }
    }

    [Fact]
    public void An_anchor_inside_two_ground_truths_goes_to_the_one_it_overlaps_most()
    {
        using var scope = NewDisposeScope();
        var (scores, boxes, centres) = UniformPredictions(classes: 2);
        // Two nested ground truths: the anchors of the inner one are inside both.
        var truths = tensor(new float[] { 0, 0, 128, 128, 48, 48, 80, 80 }, [2, 4]);
        var a = new TaskAlignedAssigner(topK: 13).Assign(scores, boxes, centres, truths, tensor(new long[] { 0, 1 }));
        var fg = a.Foreground.data<bool>().ToArray();
        for (int i = 0; i < fg.Length; i++)
        {
            if (!fg[i]) continue;
            var box = a.Boxes[i].data<float>().ToArray();
            var expected = BoxGeometry.PairwiseIou(truths, boxes[i].unsqueeze(0)).argmax().item<long>();
            Assert.Equal(truths[expected].data<float>().ToArray(), box);
            Assert.True(a.Scores[i, expected == 0 ? 1 : 0].item<float>() == 0, "a positive has a target in one class only");
        }
        Assert.Contains(fg.Select((f, i) => (f, i)), p => p.f && a.Boxes[p.i][0].item<float>() == 48);
        Assert.Contains(fg.Select((f, i) => (f, i)), p => p.f && a.Boxes[p.i][0].item<float>() == 0);
    }

    [Fact]
    public void An_image_without_boxes_has_no_positives()
    {
        using var scope = NewDisposeScope();
        var (scores, boxes, centres) = UniformPredictions(classes: 2);
        var a = new TaskAlignedAssigner().Assign(scores, boxes, centres, zeros(0, 4), zeros(0, ScalarType.Int64));
        Assert.False(a.Foreground.any().item<bool>());
        Assert.Equal(0f, a.Scores.sum().item<float>());
    }
}
