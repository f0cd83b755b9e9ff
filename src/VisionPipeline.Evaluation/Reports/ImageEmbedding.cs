using OpenCvSharp;

namespace VisionPipeline.Evaluation.Reports;

/// <summary>An OpenCV image as an <c>&lt;img&gt;</c> with a JPEG data URI, scaled down to a thumbnail width.</summary>
public static class ImageEmbedding
{
    public static string Img(Mat image, string alt, int maxWidth = 560)
    {
        using var scaled = new Mat();
        if (image.Width > maxWidth)
            Cv2.Resize(image, scaled, new Size(maxWidth, (int)Math.Round(image.Height * (double)maxWidth / image.Width)), interpolation: InterpolationFlags.Area);
        else image.CopyTo(scaled);
        Cv2.ImEncode(".jpg", scaled, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        return $"<img alt=\"{HtmlReport.Escape(alt)}\" src=\"data:image/jpeg;base64,{Convert.ToBase64String(bytes)}\">";
    }
}
