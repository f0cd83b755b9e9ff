using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;

namespace VisionPipeline.Augmentation.Composition;

/// <summary>N distinct children drawn uniformly, applied in the order they are listed, each always applied.</summary>
public sealed class SomeOf : TransformNode
{
    public SomeOf(int count, IReadOnlyList<TransformNode> children)
    {
        if (count < 0 || count > children.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"some_of picks between 0 and {children.Count} transforms, not {count}.");
        Count = count;
        Children = children;
    }

    public int Count { get; }
    public IReadOnlyList<TransformNode> Children { get; }

    protected override void RunChosen(Sample sample, AugmentContext context)
    {
        Span<int> order = stackalloc int[Children.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        context.Random.Shuffle(order);
        var chosen = order[..Count];
        chosen.Sort();
        foreach (int i in chosen) Children[i].Run(sample, context, force: true);
    }

    public override IEnumerable<Transform> Leaves() => Children.SelectMany(c => c.Leaves());
}
