using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>
/// One level's decoupled anchor-free head: a box branch (two 3×3 conv+BN+ReLU, then 4 raw ltrb distances) and a
/// class branch (the same, then C logits), one prediction per feature-map cell.
/// </summary>
public sealed class DetectionHead : nn.Module
{
    /// <summary>The class logits start at this probability (focal-loss style prior), so that early losses are sane.</summary>
    public const double PriorProbability = 0.01;

    private readonly ConvBn box1, box2, class1, class2;
    private readonly Conv2d boxOut, classOut;

    public DetectionHead(int width, int classes) : base(nameof(DetectionHead))
    {
        box1 = new ConvBn(width, width, 3);
        box2 = new ConvBn(width, width, 3);
        class1 = new ConvBn(width, width, 3);
        class2 = new ConvBn(width, width, 3);
        boxOut = nn.Conv2d(width, 4, 1);
        classOut = nn.Conv2d(width, classes, 1);
        using (no_grad())
        {
            boxOut.bias!.fill_(1.0);
            classOut.bias!.fill_(-Math.Log((1 - PriorProbability) / PriorProbability));
        }
        RegisterComponents();
    }

    /// <summary>[N, 4, H·W] raw box values and [N, C, H·W] class logits, cells row-major.</summary>
    public (Tensor Box, Tensor Class) Forward(Tensor p)
    {
        using var scope = NewDisposeScope();
        var box = boxOut.forward(box2.ForwardRelu(box1.ForwardRelu(p))).flatten(2);
        var cls = classOut.forward(class2.ForwardRelu(class1.ForwardRelu(p))).flatten(2);
        box.MoveToOuterDisposeScope();
        cls.MoveToOuterDisposeScope();
        return (box, cls);
    }

    /// <summary>Writes the head on a [1, W, h, w] feature map; returns [1, 4, h·w] and [1, C, h·w].</summary>
    public (string Box, string Class) Export(OnnxExport onnx, string p, long cells)
    {
        var box = onnx.Conv(boxOut, box2.ExportRelu(onnx, box1.ExportRelu(onnx, p)));
        var cls = onnx.Conv(classOut, class2.ExportRelu(onnx, class1.ExportRelu(onnx, p)));
        return (onnx.Builder.Reshape(box, [1, 4, cells]), onnx.Builder.Reshape(cls, [1, classOut.weight!.shape[0], cells]));
    }
}
