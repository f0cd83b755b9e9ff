using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

public sealed record SharpenParams(double Alpha, double Lightness) : TransformParams;

/// <summary>
/// Albumentations' sharpen: the identity kernel blended (by Alpha) with a Laplacian-style kernel whose centre is
/// 8 + Lightness; one filter2D call.
/// </summary>
public sealed class Sharpen(ValueRange alpha, ValueRange lightness) : PhotometricTransform<SharpenParams>
{
    public ValueRange Alpha { get; } = alpha;
    public ValueRange Lightness { get; } = lightness;

    public override string Name => "sharpen";

    protected override SharpenParams Sample(Sample sample, AugmentContext context) => new(context.Uniform(Alpha), context.Uniform(Lightness));

    public override Mat ApplyToImage(Mat image, SharpenParams p)
    {
        var k = new float[9];
        for (int i = 0; i < 9; i++) k[i] = (float)(p.Alpha * -1);
        k[4] = (float)((1 - p.Alpha) + p.Alpha * (8 + p.Lightness));
        using var kernel = Mat.FromPixelData(3, 3, MatType.CV_32FC1, k);
        var output = new Mat();
        Cv2.Filter2D(image, output, -1, kernel);
        return output;
    }
}
