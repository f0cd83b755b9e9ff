using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>Mirror left–right: x → W − x.</summary>
public sealed class HorizontalFlip : GeometricTransform<NoParams>
{
    public override string Name => "horizontal_flip";
    protected override NoParams Sample(Sample sample, AugmentContext context) => NoParams.Instance;
    public override Warp CreateWarp(Sample sample, NoParams parameters) => new FlipWarp(sample.Image.Size(), FlipMode.Y);
}

/// <summary>Mirror top–bottom: y → H − y.</summary>
public sealed class VerticalFlip : GeometricTransform<NoParams>
{
    public override string Name => "vertical_flip";
    protected override NoParams Sample(Sample sample, AugmentContext context) => NoParams.Instance;
    public override Warp CreateWarp(Sample sample, NoParams parameters) => new FlipWarp(sample.Image.Size(), FlipMode.X);
}
