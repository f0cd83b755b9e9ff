using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Native;
using VisionPipeline.Training.Tests.Support;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Export;

public sealed class OnnxExportOpTests
{
    private static readonly TensorSpec Input = new() { Name = "images", Width = 6, Height = 4 };

    [Theory]
    [InlineData(Upsampling.Nearest, 2)]
    [InlineData(Upsampling.Bilinear, 2)]
    [InlineData(Upsampling.Bilinear, 4)]
    [InlineData(Upsampling.BilinearAlignCorners, 3)]
    public void An_exported_upsampling_matches_torch_interpolate(Upsampling mode, long factor)
    {
        LibTorch.EnsureLoaded();
        manual_seed(7);
        using var x = randn(1, 3, 4, 6);
        using var expected = x.Upsample(factor, mode);
        var model = OnnxModelWriter.ToBytes(Description, (onnx, input) => [onnx.Upsample(input, factor, mode)]);
        var actual = Ort.Run(model, OnnxModelWriter.InputName, Ort.Values(x), [1, 3, 4, 6])["output0"];
        Ort.AssertClose(expected, actual, 1e-5, $"{mode} ×{factor}");
    }

    [Fact]
    public void Exported_linear_concat_sigmoid_softmax_and_mean_match_torchsharp()
    {
        LibTorch.EnsureLoaded();
        manual_seed(8);
        using var linear = nn.Linear(3 * 4 * 6, 5);
        using var x = randn(1, 3, 4, 6);
        using var noGrad = no_grad();
        using var flat = x.flatten(1);
        using var projected = linear.forward(flat);
        using var both = cat([projected.sigmoid(), projected.softmax(1)], 1);
        using var expected = (both + both.sigmoid()) / 2;
        var model = OnnxModelWriter.ToBytes(Description, (onnx, input) =>
        {
            var p = onnx.Linear(linear, onnx.Flatten(onnx.Dropout(input)));
            var joined = onnx.Concat(1, onnx.Sigmoid(p), onnx.Softmax(p, 1));
            return [onnx.Mean([joined, onnx.Sigmoid(joined)])];
        });
        var actual = Ort.Run(model, OnnxModelWriter.InputName, Ort.Values(x), [1, 3, 4, 6])["output0"];
        Ort.AssertClose(expected, actual, 1e-5, "linear → concat(sigmoid, softmax) → mean with its sigmoid");
    }

    private static ModelDescription Description => new(ModelDescription.Detect, ["a"], Input);
}
