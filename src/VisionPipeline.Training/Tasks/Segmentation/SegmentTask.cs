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
/// it (<see cref="SegmentationConfusion"/> over all pixels, <see cref="SegmentationMetrics"/>: the mean over classes
/// present in truth or prediction). Input: the semantic decoder's default (stretch).
/// </summary>
public sealed class SegmentTask(TaskOptions options) : ResNetTask(options, TaskKind.Segment, ResizeMode.Stretch, "miou")
{
    public override IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new IouValidation(network, this);

    public override void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata) =>
        SegmenterExport.Save(path, TaskInputs.Members<Segmenter>(members), Classes, InputSpec, metadata);

    protected override ResNetNetwork NewNetwork() => new Segmenter(Classes.Count, InputSpec, Options.Dropout);

    protected override Tensor Targets(Batch batch) => batch.Masks ?? throw new ArgumentException("a segmentation batch needs masks");

    private sealed class IouValidation(nn.Module<Tensor, Tensor> network, SegmentTask task) : Validation(network, task)
    {
        private readonly SegmentationConfusion _confusion = new(task.Classes.Count, (int)Batch.IgnoreIndex);

        protected override void Count(Tensor logits, Tensor targets)
        {
            using var predicted = logits.argmax(1).to_type(ScalarType.Byte).cpu().contiguous();
            using var truth = targets.to_type(ScalarType.Byte).cpu().contiguous();
            int height = (int)targets.shape[1], width = (int)targets.shape[2];
            for (int i = 0; i < targets.shape[0]; i++)
            {
                using var truthRow = truth[i];
                using var predictedRow = predicted[i];
                using var truthMap = LabelMap(truthRow, height, width);
                using var predictedMap = LabelMap(predictedRow, height, width);
                _confusion.Add(truthMap, predictedMap);
            }
        }

        public override ValidationResult Finish()
        {
            var metrics = SegmentationMetrics.From(_confusion);
            double miou = metrics.MeanIou ?? 0;
            return new ValidationResult(MeanLoss, miou, new Dictionary<string, double>
            {
                ["miou"] = miou, ["pixel_accuracy"] = metrics.PixelAccuracy ?? 0, ["loss"] = MeanLoss,
            });
        }

        /// <summary>The labels copied straight into a new Mat's pixels (no managed array in between).</summary>
        private static unsafe Mat LabelMap(Tensor labels, int height, int width)
        {
            var map = new Mat(height, width, MatType.CV_8UC1);
            using var values = labels.data<byte>();
            values.CopyTo(new Span<byte>(map.DataPointer, height * width));
            return map;
        }
    }
}
