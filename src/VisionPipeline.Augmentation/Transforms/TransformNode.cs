using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>A transform or a composition of transforms, applied with probability <see cref="Probability"/>.</summary>
public abstract class TransformNode
{
    public double Probability { get; set; } = 1;

    /// <summary>Applies the node to <paramref name="sample"/>, first drawing against its probability unless <paramref name="force"/>.</summary>
    public void Run(Sample sample, AugmentContext context, bool force = false)
    {
        // Drawing only for probabilities below 1 keeps transforms that always apply from consuming randomness.
        if (!force && Probability < 1 && context.Random.NextDouble() >= Probability) return;
        RunChosen(sample, context);
    }

    protected abstract void RunChosen(Sample sample, AugmentContext context);

    /// <summary>The leaf transforms under this node, depth first.</summary>
    public abstract IEnumerable<Transform> Leaves();
}
