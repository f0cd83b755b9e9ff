using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

public sealed record RotateParams(double Angle) : TransformParams;

/// <summary>Rotate about the centre by an angle drawn from <see cref="Angle"/> (degrees, counter-clockwise); same size.</summary>
public sealed class Rotate(ValueRange angle, BorderStyle? style = null) : GeometricTransform<RotateParams>
{
    public override string Name => "rotate";
    public ValueRange Angle { get; } = angle;
    public BorderStyle Style { get; } = style ?? BorderStyle.Default;

    protected override RotateParams Sample(Sample sample, AugmentContext context) => new(context.Uniform(Angle));

    public override Warp CreateWarp(Sample sample, RotateParams parameters) => new AffineWarp(
        CenteredAffine.Build(sample.Width / 2.0, sample.Height / 2.0, parameters.Angle, 1), sample.Image.Size(), Style);
}
