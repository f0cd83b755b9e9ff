using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

public sealed record ClaheParams(double ClipLimit) : TransformParams;

/// <summary>Contrast-limited adaptive histogram equalisation of the lightness (L of Lab).</summary>
public sealed class Clahe(ValueRange clipLimit, int tiles = 8) : PhotometricTransform<ClaheParams>
{
    public ValueRange ClipLimit { get; } = clipLimit;
    public int Tiles { get; } = tiles;

    public override string Name => "clahe";

    protected override ClaheParams Sample(Sample sample, AugmentContext context) => new(context.Uniform(ClipLimit));

    public override Mat ApplyToImage(Mat image, ClaheParams p)
    {
        using var clahe = Cv2.CreateCLAHE(p.ClipLimit, new Size(Tiles, Tiles));
        return LightnessChannel.Transform(image, ColorConversionCodes.BGR2Lab, ColorConversionCodes.Lab2BGR, (src, dst) => clahe.Apply(src, dst));
    }
}
