using TorchSharp;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>
/// ResNet's basic residual block: relu(bn(conv3×3(relu(bn(conv3×3(x))))) + shortcut), the shortcut a 1×1 strided
/// projection (conv + bn) where the width or stride changes, else the input itself.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly ConvBn? downsample;
    private readonly ConvBn conv1;
    private readonly ConvBn conv2;

    public BasicBlock(long input, long output, long stride) : base(nameof(BasicBlock))
    {
        if (stride != 1 || input != output) downsample = new ConvBn(input, output, 1, stride);
        conv1 = new ConvBn(input, output, 3, stride);
        conv2 = new ConvBn(output, output, 3);
        RegisterComponents();
    }

    /// <summary>Its convolutions in the zoo graph's order: the projection (if any) first, then the two 3×3.</summary>
    public IEnumerable<ConvBn> Layers => downsample is null ? [conv1, conv2] : [downsample, conv1, conv2];

    public override Tensor forward(Tensor x)
    {
        using var first = conv1.forward(x);
        using var activated = nn.functional.relu(first);
        using var second = conv2.forward(activated);
        using var projected = downsample?.forward(x);
        using var sum = second + (projected ?? x);
        return nn.functional.relu(sum);
    }

    public string Export(OnnxExport onnx, string input)
    {
        var shortcut = downsample is null ? input : downsample.Export(onnx, input);
        var main = conv2.Export(onnx, onnx.Relu(conv1.Export(onnx, input)));
        return onnx.Relu(onnx.Add(main, shortcut));
    }
}
