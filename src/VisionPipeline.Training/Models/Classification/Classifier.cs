using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Classification;

/// <summary>
/// Image classifier: <see cref="InputAdapter"/> → <see cref="ResNet18"/> pooled features → dropout → linear → logits
/// [N, C]. <see cref="ResNetNetwork.FreezeBackbone"/> makes it a linear probe.
/// </summary>
public sealed class Classifier : ResNetNetwork
{
    private readonly Dropout dropout;
    private readonly Linear head;

    /// <param name="classes">Number of classes.</param>
    /// <param name="input">The exported model's input (see <see cref="InputAdapter"/>).</param>
    /// <param name="dropout">Dropout probability before the linear layer.</param>
    public Classifier(int classes, TensorSpec input, double dropout = 0.2) : base(nameof(Classifier), input)
    {
        this.dropout = nn.Dropout(dropout);
        head = nn.Linear(ResNet18.FeatureChannels, classes);
        RegisterComponents();
    }

    public override int Classes => (int)head.out_features;

    public override Tensor forward(Tensor x)
    {
        using var adapted = Adapt(x);
        using var features = Backbone.forward(adapted);
        using var dropped = dropout.forward(features);
        return head.forward(dropped);
    }

    /// <summary>Exports the logits [N, C] (the model file adds the softmax: see <see cref="ClassifierExport"/>).</summary>
    public override string Export(OnnxExport onnx, string input) =>
        onnx.Linear(head, onnx.Dropout(Backbone.Export(onnx, ExportAdapter(onnx, input))));
}
