using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Grey, kept in three channels.</summary>
public sealed class ToGray : PhotometricTransform<NoParams>
{
    public override string Name => "grayscale";

    protected override NoParams Sample(Sample sample, AugmentContext context) => NoParams.Instance;

    public override Mat ApplyToImage(Mat image, NoParams p)
    {
        if (image.Channels() == 1) return image.Clone();
        using var gray = new Mat();
        Cv2.CvtColor(image, gray, ColorConversionCodes.BGR2GRAY);
        var output = new Mat();
        Cv2.CvtColor(gray, output, ColorConversionCodes.GRAY2BGR);
        return output;
    }
}
