using OpenCvSharp;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Datasets.Formats.MaskFolder;

/// <summary>Single-channel 8-bit label maps: pixel = class value, 0 = background, 255 = ignore.</summary>
internal static class LabelMap
{
    public const byte Background = 0;
    public const byte Ignore = 255;

    public static Mat Load(string path, string shownPath)
    {
        var map = Cv2.ImRead(path, ImreadModes.Unchanged);
        if (map.Empty())
        {
            map.Dispose();
            throw new VisionException(shownPath, "cannot read the mask (missing, corrupt or an unsupported format)");
        }
        if (map.Type() != MatType.CV_8UC1)
        {
            var type = map.Type();
            map.Dispose();
            throw new VisionException(shownPath, $"mask must be a single-channel 8-bit label map, got {type}");
        }
        return map;
    }

    /// <summary>Which of the 256 values occur in the map.</summary>
    public static bool[] ValuesPresent(Mat map)
    {
        using var histogram = new Mat();
        Cv2.CalcHist([map], [0], null, histogram, 1, [256], [new Rangef(0, 256)]);
        histogram.GetArray(out float[] bins);
        return bins.Select(b => b > 0).ToArray();
    }
}
