using TorchSharp;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>
/// What the detection network stands on: features at strides 8, 16 and 32 of an input in the exported model's
/// input space (any fixed input adapter is part of the backbone), and the same computation written as ONNX.
/// </summary>
public abstract class DetectionBackbone(string name) : nn.Module(name)
{
    /// <summary>Channels of C3 (stride 8), C4 (stride 16) and C5 (stride 32).</summary>
    public abstract (int C3, int C4, int C5) Channels { get; }

    public abstract (Tensor C3, Tensor C4, Tensor C5) Features(Tensor x);

    /// <summary>Writes the features of <paramref name="input"/> (eval mode) into the graph; returns their names.</summary>
    public abstract (string C3, string C4, string C5) ExportFeatures(OnnxExport onnx, string input);

    /// <summary>Stops the backbone learning: no gradients for its parameters, batch norms in eval mode (the network keeps them there).</summary>
    public void Freeze()
    {
        Frozen = true;
        foreach (var parameter in parameters()) parameter.requires_grad = false;
        eval();
    }

    public bool Frozen { get; private set; }
}
