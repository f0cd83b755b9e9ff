using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.Inference.Onnx.Proto;
using VisionPipeline.Training.Models.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Detection;

/// <summary>
/// Object detection: a backbone, a light FPN and an anchor-free head (<see cref="DetectionNetwork"/>), trained
/// with task-aligned assignment, GIoU and BCE (<see cref="DetectionLoss"/>), validated by COCO AP50 ("map50")
/// and AP50:95 ("map") after the yolo decoder's own threshold and NMS, exported in the Ultralytics YOLOv8 layout
/// [1, 4 + C, A] with task, names, imgsz and stride metadata so that the yolo decoder runs it as it is.
/// </summary>
public sealed class DetectTask : ITrainingTask
{
    private readonly TaskOptions _options;
    private readonly Func<DetectionBackbone> _backbone;

    /// <param name="backbone">Makes the backbone of each new network (its weights seeded by the global generator).</param>
    public DetectTask(TaskOptions options, Func<DetectionBackbone> backbone)
    {
        if (options.Classes.Count == 0) throw new ArgumentException("detection needs at least one class", nameof(options));
        if (options.ImageSize <= 0 || options.ImageSize % 32 != 0)
            throw new ArgumentException($"the image size {options.ImageSize} is not a positive multiple of 32", nameof(options));
        _options = options;
        _backbone = backbone;
        InputSpec = DecoderKinds.Yolo.DefaultSpec(new TensorSpec { Name = "images", Width = options.ImageSize, Height = options.ImageSize });
        LossFunction = new DetectionLoss(new TaskAlignedAssigner());
    }

    public TaskKind Kind => TaskKind.Detect;

    public IReadOnlyList<string> Classes => _options.Classes;

    public TensorSpec InputSpec { get; }

    public string MetricName => "map50";

    internal DetectionLoss LossFunction { get; }

    public nn.Module<Tensor, Tensor> CreateNetwork()
    {
        var network = new DetectionNetwork(_backbone(), Classes.Count);
        if (_options.FreezeBackbone)
            foreach (var p in network.Backbone.parameters()) p.requires_grad = false;
        return network;
    }

    public Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch)
    {
        using var raw = network.forward(batch.Images);
        return LossFunction.Compute(raw, AnchorsFor(batch.Images), TargetsOf(batch));
    }

    public IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new DetectionValidation(this, network);

    public void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (members.Count == 0) throw new ArgumentException("nothing to export", nameof(members));
        int height = InputSpec.Height, width = InputSpec.Width;
        var anchors = new AnchorPoints(height, width, DetectionNetwork.LevelStrides);
        var onnx = new OnnxModelBuilder("detect");
        var input = onnx.Input(InputSpec.Name, 1, 3, height, width);
        var outputs = members.Select(m => Network(m).ExportDecoded(onnx, input, anchors)).ToArray();
        const string output = "output0";
        if (outputs.Length == 1) onnx.Identity(outputs[0], output);
        else onnx.Mul(onnx.Node("Sum", outputs), onnx.Constant([1f / outputs.Length], 1), output);
        onnx.Output(output, TensorProto.Types.DataType.Float, 1, 4 + Classes.Count, anchors.Count);
        foreach (var (key, value) in metadata) onnx.Metadata(key, value);
        onnx.Metadata("task", "detect")
            .Metadata("names", UltralyticsNames(Classes))
            .Metadata("imgsz", $"[{height}, {width}]")
            .Metadata("stride", DetectionNetwork.LevelStrides.Max().ToString(System.Globalization.CultureInfo.InvariantCulture));
        onnx.Save(path);
    }

    /// <summary>Ultralytics' names metadata: "{0: 'a', 1: 'b'}".</summary>
    public static string UltralyticsNames(IReadOnlyList<string> names) =>
        "{" + string.Join(", ", names.Select((n, i) => $"{i}: '{n.Replace("\\", "\\\\").Replace("'", "\\'")}'")) + "}";

    internal static DetectionNetwork Network(nn.Module<Tensor, Tensor> module) =>
        module as DetectionNetwork ?? throw new ArgumentException($"the detect task trains a {nameof(DetectionNetwork)}, not a {module.GetType().Name}");

    internal static AnchorPoints AnchorsFor(Tensor images) =>
        new((int)images.shape[2], (int)images.shape[3], DetectionNetwork.LevelStrides);

    internal static IReadOnlyList<DetectionTarget[]> TargetsOf(Batch batch) =>
        batch.Boxes ?? throw new ArgumentException("a detection batch needs boxes", nameof(batch));
}
