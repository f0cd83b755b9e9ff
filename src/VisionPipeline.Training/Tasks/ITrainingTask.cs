using TorchSharp;
using VisionPipeline.Core.Tensors;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks;

public enum TaskKind { Classify, Detect, Segment }

/// <summary>
/// A task is a network, a loss and a metric: what the training loop needs to train one model and choose its best
/// epoch, and what the exporter needs to write the model the pipeline runs.
/// </summary>
public interface ITrainingTask
{
    TaskKind Kind { get; }

    IReadOnlyList<string> Classes { get; }

    /// <summary>The input the exported model takes (size and preprocessing: the default of the decoder that runs it).</summary>
    TensorSpec InputSpec { get; }

    /// <summary>The name of the validation metric that picks the best epoch (higher is better), e.g. "accuracy", "map50", "miou".</summary>
    string MetricName { get; }

    /// <summary>A new network for this task, its weights seeded by the global TorchSharp generator.</summary>
    nn.Module<Tensor, Tensor> CreateNetwork();

    /// <summary>The mean loss of a batch (the network in training mode); a scalar with its graph.</summary>
    Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch);

    /// <summary>Starts a validation pass: batches go in (the network in eval mode, no gradient), the metric comes out.</summary>
    IValidation StartValidation(nn.Module<Tensor, Tensor> network);

    /// <summary>Writes the model as ONNX; several members are averaged inside the one graph (bagging).</summary>
    void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata);
}

/// <summary>One validation pass over batches.</summary>
public interface IValidation
{
    /// <summary>Adds a batch; returns its mean loss.</summary>
    float Add(Batch batch);

    /// <summary>The mean loss and the metrics (the task's <see cref="ITrainingTask.MetricName"/> among them).</summary>
    ValidationResult Finish();
}

public sealed record ValidationResult(double Loss, double Metric, IReadOnlyDictionary<string, double> Metrics);
