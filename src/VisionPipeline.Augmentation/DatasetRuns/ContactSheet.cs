using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>Augmented samples drawn with their targets (translucent masks and label maps, polygons, boxes, keypoints), tiled into one image.</summary>
public static class ContactSheet
{
    private const int Tile = 320;

    private static readonly Scalar[] Palette =
    [
        new(56, 56, 255), new(151, 157, 255), new(31, 112, 255), new(29, 178, 255), new(49, 210, 207), new(10, 249, 72),
        new(23, 204, 146), new(134, 219, 61), new(52, 147, 26), new(187, 212, 0), new(168, 153, 44), new(255, 194, 0),
    ];

    private static Scalar ColorOf(long category) => Palette[(int)((category % Palette.Length + Palette.Length) % Palette.Length)];

    /// <summary>The sample drawn and fitted into a Tile×Tile thumbnail.</summary>
    public static Mat Draw(Sample sample)
    {
        using var canvas = sample.Image.Channels() == 3 ? sample.Image.Clone() : sample.Image.CvtColor(ColorConversionCodes.GRAY2BGR);
        if (sample.LabelMap is not null)
        {
            using var scaled = new Mat();
            sample.LabelMap.ConvertTo(scaled, MatType.CV_8UC1, 37);
            using var colored = new Mat();
            Cv2.ApplyColorMap(scaled, colored, ColormapTypes.Jet);
            using var labelled = new Mat();
            Cv2.Compare(sample.LabelMap, Scalar.All(0), labelled, CmpTypes.GT);
            Blend(canvas, colored, labelled);
        }
        foreach (var o in sample.Objects)
        {
            var color = ColorOf(o.Category);
            if (o.Mask is not null)
            {
                using var layer = new Mat(canvas.Size(), canvas.Type(), color);
                Blend(canvas, layer, o.Mask);
            }
            if (o.Polygons is not null)
                Cv2.Polylines(canvas, o.Polygons.Select(p => p.Select(q => new Point(q.X, q.Y))), true, color, 1, LineTypes.AntiAlias);
            Cv2.Rectangle(canvas, new Point(o.Box.X1, o.Box.Y1), new Point(o.Box.X2, o.Box.Y2), color, 2);
            foreach (var k in o.Keypoints?.Where(k => k.IsLabeled) ?? [])
                Cv2.Circle(canvas, new Point(k.X, k.Y), 3, new Scalar(255, 255, 255), -1, LineTypes.AntiAlias);
        }
        return ImageResizer.Letterbox(canvas, Tile, Tile, 40).Image;
    }

    /// <summary>Thumbnails in rows of ⌈√n⌉.</summary>
    public static Mat Tiles(IReadOnlyList<Mat> thumbnails)
    {
        int columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(thumbnails.Count)));
        int rows = Math.Max(1, (thumbnails.Count + columns - 1) / columns);
        var sheet = new Mat(rows * Tile, columns * Tile, MatType.CV_8UC3, Scalar.All(40));
        for (int i = 0; i < thumbnails.Count; i++)
        {
            using var cell = new Mat(sheet, new Rect(i % columns * Tile, i / columns * Tile, Tile, Tile));
            thumbnails[i].CopyTo(cell);
        }
        return sheet;
    }

    private static void Blend(Mat canvas, Mat layer, Mat where)
    {
        using var mixed = new Mat();
        Cv2.AddWeighted(canvas, 0.5, layer, 0.5, 0, mixed);
        mixed.CopyTo(canvas, where);
    }
}
