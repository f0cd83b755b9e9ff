using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Models.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Detection;

/// <summary>A small strided conv stack with features at strides 8, 16 and 32: fast tests of the detection parts.</summary>
internal sealed class TinyBackbone : DetectionBackbone
{
    private readonly ConvBn s2, s4, s8, s16, s32;

    public TinyBackbone() : base(nameof(TinyBackbone))
    {
        s2 = new ConvBn(3, 16, 3, stride: 2);
        s4 = new ConvBn(16, 32, 3, stride: 2);
        s8 = new ConvBn(32, 32, 3, stride: 2);
        s16 = new ConvBn(32, 64, 3, stride: 2);
        s32 = new ConvBn(64, 64, 3, stride: 2);
        RegisterComponents();
    }

    public override (int C3, int C4, int C5) Channels => (32, 64, 64);

    public override (Tensor C3, Tensor C4, Tensor C5) Features(Tensor x)
    {
        using var a = s2.ForwardRelu(x);
        using var b = s4.ForwardRelu(a);
        var c3 = s8.ForwardRelu(b);
        var c4 = s16.ForwardRelu(c3);
        return (c3, c4, s32.ForwardRelu(c4));
    }

    public override (string C3, string C4, string C5) ExportFeatures(OnnxExport onnx, string input)
    {
        var c3 = s8.ExportRelu(onnx, s4.ExportRelu(onnx, s2.ExportRelu(onnx, input)));
        var c4 = s16.ExportRelu(onnx, c3);
        return (c3, c4, s32.ExportRelu(onnx, c4));
    }
}
