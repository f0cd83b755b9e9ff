using VisionPipeline.TestSupport;
using VisionPipeline.Training.Models.Classification;
using VisionPipeline.Training.Models.Segmentation;
using VisionPipeline.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Export;

/// <summary>
/// Exported models run through <see cref="Pipeline.ForModel"/>, what <c>vision run --model model.onnx</c> runs: the
/// model's metadata alone must choose the decoder, input size, preprocessing and labels.
/// </summary>
public sealed class ExportedModelRunTests(ITestOutputHelper output)
{
    [Fact]
    public void An_exported_classifier_runs_with_no_settings_and_reports_torchsharps_top_class_and_probability()
    {
        string[] classes = ["apple", "orange", "banana"];
        using var classifier = Networks.Classifier(classes.Length, seed: 21);
        using var result = Run(ClassifierExport.ToBytes([classifier], classes, Networks.ClassifyInput), "orange.jpg");
        var top = result.Classifications[0];

        using var noGrad = no_grad();
        using var x = tensor(SampleImages.Pack("orange.jpg", Networks.ClassifyInput), [1, 3, 96, 96]);
        using var probabilities = classifier.forward(x).softmax(1);
        int best = (int)probabilities.argmax(1).item<long>();
        float score = probabilities[0, best].item<float>();
        output.WriteLine($"pipeline: {top.Label} {top.Score:F5}; TorchSharp: {classes[best]} {score:F5}");
        Assert.Equal(classes[best], top.Label);
        Assert.True(Math.Abs(top.Score - score) < 1e-4, $"the pipeline scores {top.Label} {top.Score}, TorchSharp {score}");
    }

    [Fact]
    public void An_exported_segmenter_runs_with_no_settings_and_masks_what_torchsharp_predicts()
    {
        string[] classes = ["background", "fruit", "leaf"];
        using var segmenter = Networks.Segmenter(classes.Length, seed: 22);
        using var result = Run(SegmenterExport.ToBytes([segmenter], classes, Networks.SegmentInput), "fruits.jpg");

        using var noGrad = no_grad();
        using var x = tensor(SampleImages.Pack("fruits.jpg", Networks.SegmentInput), [1, 3, 64, 96]);
        using var winners = segmenter.forward(x).argmax(1);
        double imagePixels = (double)result.Width * result.Height;
        for (int c = 1; c < classes.Length; c++)
        {
            double expected = winners.eq(c).to_type(ScalarType.Float32).mean().item<float>();
            var mask = result.Masks.SingleOrDefault(m => m.Label == classes[c]);
            double actual = (mask?.Area ?? 0) / imagePixels;
            output.WriteLine($"{classes[c]}: pipeline {actual:P2} of the image, TorchSharp {expected:P2} of the model's output");
            Assert.True(Math.Abs(actual - expected) < 0.02, $"class {classes[c]} covers {actual:P2} of the image in the pipeline, {expected:P2} in TorchSharp's output");
        }
        Assert.All(result.Masks, m => Assert.Contains(m.Label, classes[1..]));
        Assert.NotEmpty(result.Masks);
    }

    /// <summary>The model saved as model.onnx and run on a sample image by the pipeline <c>vision run --model</c> builds.</summary>
    private static PipelineResult Run(byte[] model, string image)
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File("model.onnx"), model);
        using var pipeline = Pipeline.ForModel(folder.File("model.onnx"), new PipelineOptions { ModelsDirectory = RepoPaths.Models });
        var result = pipeline.Process(RepoPaths.Sample(image));
        Assert.True(result.Succeeded, result.Error);
        return result;
    }
}
