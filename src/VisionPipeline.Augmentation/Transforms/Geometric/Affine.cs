using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>Translations are fractions of the image's width and height; angles in degrees.</summary>
public sealed record AffineParams(double Scale, double TranslateX, double TranslateY, double Angle, double ShearX, double ShearY) : TransformParams;

/// <summary>Scale, translate, rotate and shear about the centre, in one warp; same size.</summary>
public sealed class Affine : GeometricTransform<AffineParams>
{
    public ValueRange Scale { get; init; } = ValueRange.Fixed(1);
    public ValueRange Translate { get; init; } = ValueRange.Fixed(0);
    public ValueRange Angle { get; init; } = ValueRange.Fixed(0);
    public ValueRange Shear { get; init; } = ValueRange.Fixed(0);
    public BorderStyle Style { get; init; } = BorderStyle.Default;

    public override string Name => "affine";

    protected override AffineParams Sample(Sample sample, AugmentContext context) => new(
        context.Uniform(Scale), context.Uniform(Translate), context.Uniform(Translate),
        context.Uniform(Angle), context.Uniform(Shear), context.Uniform(Shear));

    public override Warp CreateWarp(Sample sample, AffineParams p) => new AffineWarp(
        CenteredAffine.Build(sample.Width / 2.0, sample.Height / 2.0, p.Angle, p.Scale, p.ShearX, p.ShearY,
            p.TranslateX * sample.Width, p.TranslateY * sample.Height),
        sample.Image.Size(), Style);
}
