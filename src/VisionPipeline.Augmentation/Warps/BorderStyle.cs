using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>How a warp resamples the image and fills the pixels it uncovers.</summary>
public sealed record BorderStyle(
    InterpolationFlags Interpolation = InterpolationFlags.Linear,
    BorderTypes Border = BorderTypes.Constant,
    byte Fill = 0)
{
    public static BorderStyle Default { get; } = new();

    public Scalar FillScalar => Scalar.All(Fill);
}
