using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Models.Backbones;
using VisionPipeline.Training.Models.Classification;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks.Classification;

/// <summary>
/// Image classification: a <see cref="Classifier"/> (pretrained ResNet18 + new linear head; with
/// <see cref="TaskOptions.FreezeBackbone"/> a linear probe), cross-entropy loss, validation accuracy.
/// </summary>
public sealed class ClassifyTask(TaskOptions options) : ITrainingTask
{
    private readonly CrossEntropy _loss = new(options);

    public TaskKind Kind => TaskKind.Classify;

    public IReadOnlyList<string> Classes => options.Classes;

    /// <summary>The classify decoder's default: centre crop, RGB 0–1, ImageNet mean and std.</summary>
    public TensorSpec InputSpec { get; } = TaskInputs.ImageNet(options.ImageSize, ResizeMode.CenterCrop);

    public string MetricName => "accuracy";

    public nn.Module<Tensor, Tensor> CreateNetwork()
    {
        var network = new Classifier(options.Classes.Count, InputSpec, options.Dropout);
        if (options.PretrainedBackbone is { } path) ResNet18Weights.Load(network.Backbone, path);
        if (options.FreezeBackbone) network.FreezeBackbone();
        return network;
    }

    public Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch)
    {
        using var logits = network.forward(batch.Images);
        return _loss.Loss(logits, Labels(batch));
    }

    public IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new Validation(network, this);

    public void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata) =>
        ClassifierExport.Save(path, TaskInputs.Members<Classifier>(members), options.Classes, InputSpec, metadata);

    private static Tensor Labels(Batch batch) => batch.Labels ?? throw new ArgumentException("a classification batch needs labels");

    private sealed class Validation : IValidation
    {
        private readonly nn.Module<Tensor, Tensor> _network;
        private readonly ClassifyTask _task;
        private readonly LossAverage _loss = new();
        private long _correct, _count;

        public Validation(nn.Module<Tensor, Tensor> network, ClassifyTask task)
        {
            (_network, _task) = (network, task);
            network.eval();
        }

        public float Add(Batch batch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var labels = Labels(batch);
            var logits = _network.forward(batch.Images);
            _correct += logits.argmax(1).eq(labels).sum().item<long>();
            _count += batch.Count;
            return _loss.Add(_task._loss.Loss(logits, labels), batch.Count);
        }

        public ValidationResult Finish()
        {
            double accuracy = _count == 0 ? 0 : (double)_correct / _count;
            return new ValidationResult(_loss.Mean, accuracy, new Dictionary<string, double> { ["accuracy"] = accuracy, ["loss"] = _loss.Mean });
        }
    }
}
