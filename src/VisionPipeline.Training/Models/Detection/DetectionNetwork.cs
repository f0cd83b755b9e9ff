using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Detection;

/// <summary>
/// Backbone → light FPN → one decoupled anchor-free head per level (strides 8, 16, 32). The forward pass returns
/// the raw [N, 4 + C, A] tensor: rows 0–3 raw ltrb distances, rows 4.. class logits, anchors as
/// <see cref="AnchorPoints"/> orders them. <see cref="Decode"/> turns it into the Ultralytics YOLOv8 layout:
/// ltrb = softplus(raw)·stride from the anchor centre, rows cx, cy, w, h in input pixels, then sigmoid scores.
/// </summary>
public sealed class DetectionNetwork : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    public static IReadOnlyList<int> LevelStrides { get; } = [8, 16, 32];

    /// <summary>Channels of the pyramid and the heads.</summary>
    public const int DefaultWidth = 64;

    /// <summary>(cx, cy, w, h) = M · (l, t, r, b) + (ax, ay, 0, 0).</summary>
    private static readonly float[] LtrbToCxcywh =
    [
        -0.5f, 0, 0.5f, 0,
        0, -0.5f, 0, 0.5f,
        1, 0, 1, 0,
        0, 1, 0, 1,
    ];

    private readonly DetectionBackbone backbone;
    private readonly FeaturePyramid pyramid;
    private readonly ModuleList<DetectionHead> heads;

    /// <param name="inputSize">The exported model's input size (multiples of 32); training may use other sizes.</param>
    public DetectionNetwork(DetectionBackbone backbone, int classes, (int Height, int Width) inputSize, int width = DefaultWidth) : base(nameof(DetectionNetwork))
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), "a detector needs at least one class");
        ClassCount = classes;
        InputSize = inputSize;
        _ = new AnchorPoints(inputSize.Height, inputSize.Width, LevelStrides); // checks the size
        this.backbone = backbone;
        pyramid = new FeaturePyramid(backbone.Channels, width);
        heads = nn.ModuleList(LevelStrides.Select(_ => new DetectionHead(width, classes)).ToArray());
        RegisterComponents();
    }

    public int ClassCount { get; }

    /// <summary>The exported input's height and width.</summary>
    public (int Height, int Width) InputSize { get; }

    public DetectionBackbone Backbone => backbone;

    /// <summary>Sets training mode; a frozen backbone stays in eval mode.</summary>
    public override void train(bool on = true)
    {
        base.train(on);
        if (backbone.Frozen) backbone.eval();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (c3, c4, c5) = backbone.Features(x);
        var (p3, p4, p5) = pyramid.Forward(c3, c4, c5);
        var levels = new[] { p3, p4, p5 }.Select((p, i) => heads[i].Forward(p)).ToList();
        var raw = cat([cat(levels.Select(l => l.Box).ToList(), 2), cat(levels.Select(l => l.Class).ToList(), 2)], 1);
        return raw.MoveToOuterDisposeScope();
    }

    /// <summary>[N, A, 4] predicted boxes (x1, y1, x2, y2) in input pixels from the raw output.</summary>
    public static Tensor BoxesXyxy(Tensor raw, Tensor centres, Tensor strides)
    {
        using var scope = NewDisposeScope();
        var ltrb = Distances(raw, strides).transpose(1, 2);
        var boxes = cat([centres - ltrb[.., .., ..2], centres + ltrb[.., .., 2..]], -1);
        return boxes.MoveToOuterDisposeScope();
    }

    /// <summary>The exported output: [N, 4 + C, A], rows cx, cy, w, h in input pixels, then sigmoid class scores.</summary>
    public static Tensor Decode(Tensor raw, AnchorPoints anchors)
    {
        using var scope = NewDisposeScope();
        var device = raw.device;
        var ltrb = Distances(raw, anchors.StrideTensor(device));
        var m = tensor(LtrbToCxcywh, [4, 4], device: device);
        var offsets = cat([anchors.Centres(device).t(), zeros(2, anchors.Count, device: device)], 0).unsqueeze(0);
        var boxes = matmul(m, ltrb) + offsets;
        var decoded = cat([boxes, raw[.., 4..].sigmoid()], 1);
        return decoded.MoveToOuterDisposeScope();
    }

    /// <summary>[N, 4, A] ltrb distances in input pixels.</summary>
    private static Tensor Distances(Tensor raw, Tensor strides) => nn.functional.softplus(raw[.., ..4]) * strides;

    /// <summary>Writes the network and <see cref="Decode"/> on a [1, 3, H, W] input of <see cref="InputSize"/>; returns the [1, 4 + C, A] output.</summary>
    public string Export(OnnxExport onnx, string input)
    {
        var anchors = new AnchorPoints(InputSize.Height, InputSize.Width, LevelStrides);
        var (c3, c4, c5) = backbone.ExportFeatures(onnx, input);
        var (p3, p4, p5) = pyramid.Export(onnx, c3, c4, c5);
        var levels = new[] { p3, p4, p5 }
            .Select((p, i) => heads[i].Export(onnx, p, (long)anchors.Levels[i].Rows * anchors.Levels[i].Columns)).ToList();
        var rawBox = onnx.Concat(2, levels.Select(l => l.Box).ToArray());
        var rawClass = onnx.Concat(2, levels.Select(l => l.Class).ToArray());
        var ltrb = onnx.Builder.Mul(onnx.Node("Softplus", [rawBox]), onnx.Constant(anchors.Strides, 1, 1, anchors.Count));
        var offsets = anchors.CentreX.Concat(anchors.CentreY).Concat(new float[2 * anchors.Count]).ToArray();
        var boxes = onnx.Add(onnx.Node("MatMul", [onnx.Constant(LtrbToCxcywh, 4, 4), ltrb]), onnx.Constant(offsets, 1, 4, anchors.Count));
        return onnx.Concat(1, boxes, onnx.Sigmoid(rawClass));
    }
}
