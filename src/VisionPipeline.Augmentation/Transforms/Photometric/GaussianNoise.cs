using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Noise standard deviation in grey levels and the seed of OpenCV's generator that draws it.</summary>
public sealed record NoiseParams(double Std, ulong Seed) : TransformParams;

/// <summary>Independent Gaussian noise on every pixel and channel, added with saturation.</summary>
public sealed class GaussianNoise(ValueRange std) : PhotometricTransform<NoiseParams>
{
    public ValueRange Std { get; } = std;

    public override string Name => "gaussian_noise";

    protected override NoiseParams Sample(Sample sample, AugmentContext context) => new(context.Uniform(Std), context.NextSeed());

    public override Mat ApplyToImage(Mat image, NoiseParams p)
    {
        using var noise = new Mat(image.Size(), MatType.CV_16SC(image.Channels()));
        new RNG(p.Seed).Fill(noise, DistributionType.Normal, InputArray.Create(0.0), InputArray.Create(p.Std));
        var output = new Mat();
        Cv2.Add(image, noise, output, null, image.Type().Value);
        return output;
    }
}
