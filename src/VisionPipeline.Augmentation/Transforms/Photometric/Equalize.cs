using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Histogram equalisation of the luma (Y of YCrCb).</summary>
public sealed class Equalize : PhotometricTransform<NoParams>
{
    public override string Name => "equalize";

    protected override NoParams Sample(Sample sample, AugmentContext context) => NoParams.Instance;

    public override Mat ApplyToImage(Mat image, NoParams p) => LightnessChannel.Transform(
        image, ColorConversionCodes.BGR2YCrCb, ColorConversionCodes.YCrCb2BGR, (src, dst) => Cv2.EqualizeHist(src, dst));
}
