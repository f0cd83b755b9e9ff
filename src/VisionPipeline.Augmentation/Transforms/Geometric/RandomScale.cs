using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

public sealed record ScaleParams(double Factor) : TransformParams;

/// <summary>Resize the whole image by a factor drawn from <see cref="Factor"/> (the output size changes).</summary>
public sealed class RandomScale(ValueRange factor) : GeometricTransform<ScaleParams>
{
    public ValueRange Factor { get; } = factor;
    public InterpolationFlags Interpolation { get; init; } = InterpolationFlags.Linear;

    public override string Name => "random_scale";

    protected override ScaleParams Sample(Sample sample, AugmentContext context) => new(context.Uniform(Factor));

    public override Warp CreateWarp(Sample sample, ScaleParams p)
    {
        int w = Math.Max(1, (int)Math.Round(sample.Width * p.Factor)), h = Math.Max(1, (int)Math.Round(sample.Height * p.Factor));
        return new ScalePadWarp(new Rect(0, 0, sample.Width, sample.Height), new Rect(0, 0, w, h), new Size(w, h),
            new BorderStyle(Interpolation));
    }
}
