using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>
/// Brings the exported model's input (value = (pixel·Scale − Mean[c]) / Std[c], channels in the spec's colour order)
/// to ResNet's space (BGR 0–255 minus the channel means) with one fixed 1×1 convolution: pixel = (value·Std[c] +
/// Mean[c]) / Scale, reordered to BGR, minus <see cref="ResNetMeansBgr"/>. Its weights are buffers, never trained.
/// </summary>
public sealed class InputAdapter : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    /// <summary>The channel averages of the zoo ResNet18's mean image, in B, G, R order (docs/MODEL-ZOO.md §2).</summary>
    public static readonly float[] ResNetMeansBgr = [103.06f, 115.90f, 123.15f];

    private readonly Tensor weight;
    private readonly Tensor bias;

    public InputAdapter(TensorSpec spec) : base(nameof(InputAdapter))
    {
        if (spec.Layout != TensorLayout.Nchw) throw new ArgumentException($"the input adapter takes NCHW input, not {spec.Layout}");
        var weights = new float[3 * 3];
        var biases = new float[3];
        for (int output = 0; output < 3; output++)
        {
            // Output channel 0 is blue; the input channel holding blue is 0 for BGR input and 2 for RGB.
            int source = spec.Colors == ColorOrder.Bgr ? output : 2 - output;
            weights[output * 3 + source] = spec.Std[source] / spec.Scale;
            biases[output] = spec.Mean[source] / spec.Scale - ResNetMeansBgr[output];
        }
        weight = tensor(weights, [3, 3, 1, 1]);
        bias = tensor(biases, [3]);
        register_buffer(nameof(weight), weight);
        register_buffer(nameof(bias), bias);
    }

    public override Tensor forward(Tensor x) => nn.functional.conv2d(x, weight, bias);

    public string Export(OnnxExport onnx, string input) => onnx.Conv(input, weight, bias);
}
