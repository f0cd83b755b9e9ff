using System.Globalization;
using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Models.Detection;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Detection;

/// <summary>
/// Object detection: the pretrained ResNet18 (<see cref="ResNetBackbone"/>), a light FPN and an anchor-free head
/// (<see cref="DetectionNetwork"/>), trained with task-aligned assignment, GIoU and BCE (<see cref="DetectionLoss"/>),
/// validated by COCO AP50 ("map50") and AP50:95 ("map") after the yolo decoder's own threshold and NMS, exported in
/// the Ultralytics YOLOv8 layout [1, 4 + C, A] with task, names, imgsz and stride metadata so that the yolo decoder
/// runs it as it is. Input: the yolo decoder's default (letterbox with grey 114, RGB 0–1).
/// </summary>
public sealed class DetectTask : ITrainingTask
{
    private readonly TaskOptions _options;
    private readonly Func<DetectionBackbone> _backbone;

    public DetectTask(TaskOptions options) : this(options, null)
    {
    }

    /// <param name="backbone">Makes the backbone of each new network (weights seeded by the global generator); null: ResNet18,
    /// with <see cref="TaskOptions.PretrainedBackbone"/>'s weights when given.</param>
    public DetectTask(TaskOptions options, Func<DetectionBackbone>? backbone)
    {
        if (options.Classes.Count == 0) throw new ArgumentException("detection needs at least one class", nameof(options));
        if (options.ImageSize <= 0 || options.ImageSize % 32 != 0)
            throw new ArgumentException($"the image size must be a positive multiple of 32, not {options.ImageSize}", nameof(options));
        _options = options;
        InputSpec = DecoderKinds.Yolo.DefaultSpec(new TensorSpec { Name = OnnxModelWriter.InputName, Width = options.ImageSize, Height = options.ImageSize });
        _backbone = backbone ?? PretrainedResNet;
        LossFunction = new DetectionLoss(new TaskAlignedAssigner());
    }

    public TaskKind Kind => TaskKind.Detect;

    public IReadOnlyList<string> Classes => _options.Classes;

    public TensorSpec InputSpec { get; }

    public string MetricName => "map50";

    public DetectionLoss LossFunction { get; }

    public nn.Module<Tensor, Tensor> CreateNetwork()
    {
        var network = new DetectionNetwork(_backbone(), Classes.Count, (InputSpec.Height, InputSpec.Width));
        if (_options.FreezeBackbone) network.Backbone.Freeze();
        return network;
    }

    public Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch)
    {
        using var raw = network.forward(batch.Images);
        return LossFunction.Compute(raw, AnchorsFor(batch.Images), TargetsOf(batch));
    }

    public IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new DetectionValidation(this, network);

    /// <summary>
    /// One ONNX file: output0 [1, 4 + C, A] (cx, cy, w, h in input pixels, then class scores), the mean of the
    /// members' decoded outputs; metadata task=detect, names, imgsz, stride and <paramref name="metadata"/>.
    /// </summary>
    public void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata)
    {
        var networks = TaskInputs.Members<DetectionNetwork>(members);
        if (networks.Count == 0) throw new ArgumentException("no detector to export", nameof(members));
        if (networks.FirstOrDefault(n => n.ClassCount != Classes.Count || n.InputSize != (InputSpec.Height, InputSpec.Width)) is { } odd)
            throw new ArgumentException($"a member scores {odd.ClassCount} classes on {odd.InputSize} input; the task exports {Classes.Count} on {(InputSpec.Height, InputSpec.Width)}", nameof(members));
        var description = new ModelDescription(ModelDescription.Detect, Classes, InputSpec)
        {
            Description = $"ResNet18 + FPN anchor-free detector, {Classes.Count} classes" + (networks.Count > 1 ? $", ensemble of {networks.Count}" : ""),
        };
        var extra = new Dictionary<string, string>(metadata)
        {
            ["stride"] = DetectionNetwork.LevelStrides.Max().ToString(CultureInfo.InvariantCulture),
        };
        OnnxModelWriter.Save(path, description, (onnx, image) => [EnsembleExport.Average(onnx, image, networks)], extra);
    }

    private DetectionBackbone PretrainedResNet()
    {
        var backbone = new ResNetBackbone(InputSpec);
        if (_options.PretrainedBackbone is { } path) ResNet18Weights.Load(backbone.ResNet, path);
        return backbone;
    }

    internal static DetectionNetwork Network(nn.Module<Tensor, Tensor> module) =>
        module as DetectionNetwork ?? throw new ArgumentException($"the detect task trains a {nameof(DetectionNetwork)}, not a {module.GetType().Name}");

    internal static AnchorPoints AnchorsFor(Tensor images) =>
        new((int)images.shape[2], (int)images.shape[3], DetectionNetwork.LevelStrides);

    internal static IReadOnlyList<DetectionTarget[]> TargetsOf(Batch batch) =>
        batch.Boxes ?? throw new ArgumentException("a detection batch needs boxes", nameof(batch));
}
