using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Imaging.Preprocessing;

/// <summary>
/// Where a letterbox puts an image: fitted inside width×height keeping its aspect ratio, padded equally on both sides
/// (the odd pixel goes right/bottom), or only right and bottom when not centred.
/// </summary>
/// <param name="Content">The resized image's rectangle inside the letterbox.</param>
/// <param name="ToTensor">Image coordinates → letterbox coordinates.</param>
public readonly record struct LetterboxPlacement(Rect Content, AffineMap ToTensor)
{
    public static LetterboxPlacement Of(int sourceWidth, int sourceHeight, int width, int height, bool centered = true)
    {
        double scale = Math.Min((double)width / sourceWidth, (double)height / sourceHeight);
        int newW = Math.Clamp((int)Math.Round(sourceWidth * scale), 1, width);
        int newH = Math.Clamp((int)Math.Round(sourceHeight * scale), 1, height);
        int left = centered ? (width - newW) / 2 : 0, top = centered ? (height - newH) / 2 : 0;
        var map = AffineMap.Scale((double)newW / sourceWidth, (double)newH / sourceHeight).Then(AffineMap.Translation(left, top));
        return new LetterboxPlacement(new Rect(left, top, newW, newH), map);
    }
}
