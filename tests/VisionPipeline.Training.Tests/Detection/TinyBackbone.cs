using VisionPipeline.Inference.Onnx;
using VisionPipeline.Training.Models.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

/// <summary>A small strided conv stack with features at strides 8, 16 and 32: fast tests of the detection parts.</summary>
internal sealed class TinyBackbone : DetectionBackbone
{
    private readonly ConvBnRelu s2, s4, s8, s16, s32;

    public TinyBackbone() : base(nameof(TinyBackbone))
    {
        s2 = new ConvBnRelu(3, 16, stride: 2);
        s4 = new ConvBnRelu(16, 32, stride: 2);
        s8 = new ConvBnRelu(32, 32, stride: 2);
        s16 = new ConvBnRelu(32, 64, stride: 2);
        s32 = new ConvBnRelu(64, 64, stride: 2);
        RegisterComponents();
    }

    public override (int C3, int C4, int C5) Channels => (32, 64, 64);

    public override (Tensor C3, Tensor C4, Tensor C5) Features(Tensor x)
    {
        using var a = s2.forward(x);
        using var b = s4.forward(a);
        var c3 = s8.forward(b);
        var c4 = s16.forward(c3);
        return (c3, c4, s32.forward(c4));
    }

    public override (string C3, string C4, string C5) ExportFeatures(OnnxModelBuilder onnx, string input)
    {
        var c3 = s8.Export(onnx, s4.Export(onnx, s2.Export(onnx, input)));
        var c4 = s16.Export(onnx, c3);
        return (c3, c4, s32.Export(onnx, c4));
    }
}
