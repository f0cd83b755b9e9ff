using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Hue noise (fraction of the hue circle), lightness noise (fraction of the lightness spread) and the seed.</summary>
public sealed record IsoNoiseParams(double ColorShift, double Intensity, ulong Seed) : TransformParams;

/// <summary>
/// Camera sensor noise at high ISO: Gaussian noise on the hue (wrapping around the circle) and on the lightness
/// (in proportion to the image's own lightness spread), in HLS.
/// </summary>
public sealed class IsoNoise(ValueRange colorShift, ValueRange intensity) : PhotometricTransform<IsoNoiseParams>
{
    public ValueRange ColorShift { get; } = colorShift;
    public ValueRange Intensity { get; } = intensity;

    public override string Name => "iso_noise";

    protected override IsoNoiseParams Sample(Sample sample, AugmentContext context) =>
        new(context.Uniform(ColorShift), context.Uniform(Intensity), context.NextSeed());

    public override Mat ApplyToImage(Mat image, IsoNoiseParams p)
    {
        if (image.Channels() != 3) return image.Clone();
        var rng = new RNG(p.Seed);
        using var hls = new Mat();
        Cv2.CvtColor(image, hls, ColorConversionCodes.BGR2HLS_FULL);
        var channels = Cv2.Split(hls);
        try
        {
            Cv2.MeanStdDev(channels[1], out _, out var spread);
            using var hueNoise = new Mat(image.Size(), MatType.CV_16SC1);
            using var lightNoise = new Mat(image.Size(), MatType.CV_16SC1);
            rng.Fill(hueNoise, DistributionType.Normal, InputArray.Create(0.0), InputArray.Create(p.ColorShift * 256));
            rng.Fill(lightNoise, DistributionType.Normal, InputArray.Create(0.0), InputArray.Create(p.Intensity * spread.Val0));

            using var hue = new Mat();
            channels[0].ConvertTo(hue, MatType.CV_16SC1);
            Cv2.Add(hue, hueNoise, hue);
            // Two's complement: the low byte of a 16-bit sum is the hue modulo 256 (HLS_FULL hue spans 0–255).
            Cv2.BitwiseAnd(hue, Scalar.All(255), hue);
            hue.ConvertTo(channels[0], MatType.CV_8UC1);
            Cv2.Add(channels[1], lightNoise, channels[1], null, MatType.CV_8UC1.Value);

            Cv2.Merge(channels, hls);
            var output = new Mat();
            Cv2.CvtColor(hls, output, ColorConversionCodes.HLS2BGR_FULL);
            return output;
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }
}
