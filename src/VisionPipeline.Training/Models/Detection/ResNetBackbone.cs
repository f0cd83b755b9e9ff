using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>The detector's backbone: the exported input through an <see cref="InputAdapter"/>, then <see cref="ResNet18"/>'s C3..C5.</summary>
public sealed class ResNetBackbone : DetectionBackbone
{
    private readonly InputAdapter adapter;
    private readonly ResNet18 resnet;

    /// <param name="input">The exported model's input (see <see cref="InputAdapter"/>).</param>
    public ResNetBackbone(TensorSpec input) : base(nameof(ResNetBackbone))
    {
        adapter = new InputAdapter(input);
        resnet = new ResNet18();
        RegisterComponents();
    }

    public ResNet18 ResNet => resnet;

    public override (int C3, int C4, int C5) Channels =>
        (ResNet18.Stages[1].Channels, ResNet18.Stages[2].Channels, ResNet18.Stages[3].Channels);

    public override (Tensor C3, Tensor C4, Tensor C5) Features(Tensor x)
    {
        using var adapted = adapter.forward(x);
        return resnet.Features(adapted);
    }

    public override (string C3, string C4, string C5) ExportFeatures(OnnxExport onnx, string input) =>
        resnet.ExportFeatures(onnx, adapter.Export(onnx, input));
}
