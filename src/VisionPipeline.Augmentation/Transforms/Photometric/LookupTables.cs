using OpenCvSharp;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>256-entry tables applied with cv::LUT.</summary>
internal static class LookupTables
{
    public static Mat Apply(Mat image, Func<int, double> curve)
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++) table[i] = (byte)Math.Clamp(Math.Round(curve(i)), 0, 255);
        var output = new Mat();
        Cv2.LUT(image, table, output);
        return output;
    }

    /// <summary>A CV_8UC3 table: each channel of the image through its own curve.</summary>
    public static Mat PerChannel(Func<int, int>[] curves)
    {
        var table = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
            for (int c = 0; c < 3; c++)
                table[i * 3 + c] = (byte)Math.Clamp(curves[c](i), 0, 255);
        return Mat.FromPixelData(1, 256, MatType.CV_8UC3, table).Clone();
    }
}
