using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Inference.Onnx;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>A k×k convolution without bias, batch normalisation and ReLU; exported with the normalisation folded in.</summary>
public sealed class ConvBnRelu : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly long _stride;

    public ConvBnRelu(long inChannels, long outChannels, long kernel = 3, long stride = 1) : base(nameof(ConvBnRelu))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: false);
        bn = nn.BatchNorm2d(outChannels);
        _stride = stride;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var c = conv.forward(x);
        using var n = bn.forward(c);
        return nn.functional.relu(n);
    }

    /// <summary>Writes the block (eval mode: running statistics) into the graph; returns its output.</summary>
    public string Export(OnnxModelBuilder onnx, string input) => DetectionOnnx.ConvBn(onnx, input, conv, bn, relu: true, _stride);
}
