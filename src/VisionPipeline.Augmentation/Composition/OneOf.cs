using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Transforms;

namespace VisionPipeline.Augmentation.Composition;

/// <summary>Exactly one child, chosen with weights proportional to the children's probabilities, then always applied.</summary>
public sealed class OneOf : TransformNode
{
    private readonly double[] _cumulative;

    public OneOf(IReadOnlyList<TransformNode> children)
    {
        if (children.Count == 0) throw new ArgumentException("one_of needs at least one transform.", nameof(children));
        Children = children;
        _cumulative = new double[children.Count];
        double total = 0;
        for (int i = 0; i < children.Count; i++) _cumulative[i] = total += children[i].Probability;
    }

    public IReadOnlyList<TransformNode> Children { get; }

    protected override void RunChosen(Sample sample, AugmentContext context)
    {
        double total = _cumulative[^1];
        int chosen = Children.Count - 1;
        if (total > 0)
        {
            double draw = context.Random.NextDouble() * total;
            chosen = Array.FindIndex(_cumulative, c => draw < c);
            if (chosen < 0) chosen = Children.Count - 1;
        }
        else
        {
            chosen = context.Random.Next(Children.Count);
        }
        Children[chosen].Run(sample, context, force: true);
    }

    public override IEnumerable<Transform> Leaves() => Children.SelectMany(c => c.Leaves());
}
