using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>The seed of OpenCV's generator that draws the displacement field.</summary>
public sealed record ElasticParams(ulong Seed) : TransformParams;

/// <summary>
/// Simard's elastic distortion: uniform noise in [−1, 1] smoothed by a Gaussian of <see cref="Sigma"/> pixels and
/// scaled by <see cref="Alpha"/> displaces every pixel.
/// </summary>
public sealed class ElasticDistortion(double alpha, double sigma, BorderStyle? style = null) : GeometricTransform<ElasticParams>
{
    public double Alpha { get; } = alpha;
    public double Sigma { get; } = sigma;
    public BorderStyle Style { get; } = style ?? BorderStyle.Default;

    public override string Name => "elastic";

    protected override ElasticParams Sample(Sample sample, AugmentContext context) => new(context.NextSeed());

    public override Warp CreateWarp(Sample sample, ElasticParams p) =>
        ElasticWarp.Create(sample.Image.Size(), Alpha, Sigma, p.Seed, Style);
}
