using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>
/// A network on a ResNet18 backbone reading the exported model's input through an <see cref="InputAdapter"/>. With
/// the backbone frozen only the head learns: the backbone's parameters need no gradient and its batch norms stay in
/// eval mode even while the network trains.
/// </summary>
public abstract class ResNetNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly InputAdapter adapter;
    private readonly ResNet18 backbone;

    /// <param name="name">The module's name.</param>
    /// <param name="input">The exported model's input (see <see cref="InputAdapter"/>).</param>
    protected ResNetNetwork(string name, TensorSpec input) : base(name)
    {
        adapter = new InputAdapter(input);
        backbone = new ResNet18();
        // Registered by hand: a derived class's RegisterComponents does not see a base class's private fields.
        register_module(nameof(adapter), adapter);
        register_module(nameof(backbone), backbone);
    }

    public ResNet18 Backbone => backbone;

    /// <summary>How many classes it scores.</summary>
    public abstract int Classes { get; }

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

    /// <summary>The input in ResNet's space.</summary>
    protected Tensor Adapt(Tensor x) => adapter.forward(x);

    /// <summary>Exports the adapter: the input in ResNet's space.</summary>
    protected string ExportAdapter(OnnxExport onnx, string input) => adapter.Export(onnx, input);

    public abstract string Export(OnnxExport onnx, string input);
}
