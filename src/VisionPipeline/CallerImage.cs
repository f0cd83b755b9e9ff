using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Frames;

namespace VisionPipeline;

/// <summary>An image a caller hands the pipeline as a <see cref="Mat"/>.</summary>
internal static class CallerImage
{
    /// <summary>A frame over the image: borrowed as it is when 8-bit BGR, else converted into a copy the frame owns.</summary>
    /// <exception cref="VisionException">the image is empty, or not 8-bit with 1, 3 or 4 channels</exception>
    public static Frame AsFrame(Mat image, string name, long index)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.IsDisposed || image.Empty()) throw new VisionException(name, "empty image");
        if (image.Depth() != MatType.CV_8U || image.Channels() is not (1 or 3 or 4))
            throw new VisionException(name, $"expected an 8-bit image with 1, 3 or 4 channels, got {image.Type()}");
        if (image.Channels() == 3) return new Frame(image, name, name, index, ownsImage: false);
        var bgr = new Mat();
        Cv2.CvtColor(image, bgr, image.Channels() == 1 ? ColorConversionCodes.GRAY2BGR : ColorConversionCodes.BGRA2BGR);
        return new Frame(bgr, name, name, index);
    }
}
