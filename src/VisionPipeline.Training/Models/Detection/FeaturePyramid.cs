using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Inference.Onnx;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>
/// A light FPN on C3..C5: 1×1 laterals to one width, top-down nearest 2× upsampling added in, a 3×3
/// conv+BN+ReLU smoothing each level. Outputs P3, P4, P5 at strides 8, 16, 32.
/// </summary>
public sealed class FeaturePyramid : nn.Module
{
    private readonly Conv2d lateral3, lateral4, lateral5;
    private readonly ConvBnRelu smooth3, smooth4, smooth5;

    public FeaturePyramid((int C3, int C4, int C5) channels, int width) : base(nameof(FeaturePyramid))
    {
        lateral3 = nn.Conv2d(channels.C3, width, 1);
        lateral4 = nn.Conv2d(channels.C4, width, 1);
        lateral5 = nn.Conv2d(channels.C5, width, 1);
        smooth3 = new ConvBnRelu(width, width);
        smooth4 = new ConvBnRelu(width, width);
        smooth5 = new ConvBnRelu(width, width);
        RegisterComponents();
    }

    public (Tensor P3, Tensor P4, Tensor P5) Forward(Tensor c3, Tensor c4, Tensor c5)
    {
        using var scope = NewDisposeScope();
        var l5 = lateral5.forward(c5);
        var l4 = lateral4.forward(c4) + Upsample(l5);
        var l3 = lateral3.forward(c3) + Upsample(l4);
        var (p3, p4, p5) = (smooth3.forward(l3), smooth4.forward(l4), smooth5.forward(l5));
        p3.MoveToOuterDisposeScope();
        p4.MoveToOuterDisposeScope();
        p5.MoveToOuterDisposeScope();
        return (p3, p4, p5);
    }

    private static Tensor Upsample(Tensor x) => nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);

    public (string P3, string P4, string P5) Export(OnnxModelBuilder onnx, string c3, string c4, string c5)
    {
        var l5 = DetectionOnnx.ConvBn(onnx, c5, lateral5, null, relu: false);
        var l4 = onnx.Add(DetectionOnnx.ConvBn(onnx, c4, lateral4, null, relu: false), onnx.Resize(l5, [1, 1, 2, 2]));
        var l3 = onnx.Add(DetectionOnnx.ConvBn(onnx, c3, lateral3, null, relu: false), onnx.Resize(l4, [1, 1, 2, 2]));
        return (smooth3.Export(onnx, l3), smooth4.Export(onnx, l4), smooth5.Export(onnx, l5));
    }
}
