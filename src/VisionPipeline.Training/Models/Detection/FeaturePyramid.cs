using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>
/// A light FPN on C3..C5: 1×1 laterals to one width, top-down nearest 2× upsampling added in, a 3×3
/// conv+BN+ReLU smoothing each level. Outputs P3, P4, P5 at strides 8, 16, 32.
/// </summary>
public sealed class FeaturePyramid : nn.Module
{
    private readonly Conv2d lateral3, lateral4, lateral5;
    private readonly ConvBn smooth3, smooth4, smooth5;

    public FeaturePyramid((int C3, int C4, int C5) channels, int width) : base(nameof(FeaturePyramid))
    {
        lateral3 = nn.Conv2d(channels.C3, width, 1);
        lateral4 = nn.Conv2d(channels.C4, width, 1);
        lateral5 = nn.Conv2d(channels.C5, width, 1);
        smooth3 = new ConvBn(width, width, 3);
        smooth4 = new ConvBn(width, width, 3);
        smooth5 = new ConvBn(width, width, 3);
        RegisterComponents();
    }

    public (Tensor P3, Tensor P4, Tensor P5) Forward(Tensor c3, Tensor c4, Tensor c5)
    {
        using var scope = NewDisposeScope();
        var l5 = lateral5.forward(c5);
        var l4 = lateral4.forward(c4) + Upsample(l5);
        var l3 = lateral3.forward(c3) + Upsample(l4);
        var (p3, p4, p5) = (smooth3.ForwardRelu(l3), smooth4.ForwardRelu(l4), smooth5.ForwardRelu(l5));
        p3.MoveToOuterDisposeScope();
        p4.MoveToOuterDisposeScope();
        p5.MoveToOuterDisposeScope();
        return (p3, p4, p5);
    }

    private static Tensor Upsample(Tensor x) => x.Upsample(2, Upsampling.Nearest);

    public (string P3, string P4, string P5) Export(OnnxExport onnx, string c3, string c4, string c5)
    {
        var l5 = onnx.Conv(lateral5, c5);
        var l4 = onnx.Add(onnx.Conv(lateral4, c4), onnx.Upsample(l5, 2, Upsampling.Nearest));
        var l3 = onnx.Add(onnx.Conv(lateral3, c3), onnx.Upsample(l4, 2, Upsampling.Nearest));
        return (smooth3.ExportRelu(onnx, l3), smooth4.ExportRelu(onnx, l4), smooth5.ExportRelu(onnx, l5));
    }
}
