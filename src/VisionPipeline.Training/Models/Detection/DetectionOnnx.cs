using TorchSharp.Modules;
using VisionPipeline.Inference.Onnx;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>The few graph pieces the detection network writes: convolutions with batch normalisation folded in.</summary>
internal static class DetectionOnnx
{
    public static float[] Values(Tensor t)
    {
        using var c = t.detach().cpu().contiguous().to_type(ScalarType.Float32);
        return c.data<float>().ToArray();
    }

    /// <summary>conv → (bn) → (relu) with the normalisation folded into the weights and a bias.</summary>
    public static string ConvBn(OnnxModelBuilder onnx, string input, Conv2d conv, BatchNorm2d? bn, bool relu, long stride = 1)
    {
        using var scope = NewDisposeScope();
        var weight = conv.weight!.detach();
        long outChannels = weight.shape[0];
        var bias = conv.bias?.detach() ?? zeros(outChannels);
        if (bn is not null)
        {
            var scale = bn.weight!.detach() / (bn.running_var!.detach() + bn.eps).sqrt();
            weight = weight * scale.view(-1, 1, 1, 1);
            bias = (bias - bn.running_mean!.detach()) * scale + bn.bias!.detach();
        }
        var k = weight.shape[2];
        long pad = k / 2;
        var output = onnx.Conv(input, onnx.Constant(Values(weight), weight.shape), onnx.Constant(Values(bias), outChannels),
            [k, weight.shape[3]], [stride, stride], [pad, pad, pad, pad]);
        return relu ? onnx.Node("Relu", [output]) : output;
    }
}
