using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Decoders.Text;

/// <summary>Settings of PaddleOCR's DBPostProcess (its inference defaults).</summary>
public sealed record DbOptions
{
    public float BinaryThreshold { get; init; } = 0.3f;
    public float BoxThreshold { get; init; } = 0.6f;
    public float UnclipRatio { get; init; } = 1.5f;
    public int MaxCandidates { get; init; } = 1000;
    public int MinSize { get; init; } = 3;
    public bool Dilate { get; init; }
}

/// <summary>
/// DB text-map post-processing: binary map → contours → minimum-area rectangles scored by mean probability
/// → unclipped by area·ratio/perimeter → mapped to the image → filtered and put in reading order.
/// </summary>
public sealed class DbTextPostProcessor(DbOptions? options = null)
{
    private readonly DbOptions _o = options ?? new DbOptions();

    public DbOptions Options => _o;

    public unsafe List<TextQuad> Process(ReadOnlySpan<float> probabilities, int mapWidth, int mapHeight,
        AffineMap tensorToImage, int imageWidth, int imageHeight)
    {
        if (probabilities.Length != mapWidth * mapHeight)
            throw new ArgumentException($"a {mapWidth}×{mapHeight} text map needs {mapWidth * mapHeight} values, got {probabilities.Length}");

        var quads = new List<TextQuad>();
        fixed (float* p = probabilities)
        {
            using var map = Mat.FromPixelData(mapHeight, mapWidth, MatType.CV_32FC1, (IntPtr)p);
            using var binary = new Mat();
            Cv2.Compare(map, new Scalar(_o.BinaryThreshold), binary, CmpTypes.GT);
            if (_o.Dilate)
            {
                using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(2, 2));
                Cv2.Dilate(binary, binary, kernel);
            }
            Cv2.FindContours(binary, out Point[][] contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxSimple);

            foreach (var contour in contours.Take(_o.MaxCandidates))
            {
                var rect = Cv2.MinAreaRect(contour);
                if (Math.Min(rect.Size.Width, rect.Size.Height) < _o.MinSize) continue;
                var corners = TextQuad.OrderClockwise(rect.Points());
                float score = MeanInside(map, corners);
                if (score < _o.BoxThreshold) continue;

                var expanded = Unclip(rect, corners);
                if (Math.Min(expanded.Size.Width, expanded.Size.Height) < _o.MinSize + 2) continue;

                var mapped = TextQuad.OrderClockwise(expanded.Points())
                    .Select(c => ToImage(c, tensorToImage, imageWidth, imageHeight)).ToArray();
                var ordered = TextQuad.OrderClockwise(mapped)
                    .Select(c => new Point2f(Math.Clamp(c.X, 0, imageWidth - 1), Math.Clamp(c.Y, 0, imageHeight - 1))).ToArray();
                if ((int)Distance(ordered[0], ordered[1]) <= 3 || (int)Distance(ordered[0], ordered[3]) <= 3) continue;
                quads.Add(new TextQuad(ordered, score));
            }
        }
        return ReadingOrder(quads);
    }

    /// <summary>Mean probability inside the quadrilateral ("fast" score mode).</summary>
    private static float MeanInside(Mat map, Point2f[] corners)
    {
        int w = map.Width, h = map.Height;
        int xmin = Math.Clamp((int)Math.Floor(corners.Min(c => c.X)), 0, w - 1);
        int xmax = Math.Clamp((int)Math.Ceiling(corners.Max(c => c.X)), 0, w - 1);
        int ymin = Math.Clamp((int)Math.Floor(corners.Min(c => c.Y)), 0, h - 1);
        int ymax = Math.Clamp((int)Math.Ceiling(corners.Max(c => c.Y)), 0, h - 1);
        using var mask = new Mat(ymax - ymin + 1, xmax - xmin + 1, MatType.CV_8UC1, Scalar.All(0));
        var shifted = corners.Select(c => new Point((int)(c.X - xmin), (int)(c.Y - ymin))).ToArray();
        Cv2.FillPoly(mask, [shifted], Scalar.All(1));
        using var roi = new Mat(map, new Rect(xmin, ymin, xmax - xmin + 1, ymax - ymin + 1));
        return (float)Cv2.Mean(roi, mask).Val0;
    }

    /// <summary>
    /// PaddleOCR offsets the polygon by d = area·ratio/perimeter with round joins and takes the minimum-area
    /// rectangle of the result; for a rectangle that is the same rectangle grown by d on every side.
    /// </summary>
    private RotatedRect Unclip(RotatedRect rect, Point2f[] corners)
    {
        double area = Math.Abs(Cv2.ContourArea(corners));
        double perimeter = Cv2.ArcLength(corners, true);
        float d = perimeter > 0 ? (float)(area * _o.UnclipRatio / perimeter) : 0f;
        return new RotatedRect(rect.Center, new Size2f(rect.Size.Width + 2 * d, rect.Size.Height + 2 * d), rect.Angle);
    }

    private static Point2f ToImage(Point2f p, AffineMap tensorToImage, int width, int height)
    {
        var q = tensorToImage.Apply(p.X, p.Y);
        return new Point2f((float)Math.Clamp(Math.Round(q.X), 0, width), (float)Math.Clamp(Math.Round(q.Y), 0, height));
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    /// <summary>Top to bottom by the top-left corner; lines whose tops are within 10 px read left to right.</summary>
    public static List<TextQuad> ReadingOrder(IEnumerable<TextQuad> quads)
    {
        var sorted = quads.OrderBy(q => q.Corners[0].Y).ThenBy(q => q.Corners[0].X).ToList();
        for (int i = 0; i < sorted.Count - 1; i++)
        {
            for (int j = i; j >= 0; j--)
            {
                var (a, b) = (sorted[j], sorted[j + 1]);
                if (Math.Abs(b.Corners[0].Y - a.Corners[0].Y) < 10 && b.Corners[0].X < a.Corners[0].X)
                    (sorted[j], sorted[j + 1]) = (b, a);
                else
                    break;
            }
        }
        return sorted;
    }
}
