using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Classification;

/// <summary>
/// Image classifier: <see cref="InputAdapter"/> → <see cref="ResNet18"/> pooled features → dropout → linear → logits
/// [N, C]. With the backbone frozen only the linear head learns (a linear probe): the backbone's parameters need no
/// gradient and its batch norms stay in eval mode even while the classifier trains.
/// </summary>
public sealed class Classifier : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly InputAdapter adapter;
    private readonly ResNet18 backbone;
    private readonly Dropout dropout;
    private readonly Linear head;

    /// <param name="classes">Number of classes.</param>
    /// <param name="input">The exported model's input (see <see cref="InputAdapter"/>).</param>
    /// <param name="dropout">Dropout probability before the linear layer.</param>
    public Classifier(int classes, TensorSpec input, double dropout = 0.2) : base(nameof(Classifier))
    {
        adapter = new InputAdapter(input);
        backbone = new ResNet18();
        this.dropout = nn.Dropout(dropout);
        head = nn.Linear(ResNet18.FeatureChannels, classes);
        RegisterComponents();
    }

    public ResNet18 Backbone => backbone;

    public int Classes => (int)head.out_features;

    /// <summary>Whether only the head learns.</summary>
    public bool BackboneFrozen { get; private set; }

    /// <summary>Stops the backbone learning: no gradients for its parameters, batch norms kept in eval mode.</summary>
    public void FreezeBackbone()
    {
        BackboneFrozen = true;
        foreach (var parameter in backbone.parameters()) parameter.requires_grad = false;
        backbone.eval();
    }

    /// <summary>Sets training mode; a frozen backbone stays in eval mode.</summary>
    public override void train(bool on = true)
    {
        base.train(on);
        if (BackboneFrozen) backbone.eval();
    }

    public override Tensor forward(Tensor x)
    {
        using var adapted = adapter.forward(x);
        using var features = backbone.forward(adapted);
        using var dropped = dropout.forward(features);
        return head.forward(dropped);
    }

    /// <summary>Exports the logits [N, C] (the model file adds the softmax: see <see cref="ClassifierExport"/>).</summary>
    public string Export(OnnxExport onnx, string input) =>
        onnx.Linear(head, onnx.Dropout(backbone.Export(onnx, adapter.Export(onnx, input))));
}
