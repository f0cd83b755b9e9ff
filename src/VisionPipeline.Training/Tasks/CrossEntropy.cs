using TorchSharp;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks;

/// <summary>
/// The classify and segment loss: cross-entropy with the options' label smoothing and per-class weights, targets of
/// <see cref="Batch.IgnoreIndex"/> counting for nothing.
/// </summary>
public sealed class CrossEntropy(TaskOptions options)
{
    private readonly float[]? _weights = Checked(options);

    /// <summary>
    /// The mean loss of logits [N, C, …] against class indices [N, …] over the targets not ignored; zero (with a
    /// graph, not NaN) when every target is ignored.
    /// </summary>
    public Tensor Loss(Tensor logits, Tensor targets)
    {
        using (var labelled = targets.ne(Batch.IgnoreIndex).any())
            if (!labelled.item<bool>()) return logits.sum() * 0;
        using var weights = _weights is null ? null : tensor(_weights, device: logits.device);
        return nn.functional.cross_entropy(logits, targets, weights, ignore_index: Batch.IgnoreIndex, label_smoothing: options.LabelSmoothing);
    }

    private static float[]? Checked(TaskOptions options)
    {
        if (options.ClassWeights is { } weights && weights.Length != options.Classes.Count)
            throw new ArgumentException($"{weights.Length} class weights for {options.Classes.Count} classes: give one weight per class");
        return options.ClassWeights;
    }
}

/// <summary>The running mean of batch losses, each weighted by its batch's size.</summary>
internal sealed class LossAverage
{
    private double _sum;
    private long _count;

    public float Add(Tensor loss, int count)
    {
        float value = loss.item<float>();
        _sum += (double)value * count;
        _count += count;
        return value;
    }

    public double Mean => _count == 0 ? 0 : _sum / _count;
}
