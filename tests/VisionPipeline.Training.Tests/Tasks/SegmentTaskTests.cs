using VisionPipeline.Training.Models.Segmentation;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Segmentation;
using VisionPipeline.Training.Tests.Support;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Tasks;

public sealed class SegmentTaskTests
{
    private static readonly TaskOptions Options = new() { Classes = ["background", "fruit"], ImageSize = 64 };

    [Fact]
    public void Validation_mean_iou_skips_ignored_pixels_and_matches_vision_evals_definition()
    {
        LibTorch.EnsureLoaded();
        var task = new SegmentTask(Options);
        // Truth [[0, 0], [1, ignore]], prediction [[0, 1], [1, 1]]: background IoU 1/2, fruit IoU 1/2 (the ignored
        // pixel would make it 1/3 if it counted), mean 0.5; pixel accuracy 2/3.
        using var logits = tensor(new float[] { 5, 0, 0, 0, 0, 5, 5, 5 }, [1, 2, 2, 2]);
        using var network = new FixedOutput(logits);
        var validation = task.StartValidation(network);
        using var batch = new Batch { Images = zeros(1, 3, 2, 2), Masks = tensor(new long[] { 0, 0, 1, Batch.IgnoreIndex }, [1, 2, 2]) };
        validation.Add(batch);
        var result = validation.Finish();
        Assert.Equal("miou", task.MetricName);
        Assert.Equal(0.5, result.Metric, 6);
        Assert.Equal(2.0 / 3, result.Metrics["pixel_accuracy"], 6);
        using var expectedLoss = nn.functional.cross_entropy(logits, batch.Masks!, ignore_index: Batch.IgnoreIndex);
        Assert.Equal(expectedLoss.item<float>(), result.Loss, 5);
    }

    [Fact]
    public void The_task_builds_a_segmenter_whose_loss_learns_from_labelled_pixels_and_is_zero_without_any()
    {
        LibTorch.EnsureLoaded();
        manual_seed(12);
        var task = new SegmentTask(Options);
        using var network = task.CreateNetwork();
        Assert.IsType<Segmenter>(network);
        network.train();
        using var images = SampleImages.Batch(task.InputSpec, "orange.jpg");
        using var labelled = new Batch { Images = images.alias(), Masks = zeros([1, 64, 64], ScalarType.Int64) };
        using var loss = task.Loss(network, labelled);
        Assert.Empty(loss.shape);
        Assert.True(float.IsFinite(loss.item<float>()) && loss.item<float>() > 0, $"the loss of a labelled image is {loss.item<float>()}");

        // An image with no labelled pixel teaches nothing: zero loss and gradients, not NaN that would poison the weights.
        using var unlabelled = new Batch { Images = images.alias(), Masks = full([1, 64, 64], Batch.IgnoreIndex, ScalarType.Int64) };
        using var nothing = task.Loss(network, unlabelled);
        Assert.Equal(0f, nothing.item<float>());
        nothing.backward();
        Assert.All(network.parameters().Where(p => p.grad is not null), p => Assert.Equal(0f, p.grad!.abs().sum().item<float>()));
    }
}
