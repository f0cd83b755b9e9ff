using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms;

/// <summary>A transform that moves pixels: its parameters become one <see cref="Warp"/> applied to every target.</summary>
public abstract class GeometricTransform<TParams> : Transform<TParams> where TParams : TransformParams
{
    public abstract Warp CreateWarp(Sample sample, TParams parameters);

    public sealed override void Apply(Sample sample, TParams parameters, AugmentContext context)
    {
        using var warp = CreateWarp(sample, parameters);
        WarpApplier.Apply(sample, warp, context.Rules);
    }
}
