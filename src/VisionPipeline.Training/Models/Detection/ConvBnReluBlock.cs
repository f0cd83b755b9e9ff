using TorchSharp;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>conv + batch norm + ReLU on a <see cref="ConvBn"/>: the detector's building block, forward and export alike.</summary>
public static class ConvBnReluBlock
{
    public static Tensor ForwardRelu(this ConvBn layer, Tensor x)
    {
        using var normalised = layer.forward(x);
        return nn.functional.relu(normalised);
    }

    public static string ExportRelu(this ConvBn layer, OnnxExport onnx, string input) => onnx.Relu(layer.Export(onnx, input));
}
