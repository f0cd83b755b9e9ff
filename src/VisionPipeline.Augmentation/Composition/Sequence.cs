using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;

namespace VisionPipeline.Augmentation.Composition;

/// <summary>Every child in order, each with its own probability.</summary>
public sealed class Sequence(IReadOnlyList<TransformNode> children) : TransformNode
{
    public IReadOnlyList<TransformNode> Children { get; } = children;

    protected override void RunChosen(Sample sample, AugmentContext context)
    {
        foreach (var child in Children) child.Run(sample, context);
    }

    public override IEnumerable<Transform> Leaves() => Children.SelectMany(c => c.Leaves());
}
