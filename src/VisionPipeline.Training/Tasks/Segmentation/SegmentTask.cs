using OpenCvSharp;
using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Evaluation.Segmentation;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Models.Segmentation;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Segmentation;

/// <summary>
/// Semantic segmentation: a <see cref="Segmenter"/> (pretrained ResNet18 encoder + FPN decoder), per-pixel
/// cross-entropy ignoring <see cref="Batch.IgnoreIndex"/>, validation mean IoU exactly as <c>vision eval</c> computes
/// it (<see cref="SegmentationConfusion"/> over all pixels, <see cref="SegmentationMetrics"/>: classes present in
/// truth or prediction).
/// </summary>
public sealed class SegmentTask(TaskOptions options) : ITrainingTask
{
    private readonly CrossEntropy _loss = new(options);

    public TaskKind Kind => TaskKind.Segment;

    public IReadOnlyList<string> Classes => options.Classes;

    /// <summary>The semantic decoder's default: stretched, RGB 0–1, ImageNet mean and std.</summary>
    public TensorSpec InputSpec { get; } = TaskInputs.ImageNet(options.ImageSize, ResizeMode.Stretch);

    public string MetricName => "miou";

    public nn.Module<Tensor, Tensor> CreateNetwork()
    {
        var network = new Segmenter(options.Classes.Count, InputSpec, options.Dropout);
        if (options.PretrainedBackbone is { } path) ResNet18Weights.Load(network.Backbone, path);
        if (options.FreezeBackbone) network.FreezeBackbone();
        return network;
    }

    public Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch)
    {
        using var logits = network.forward(batch.Images);
        return _loss.Loss(logits, Masks(batch));
    }

    public IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new Validation(network, this);

    public void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata) =>
        SegmenterExport.Save(path, TaskInputs.Members<Segmenter>(members), options.Classes, InputSpec, metadata);

    private static Tensor Masks(Batch batch) => batch.Masks ?? throw new ArgumentException("a segmentation batch needs masks");

    private sealed class Validation : IValidation
    {
        private readonly nn.Module<Tensor, Tensor> _network;
        private readonly SegmentTask _task;
        private readonly LossAverage _loss = new();
        private readonly SegmentationConfusion _confusion;

        public Validation(nn.Module<Tensor, Tensor> network, SegmentTask task)
        {
            (_network, _task) = (network, task);
            _confusion = new SegmentationConfusion(task.Classes.Count, (int)Batch.IgnoreIndex);
            network.eval();
        }

        public float Add(Batch batch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var masks = Masks(batch);
            var logits = _network.forward(batch.Images);
            var predicted = logits.argmax(1).to_type(ScalarType.Byte).cpu().contiguous();
            var truth = masks.to_type(ScalarType.Byte).cpu().contiguous();
            int height = (int)masks.shape[1], width = (int)masks.shape[2];
            for (int i = 0; i < batch.Count; i++)
            {
                using var truthMap = LabelMap(truth[i], height, width);
                using var predictedMap = LabelMap(predicted[i], height, width);
                _confusion.Add(truthMap, predictedMap);
            }
            return _loss.Add(_task._loss.Loss(logits, masks), batch.Count);
        }

        public ValidationResult Finish()
        {
            var metrics = SegmentationMetrics.From(_confusion);
            double miou = metrics.MeanIou ?? 0;
            return new ValidationResult(_loss.Mean, miou, new Dictionary<string, double>
            {
                ["miou"] = miou, ["pixel_accuracy"] = metrics.PixelAccuracy ?? 0, ["loss"] = _loss.Mean,
            });
        }

        private static Mat LabelMap(Tensor labels, int height, int width)
        {
            var map = new Mat(height, width, MatType.CV_8UC1);
            map.SetArray(labels.data<byte>().ToArray());
            return map;
        }
    }
}
