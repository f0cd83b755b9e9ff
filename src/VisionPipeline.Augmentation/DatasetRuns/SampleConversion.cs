using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Datasets;
using VisionPipeline.Datasets.Masks;

namespace VisionPipeline.Augmentation.DatasetRuns;

/// <summary>
/// A data set's image and annotations as a sample, and back: boxes (COCO x, y, w, h ↔ corners), polygons, RLE masks
/// (decoded to image-size masks and encoded again), keypoints, and the label map of mask folders.
/// </summary>
public static class SampleConversion
{
    public static Sample ToSample(DatasetImage image, Mat pixels, Mat? labelMap)
    {
        var objects = new List<SampleObject>(image.Annotations.Count);
        for (int i = 0; i < image.Annotations.Count; i++)
        {
            var a = image.Annotations[i];
            var rle = a.Segmentation is RleSegmentation r && r.Rle.Height == pixels.Height && r.Rle.Width == pixels.Width ? r.Rle : null;
            objects.Add(new SampleObject(new BoxF((float)a.Box.X, (float)a.Box.Y, (float)a.Box.Right, (float)a.Box.Bottom))
            {
                Category = a.CategoryId,
                SourceIndex = i,
                Origin = a,
                Polygons = a.Segmentation is PolygonSegmentation p ? p.Polygons.Select(Points).ToList() : null,
                Mask = rle?.Decode(),
                MaskBounds = rle is null ? null : PixelBounds(rle),
                Keypoints = a.Keypoints?.Select(k => new SampleKeypoint((float)k.X, (float)k.Y, (int)k.Visibility)).ToArray(),
            });
        }
        return new Sample(pixels, objects, labelMap);
    }

    /// <summary>
    /// The mask's bounds in pixel indices, read from its runs (maskApi's rleToBbox) without decoding; null (scan
    /// the decoded mask) when a foreground run is empty, which rleToBbox would count as one pixel.
    /// </summary>
    private static Rect? PixelBounds(Rle rle)
    {
        var counts = rle.Counts;
        for (int i = 1; i < counts.Length; i += 2)
            if (counts[i] == 0) return null;
        var b = rle.ToBbox();
        return new Rect((int)b.X, (int)b.Y, (int)b.Width, (int)b.Height);
    }

    /// <summary>
    /// The objects of <paramref name="sample"/> as annotations of its image (ids from <paramref name="nextId"/>); an
    /// annotation keeps every field of the one it came from but the geometry, whose area is then recomputed.
    /// </summary>
    public static List<Annotation> ToAnnotations(Sample sample, Func<long> nextId)
    {
        var annotations = new List<Annotation>(sample.Objects.Count);
        foreach (var o in sample.Objects)
        {
            var box = BoxXywh.FromCorners(o.Box.X1, o.Box.Y1, o.Box.X2, o.Box.Y2);
            var template = o.Origin as Annotation ?? new Annotation(0, o.Category, box);
            Segmentation? segmentation = o.Mask is not null
                ? new RleSegmentation(Rle.Encode(o.Mask), (template.Segmentation as RleSegmentation)?.Compressed ?? true)
                : o.Polygons is not null ? new PolygonSegmentation(o.Polygons.Select(Flat).ToList()) : null;
            var keypoints = o.Keypoints?.Select(k => new Keypoint(k.X, k.Y, k.Visibility)).ToArray();
            annotations.Add(template with
            {
                Id = nextId(),
                Box = box,
                Segmentation = segmentation,
                Area = null,
                Keypoints = keypoints,
                NumKeypoints = keypoints is null ? template.NumKeypoints : keypoints.Count(k => k.Visibility > 0),
            });
        }
        return annotations;
    }

    private static IReadOnlyList<Point2f> Points(double[] flat)
    {
        var points = new Point2f[flat.Length / 2];
        for (int i = 0; i < points.Length; i++) points[i] = new Point2f((float)flat[2 * i], (float)flat[2 * i + 1]);
        return points;
    }

    private static double[] Flat(IReadOnlyList<Point2f> points)
    {
        var flat = new double[points.Count * 2];
        for (int i = 0; i < points.Count; i++)
        {
            flat[2 * i] = points[i].X;
            flat[2 * i + 1] = points[i].Y;
        }
        return flat;
    }
}
