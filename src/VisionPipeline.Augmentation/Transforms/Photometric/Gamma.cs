using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

public sealed record GammaParams(double Gamma) : TransformParams;

/// <summary>out = 255 · (in / 255)^γ through a lookup table.</summary>
public sealed class Gamma(ValueRange gamma) : PhotometricTransform<GammaParams>
{
    public ValueRange Range { get; } = gamma;

    public override string Name => "gamma";

    protected override GammaParams Sample(Sample sample, AugmentContext context) => new(context.Uniform(Range));

    public override Mat ApplyToImage(Mat image, GammaParams p) => LookupTables.Apply(image, v => 255 * Math.Pow(v / 255.0, p.Gamma));
}
