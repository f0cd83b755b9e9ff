using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>Stretch to Width×Height.</summary>
public sealed class Resize(int width, int height) : GeometricTransform<NoParams>
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public InterpolationFlags Interpolation { get; init; } = InterpolationFlags.Linear;

    public override string Name => "resize";

    protected override NoParams Sample(Sample sample, AugmentContext context) => NoParams.Instance;

    public override Warp CreateWarp(Sample sample, NoParams parameters) => new ScalePadWarp(
        new Rect(0, 0, sample.Width, sample.Height), new Rect(0, 0, Width, Height), new Size(Width, Height),
        new BorderStyle(Interpolation));
}
