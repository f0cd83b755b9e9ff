using VisionPipeline.Inference.Onnx;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Segmentation;
using VisionPipeline.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Models;

public sealed class SegmenterTests(ITestOutputHelper output)
{
    private static readonly string[] Classes = ["background", "fruit", "leaf", "table"];

    [Fact]
    public void The_exported_segmenter_gives_torchsharps_logits_at_input_resolution_on_a_real_image()
    {
        using var segmenter = Networks.Segmenter(Classes.Length, seed: 1);
        var model = SegmenterExport.ToBytes([segmenter], Classes, Networks.SegmentInput);
        var pixels = SampleImages.Pack("fruits.jpg", Networks.SegmentInput);
        var onnx = Ort.Run(model, OnnxModelWriter.InputName, pixels, [1, 3, 64, 96])["output0"];
        using var noGrad = no_grad();
        using var x = tensor(pixels, [1, 3, 64, 96]);
        using var logits = segmenter.forward(x);
        Assert.Equal(new long[] { 1, Classes.Length, 64, 96 }, logits.shape);
        output.WriteLine($"max |diff| {Ort.AssertClose(logits, onnx, 1e-4, "segmenter logits"):G3} (logits up to {onnx.Values.Max(Math.Abs):F2})");
    }

    [Fact]
    public void An_ensemble_of_two_outputs_the_mean_of_its_members_probabilities_and_says_it_is_semantic()
    {
        using var first = Networks.Segmenter(Classes.Length, seed: 2);
        using var second = Networks.Segmenter(Classes.Length, seed: 3);
        var path = Path.Combine(Path.GetTempPath(), $"segmenter-{Guid.NewGuid():N}.onnx");
        try
        {
            SegmenterExport.Save(path, [first, second], Classes, Networks.SegmentInput);
            var info = OnnxModelInfo.Read(path);
            Assert.Equal("semantic", info.Task);
            Assert.Equal(Classes, info.Names);
            Assert.Equal((96, 64), info.ImageSize);

            var pixels = SampleImages.Pack("orange.jpg", Networks.SegmentInput);
            var onnx = Ort.Run(path, OnnxModelWriter.InputName, pixels, [1, 3, 64, 96])["output0"];
            using var mean = Networks.MeanProbabilities(pixels, Networks.SegmentInput, first, second);
            output.WriteLine($"max |diff| {Ort.AssertClose(mean, onnx, 1e-4, "ensemble probabilities"):G3}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
