using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Models.Classification;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tasks;
using VisionPipeline.Training.Tasks.Classification;
using VisionPipeline.Training.Tests.Support;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Tasks;

public sealed class ClassifyTaskTests
{
    private static readonly TaskOptions Options = new() { Classes = ["cat", "dog", "bird"], ImageSize = 64, PretrainedBackbone = ZooFiles.ResNet18 };

    [Fact]
    public void Validation_reports_accuracy_and_the_mean_loss()
    {
        LibTorch.EnsureLoaded();
        var task = new ClassifyTask(Options);
        // Predictions: 2, 0, 1, 1 against labels 2, 0, 0, 1 → 3 of 4 right.
        using var logits = tensor(new float[] { 0, 0, 5, 5, 0, 0, 0, 5, 0, 0, 5, 0 }, [4, 3]);
        using var network = new FixedOutput(logits);
        var validation = task.StartValidation(network);
        using var batch = new Batch { Images = zeros(4, 3, 64, 64), Labels = tensor(new long[] { 2, 0, 0, 1 }) };
        float loss = validation.Add(batch);
        var result = validation.Finish();
        Assert.Equal("accuracy", task.MetricName);
        Assert.Equal(0.75, result.Metric, 6);
        Assert.Equal(0.75, result.Metrics["accuracy"], 6);
        using var expected = nn.functional.cross_entropy(logits, batch.Labels);
        Assert.Equal(expected.item<float>(), loss, 5);
        Assert.Equal(expected.item<float>(), result.Loss, 5);
    }

    [Fact]
    public void Label_smoothing_and_class_weights_shape_the_loss()
    {
        LibTorch.EnsureLoaded();
        using var logits = tensor(new float[] { 3, 0, 0, 0, 3, 0 }, [2, 3]);
        using var labels = tensor(new long[] { 0, 2 });
        using var plain = new CrossEntropy(Options).Loss(logits, labels);
        using var smoothed = new CrossEntropy(Options with { LabelSmoothing = 0.1 }).Loss(logits, labels);
        using var weighted = new CrossEntropy(Options with { ClassWeights = [1, 1, 3] }).Loss(logits, labels);
        using var expectedSmoothed = nn.functional.cross_entropy(logits, labels, label_smoothing: 0.1);
        using var classWeights = tensor(new float[] { 1, 1, 3 });
        using var expectedWeighted = nn.functional.cross_entropy(logits, labels, classWeights);
        Assert.Equal(expectedSmoothed.item<float>(), smoothed.item<float>(), 5);
        Assert.Equal(expectedWeighted.item<float>(), weighted.item<float>(), 5);
        Assert.NotEqual(plain.item<float>(), smoothed.item<float>());
        Assert.Throws<ArgumentException>(() => new CrossEntropy(Options with { ClassWeights = [1, 2] }));
    }

    [Fact]
    public void The_task_builds_a_pretrained_classifier_that_learns_and_exports_with_its_metadata()
    {
        LibTorch.EnsureLoaded();
        manual_seed(11);
        var task = new ClassifyTask(Options with { FreezeBackbone = true });
        Assert.Equal(new TensorSpec
        {
            Name = "images", Width = 64, Height = 64, Resize = ResizeMode.CenterCrop, Colors = ColorOrder.Rgb, Scale = 1 / 255f,
            Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f],
        }.ToString(), task.InputSpec.ToString());
        using var network = task.CreateNetwork();
        var classifier = Assert.IsType<Classifier>(network);
        Assert.True(classifier.BackboneFrozen);
        network.train();
        using var batch = new Batch { Images = SampleImages.Batch(task.InputSpec, "orange.jpg", "baboon.jpg"), Labels = tensor(new long[] { 1, 2 }) };
        using var loss = task.Loss(network, batch);
        Assert.Empty(loss.shape);
        loss.backward();
        Assert.All(network.named_parameters(), p =>
            Assert.True(p.name.StartsWith("head") == p.parameter.grad is not null, $"{p.name}: gradient {(p.parameter.grad is null ? "missing" : "present")}"));

        var path = Path.Combine(Path.GetTempPath(), $"classify-task-{Guid.NewGuid():N}.onnx");
        try
        {
            task.Export([network], path, new Dictionary<string, string> { ["epochs"] = "1" });
            var info = Inference.Onnx.OnnxModelInfo.Read(path);
            Assert.Equal(("classify", "1"), (info.Task, info.Metadata["epochs"]));
            Assert.Equal(Options.Classes, info.Names);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
