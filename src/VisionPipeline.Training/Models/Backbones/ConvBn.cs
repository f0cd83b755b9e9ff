using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>A square convolution without bias (padding kernel/2) followed by batch norm; no activation.</summary>
public sealed class ConvBn : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    public ConvBn(long input, long output, long kernel, long stride = 1) : base(nameof(ConvBn))
    {
        conv = nn.Conv2d(input, output, kernel, stride: stride, padding: kernel / 2, bias: false);
        bn = nn.BatchNorm2d(output);
        RegisterComponents();
    }

    public Conv2d Conv => conv;

    public BatchNorm2d Norm => bn;

    public override Tensor forward(Tensor x)
    {
        using var convolved = conv.forward(x);
        return bn.forward(convolved);
    }

    public string Export(OnnxExport onnx, string input) => onnx.BatchNorm(bn, onnx.Conv(conv, input));
}
