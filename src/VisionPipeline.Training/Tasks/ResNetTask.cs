using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Models.Backbones;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks;

/// <summary>
/// What the classify and segment tasks share: a <see cref="ResNetNetwork"/> on the pretrained backbone (frozen on
/// request), ImageNet-normalised input, cross-entropy against the batch's targets, and a validation pass that runs the
/// network in eval mode without gradients and averages the loss.
/// </summary>
public abstract class ResNetTask(TaskOptions options, TaskKind kind, ResizeMode resize, string metricName) : ITrainingTask
{
    private readonly CrossEntropy _loss = new(options);

    protected TaskOptions Options => options;

    public TaskKind Kind => kind;

    public IReadOnlyList<string> Classes => options.Classes;

    /// <summary>The decoder's default: RGB 0–1, ImageNet mean and std, square at <see cref="TaskOptions.ImageSize"/>.</summary>
    public TensorSpec InputSpec { get; } = TaskInputs.ImageNet(options.ImageSize, resize);

    public string MetricName => metricName;

    public nn.Module<Tensor, Tensor> CreateNetwork()
    {
        var network = NewNetwork();
        if (options.PretrainedBackbone is { } path) ResNet18Weights.Load(network.Backbone, path);
        if (options.FreezeBackbone) network.FreezeBackbone();
        return network;
    }

    public Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch)
    {
        using var logits = network.forward(batch.Images);
        return _loss.Loss(logits, Targets(batch));
    }

    public abstract IValidation StartValidation(nn.Module<Tensor, Tensor> network);

    public abstract void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata);

    /// <summary>A new network with a random head and backbone (the pretrained weights are loaded after).</summary>
    protected abstract ResNetNetwork NewNetwork();

    /// <summary>The batch's class indices (labels or masks), or an error saying what is missing.</summary>
    protected abstract Tensor Targets(Batch batch);

    /// <summary>A validation pass: the network in eval mode, each batch's outputs counted by <see cref="Count"/>.</summary>
    protected abstract class Validation : IValidation
    {
        private readonly nn.Module<Tensor, Tensor> _network;
        private readonly ResNetTask _task;
        private readonly LossAverage _loss = new();

        protected Validation(nn.Module<Tensor, Tensor> network, ResNetTask task)
        {
            (_network, _task) = (network, task);
            network.eval();
        }

        /// <summary>The mean loss of the batches so far, weighted by their sizes.</summary>
        protected double MeanLoss => _loss.Mean;

        public float Add(Batch batch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var targets = _task.Targets(batch);
            var logits = _network.forward(batch.Images);
            Count(logits, targets);
            return _loss.Add(_task._loss.Loss(logits, targets), batch.Count);
        }

        /// <summary>Adds a batch's outputs and targets to the metric.</summary>
        protected abstract void Count(Tensor logits, Tensor targets);

        public abstract ValidationResult Finish();
    }
}
