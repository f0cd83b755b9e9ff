using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

public sealed record QualityParams(int Quality) : TransformParams;

/// <summary>Encode as JPEG at a random quality and decode again: compression artefacts.</summary>
public sealed class JpegCompression(int minQuality, int maxQuality) : PhotometricTransform<QualityParams>
{
    public int MinQuality { get; } = minQuality;
    public int MaxQuality { get; } = maxQuality;

    public override string Name => "jpeg";

    protected override QualityParams Sample(Sample sample, AugmentContext context) => new(context.UniformInt(MinQuality, MaxQuality));

    public override Mat ApplyToImage(Mat image, QualityParams p)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, p.Quality));
        return Cv2.ImDecode(bytes, image.Channels() == 1 ? ImreadModes.Grayscale : ImreadModes.Color);
    }
}
