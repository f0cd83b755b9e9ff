using OpenCvSharp;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Runs an operation on the lightness channel (channel 0 of a colour space) of a colour image, or on a grey image.</summary>
internal static class LightnessChannel
{
    public static Mat Transform(Mat image, ColorConversionCodes to, ColorConversionCodes back, Action<Mat, Mat> operation)
    {
        var output = new Mat();
        if (image.Channels() == 1)
        {
            operation(image, output);
            return output;
        }
        using var converted = new Mat();
        using var channel = new Mat();
        using var changed = new Mat();
        Cv2.CvtColor(image, converted, to);
        Cv2.ExtractChannel(converted, channel, 0);
        operation(channel, changed);
        Cv2.InsertChannel(changed, converted, 0);
        Cv2.CvtColor(converted, output, back);
        return output;
    }
}
