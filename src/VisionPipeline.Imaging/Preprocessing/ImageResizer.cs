using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Imaging.Preprocessing;

/// <summary>Stretch, letterbox and centre-crop resizes that record the exact map they applied.</summary>
public static class ImageResizer
{
    public static PreparedImage Prepare(Mat source, int width, int height, ResizeMode mode, byte padValue = 0,
        InterpolationFlags interpolation = InterpolationFlags.Linear) => mode switch
    {
        ResizeMode.Stretch => Stretch(source, width, height, interpolation),
        ResizeMode.Letterbox => Letterbox(source, width, height, padValue, interpolation),
        ResizeMode.LetterboxTopLeft => Letterbox(source, width, height, padValue, interpolation, centered: false),
        ResizeMode.CenterCrop => CenterCrop(source, width, height, interpolation),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static PreparedImage Stretch(Mat source, int width, int height, InterpolationFlags interpolation = InterpolationFlags.Linear)
    {
        var map = AffineMap.Scale((double)width / source.Width, (double)height / source.Height);
        var resized = new Mat();
        Cv2.Resize(source, resized, new Size(width, height), 0, 0, interpolation);
        return new PreparedImage(resized, map);
    }

    /// <summary>
    /// Fit inside width×height keeping the aspect ratio; pad equally on both sides (the odd pixel goes right/bottom),
    /// or only right and bottom when not <paramref name="centered"/>.
    /// </summary>
    public static PreparedImage Letterbox(Mat source, int width, int height, byte padValue = 0,
        InterpolationFlags interpolation = InterpolationFlags.Linear, bool centered = true)
    {
        var place = LetterboxPlacement.Of(source.Width, source.Height, width, height, centered);
        var output = new Mat(height, width, source.Type(), Scalar.All(padValue));
        using (var roi = new Mat(output, place.Content))
            Cv2.Resize(source, roi, place.Content.Size, 0, 0, interpolation);
        return new PreparedImage(output, place.ToTensor);
    }

    /// <summary>Cover width×height keeping the aspect ratio, then cut the centre.</summary>
    public static PreparedImage CenterCrop(Mat source, int width, int height, InterpolationFlags interpolation = InterpolationFlags.Linear)
    {
        double scale = Math.Max((double)width / source.Width, (double)height / source.Height);
        int newW = Math.Max(width, (int)Math.Round(source.Width * scale));
        int newH = Math.Max(height, (int)Math.Round(source.Height * scale));
        int left = (newW - width) / 2, top = (newH - height) / 2;
        var map = AffineMap.Scale((double)newW / source.Width, (double)newH / source.Height)
            .Then(AffineMap.Translation(-left, -top));

        using var covered = new Mat();
        Cv2.Resize(source, covered, new Size(newW, newH), 0, 0, interpolation);
        var output = new Mat(covered, new Rect(left, top, width, height)).Clone();
        return new PreparedImage(output, map);
    }
}
