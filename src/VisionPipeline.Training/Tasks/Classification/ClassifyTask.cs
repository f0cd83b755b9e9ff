using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Models.Classification;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Classification;

/// <summary>
/// Image classification: a <see cref="Classifier"/> (pretrained ResNet18 + new linear head; with
/// <see cref="TaskOptions.FreezeBackbone"/> a linear probe), cross-entropy loss, validation accuracy. Input: the
/// classify decoder's default (centre crop).
/// </summary>
public sealed class ClassifyTask(TaskOptions options) : ResNetTask(options, TaskKind.Classify, ResizeMode.CenterCrop, "accuracy")
{
    public override IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new AccuracyValidation(network, this);

    public override void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata) =>
        ClassifierExport.Save(path, TaskInputs.Members<Classifier>(members), Classes, InputSpec, metadata);

    protected override ResNetNetwork NewNetwork() => new Classifier(Classes.Count, InputSpec, Options.Dropout);

    protected override Tensor Targets(Batch batch) => batch.Labels ?? throw new ArgumentException("a classification batch needs labels");

    private sealed class AccuracyValidation(nn.Module<Tensor, Tensor> network, ClassifyTask task) : Validation(network, task)
    {
        private long _correct, _count;

        protected override void Count(Tensor logits, Tensor targets)
        {
            using var predicted = logits.argmax(1);
            using var right = predicted.eq(targets).sum();
            _correct += right.item<long>();
            _count += targets.shape[0];
        }

        public override ValidationResult Finish()
        {
            double accuracy = _count == 0 ? 0 : (double)_correct / _count;
            return new ValidationResult(MeanLoss, accuracy, new Dictionary<string, double> { ["accuracy"] = accuracy, ["loss"] = MeanLoss });
        }
    }
}
