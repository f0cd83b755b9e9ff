using OpenCvSharp;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Graph.Nodes.Stages;

/// <summary>The deterministic OpenCV transforms a pipeline can use as stages. Each returns the new image and its map.</summary>
public static class ImageStages
{
    public static (Mat, AffineMap) Resize(Mat image, int width, int height, double scale, InterpolationFlags interpolation)
    {
        int w = width > 0 ? width : Math.Max(1, (int)Math.Round(image.Width * scale));
        int h = height > 0 ? height : Math.Max(1, (int)Math.Round(image.Height * scale));
        var prepared = ImageResizer.Stretch(image, w, h, interpolation);
        return (prepared.Image, prepared.ToTensor);
    }

    public static (Mat, AffineMap) Letterbox(Mat image, int width, int height, byte pad, bool topLeft)
    {
        var prepared = ImageResizer.Prepare(image, width, height, topLeft ? ResizeMode.LetterboxTopLeft : ResizeMode.Letterbox, pad);
        return (prepared.Image, prepared.ToTensor);
    }

    /// <summary>Cuts a rectangle (clipped to the image); the map is a translation.</summary>
    public static (Mat, AffineMap) CropRegion(Mat image, int x, int y, int width, int height)
    {
        var rect = new Rect(x, y, width, height).Intersect(new Rect(0, 0, image.Width, image.Height));
        if (rect.Width <= 0 || rect.Height <= 0)
            throw new Core.Errors.VisionException(null, $"crop region ({x},{y},{width}×{height}) lies outside the {image.Width}×{image.Height} image");
        return (new Mat(image, rect).Clone(), AffineMap.Translation(-rect.X, -rect.Y));
    }

    /// <summary>Rotates counter-clockwise by any angle about the centre; with <paramref name="expand"/>, the canvas grows to keep every pixel.</summary>
    public static (Mat, AffineMap) Rotate(Mat image, double degrees, bool expand, BorderTypes border)
    {
        double radians = degrees * Math.PI / 180, cos = Math.Cos(radians), sin = Math.Sin(radians);
        double w = image.Width, h = image.Height;
        double newW = expand ? Math.Abs(w * cos) + Math.Abs(h * sin) : w;
        double newH = expand ? Math.Abs(w * sin) + Math.Abs(h * cos) : h;
        int outW = Math.Max(1, (int)Math.Round(newW)), outH = Math.Max(1, (int)Math.Round(newH));
        // Continuous coordinates: move the centre to the origin, rotate (y down, so counter-clockwise on screen), move to the new centre.
        var map = AffineMap.Translation(-w / 2, -h / 2)
            .Then(new AffineMap(cos, sin, 0, -sin, cos, 0))
            .Then(AffineMap.Translation(outW / 2.0, outH / 2.0));
        using var matrix = map.ToWarpMatrix();
        var output = new Mat();
        Cv2.WarpAffine(image, output, matrix, new Size(outW, outH), InterpolationFlags.Linear, border);
        return (output, map);
    }

    /// <summary>A colour conversion that keeps three channels, so any model can still read the result.</summary>
    public static (Mat, AffineMap) Color(Mat image, ColorSpace to)
    {
        var output = new Mat();
        switch (to)
        {
            case ColorSpace.Gray:
                using (var gray = new Mat())
                {
                    Cv2.CvtColor(image, gray, ColorConversionCodes.BGR2GRAY);
                    Cv2.CvtColor(gray, output, ColorConversionCodes.GRAY2BGR);
                }
                break;
            case ColorSpace.Rgb: Cv2.CvtColor(image, output, ColorConversionCodes.BGR2RGB); break;
            case ColorSpace.Hsv: Cv2.CvtColor(image, output, ColorConversionCodes.BGR2HSV); break;
            case ColorSpace.Lab: Cv2.CvtColor(image, output, ColorConversionCodes.BGR2Lab); break;
            case ColorSpace.Ycrcb: Cv2.CvtColor(image, output, ColorConversionCodes.BGR2YCrCb); break;
            default: throw new ArgumentException($"unknown colour conversion '{to}'");
        }
        return (output, AffineMap.Identity);
    }

    /// <summary>Stretches intensities so the darkest value becomes <paramref name="low"/> and the brightest <paramref name="high"/>.</summary>
    public static (Mat, AffineMap) Normalize(Mat image, double low, double high)
    {
        var output = new Mat();
        Cv2.Normalize(image, output, low, high, NormTypes.MinMax);
        return (output, AffineMap.Identity);
    }

    /// <summary>Contrast-limited adaptive histogram equalisation on the lightness channel (Lab), colours kept.</summary>
    public static (Mat, AffineMap) Clahe(Mat image, double clipLimit, int tiles)
    {
        using var lab = new Mat();
        Cv2.CvtColor(image, lab, ColorConversionCodes.BGR2Lab);
        var channels = Cv2.Split(lab);
        try
        {
            using var clahe = Cv2.CreateCLAHE(clipLimit, new Size(tiles, tiles));
            clahe.Apply(channels[0], channels[0]);
            Cv2.Merge(channels, lab);
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
        var output = new Mat();
        Cv2.CvtColor(lab, output, ColorConversionCodes.Lab2BGR);
        return (output, AffineMap.Identity);
    }

    public static (Mat, AffineMap) Denoise(Mat image, float strength)
    {
        var output = new Mat();
        Cv2.FastNlMeansDenoisingColored(image, output, strength, strength, 7, 21);
        return (output, AffineMap.Identity);
    }

    public static (Mat, AffineMap) Blur(Mat image, BlurType type, int kernel, double sigma)
    {
        var output = new Mat();
        switch (type)
        {
            case BlurType.Median: Cv2.MedianBlur(image, output, kernel); break;
            case BlurType.Box: Cv2.Blur(image, output, new Size(kernel, kernel)); break;
            default: Cv2.GaussianBlur(image, output, new Size(kernel, kernel), sigma); break;
        }
        return (output, AffineMap.Identity);
    }
}
