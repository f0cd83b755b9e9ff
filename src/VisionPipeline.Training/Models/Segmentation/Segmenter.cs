using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Segmentation;

/// <summary>
/// Semantic segmenter: <see cref="InputAdapter"/> → <see cref="ResNet18"/> maps C2…C5 → a light FPN decoder (1×1
/// lateral convolutions to <see cref="DecoderChannels"/>, each coarser level upsampled ×2 nearest and added, from C5
/// down to C2 at stride 4) → 3×3 conv + batch norm + ReLU → dropout → 1×1 classifier → bilinear ×4 upsampling:
/// logits [N, C, H, W] at input resolution, as the <c>semantic</c> decoder reads them.
/// </summary>
public sealed class Segmenter : ResNetNetwork
{
    public const int DecoderChannels = 64;

    private const int OutputStride = 4;

    private readonly Conv2d lateral2;
    private readonly Conv2d lateral3;
    private readonly Conv2d lateral4;
    private readonly Conv2d lateral5;
    private readonly ConvBn smooth;
    private readonly Dropout dropout;
    private readonly Conv2d classifier;

    public Segmenter(int classes, TensorSpec input, double dropout = 0.2) : base(nameof(Segmenter), input)
    {
        var widths = ResNet18.Stages.Select(s => (long)s.Channels).ToArray();
        lateral2 = nn.Conv2d(widths[0], DecoderChannels, 1);
        lateral3 = nn.Conv2d(widths[1], DecoderChannels, 1);
        lateral4 = nn.Conv2d(widths[2], DecoderChannels, 1);
        lateral5 = nn.Conv2d(widths[3], DecoderChannels, 1);
        smooth = new ConvBn(DecoderChannels, DecoderChannels, 3);
        this.dropout = nn.Dropout(dropout);
        classifier = nn.Conv2d(DecoderChannels, classes, 1);
        RegisterComponents();
    }

    public override int Classes => (int)classifier.out_channels;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (c2, c3, c4, c5) = Backbone.Pyramid(Adapt(x));
        var merged = lateral5.forward(c5);
        foreach (var (lateral, map) in new[] { (lateral4, c4), (lateral3, c3), (lateral2, c2) })
            merged = lateral.forward(map) + merged.Upsample(2, Upsampling.Nearest);
        var smoothed = nn.functional.relu(smooth.forward(merged));
        var logits = classifier.forward(dropout.forward(smoothed));
        return logits.Upsample(OutputStride, Upsampling.Bilinear).MoveToOuterDisposeScope();
    }

    /// <summary>Exports the logits [N, C, H, W].</summary>
    public override string Export(OnnxExport onnx, string input)
    {
        var (c2, c3, c4, c5) = Backbone.ExportPyramid(onnx, ExportAdapter(onnx, input));
        var merged = onnx.Conv(lateral5, c5);
        foreach (var (lateral, map) in new[] { (lateral4, c4), (lateral3, c3), (lateral2, c2) })
            merged = onnx.Add(onnx.Conv(lateral, map), onnx.Upsample(merged, 2, Upsampling.Nearest));
        var smoothed = onnx.Relu(smooth.Export(onnx, merged));
        var logits = onnx.Conv(classifier, onnx.Dropout(smoothed));
        return onnx.Upsample(logits, OutputStride, Upsampling.Bilinear);
    }
}
