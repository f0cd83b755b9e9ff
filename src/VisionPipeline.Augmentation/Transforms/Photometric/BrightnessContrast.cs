using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>out = in · Alpha + Beta (Beta in grey levels).</summary>
public sealed record LinearParams(double Alpha, double Beta) : TransformParams;

/// <summary>Contrast 1 + c and brightness b·255, c and b drawn from their ranges; one convertTo call.</summary>
public sealed class BrightnessContrast(ValueRange brightness, ValueRange contrast) : PhotometricTransform<LinearParams>
{
    public ValueRange Brightness { get; } = brightness;
    public ValueRange Contrast { get; } = contrast;

    public override string Name => "brightness_contrast";

    protected override LinearParams Sample(Sample sample, AugmentContext context) =>
        new(1 + context.Uniform(Contrast), 255 * context.Uniform(Brightness));

    public override Mat ApplyToImage(Mat image, LinearParams p)
    {
        var output = new Mat();
        image.ConvertTo(output, -1, p.Alpha, p.Beta);
        return output;
    }
}
