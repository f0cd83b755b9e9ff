using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Export;

public sealed class BackboneExportTests(ITestOutputHelper output)
{
    /// <summary>Ultralytics' input (what the detection task feeds the backbone), not square so height and width cannot swap unseen.</summary>
    private static readonly TensorSpec DetectInput = new()
    {
        Name = "images", Width = 96, Height = 64, Resize = ResizeMode.Letterbox, PadValue = 114, Colors = ColorOrder.Rgb, Scale = 1 / 255f,
    };

    [Fact]
    public void The_exported_adapter_and_backbone_give_torchsharps_pooled_features_and_feature_maps()
    {
        LibTorch.EnsureLoaded();
        using var adapter = new InputAdapter(DetectInput);
        using var backbone = new ResNet18();
        ResNet18Weights.Load(backbone, ZooFiles.ResNet18);
        backbone.eval();

        var model = OnnxModelWriter.ToBytes(new ModelDescription(ModelDescription.Detect, ["thing"], DetectInput), (onnx, input) =>
        {
            var adapted = adapter.Export(onnx, input);
            var (c3, c4, c5) = backbone.ExportFeatures(onnx, adapted);
            return [onnx.Flatten(onnx.GlobalAveragePool(c5)), c3, c4, c5];
        });

        var pixels = SampleImages.Pack("messi5.jpg", DetectInput);
        var onnxOutputs = Ort.Run(model, OnnxModelWriter.InputName, pixels, [1, 3, 64, 96]);
        using var noGrad = no_grad();
        using var x = tensor(pixels, [1, 3, 64, 96]);
        using var adaptedX = adapter.forward(x);
        using var pooled = backbone.forward(adaptedX);
        var (t3, t4, t5) = backbone.Features(adaptedX);
        using (t3)
        using (t4)
        using (t5)
        {
            Assert.Equal(new long[] { 1, 128, 8, 12 }, t3.shape);
            Assert.Equal(new long[] { 1, 256, 4, 6 }, t4.shape);
            Assert.Equal(new long[] { 1, 512, 2, 3 }, t5.shape);
            var diffs = new[]
            {
                Ort.AssertClose(pooled, onnxOutputs["output0"], 1e-4, "pooled features"),
                Ort.AssertClose(t3, onnxOutputs["output1"], 1e-4, "C3"),
                Ort.AssertClose(t4, onnxOutputs["output2"], 1e-4, "C4"),
                Ort.AssertClose(t5, onnxOutputs["output3"], 1e-4, "C5"),
            };
            output.WriteLine($"max |diff| pooled {diffs[0]:G3}, C3 {diffs[1]:G3}, C4 {diffs[2]:G3}, C5 {diffs[3]:G3}");
        }
    }

    [Fact]
    public void The_input_adapter_maps_the_exported_input_to_resnets_bgr_minus_means()
    {
        LibTorch.EnsureLoaded();
        var spec = new TensorSpec { Name = "images", Colors = ColorOrder.Rgb, Scale = 1 / 255f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };
        using var adapter = new InputAdapter(spec);
        Assert.Empty(adapter.parameters());
        // One pixel of R=200, G=100, B=50 as the pipeline packs it.
        float[] rgb = [200, 100, 50];
        var packed = Enumerable.Range(0, 3).Select(c => (rgb[c] * spec.Scale - spec.Mean[c]) / spec.Std[c]).ToArray();
        using var x = tensor(packed, [1, 3, 1, 1]);
        using var y = adapter.forward(x);
        var bgr = Ort.Values(y);
        float[] expected = [50 - 103.06f, 100 - 115.90f, 200 - 123.15f];
        for (int c = 0; c < 3; c++)
            Assert.True(Math.Abs(bgr[c] - expected[c]) < 1e-3, $"channel {c}: {bgr[c]}, expected {expected[c]} (B, G, R minus means)");
    }
}
