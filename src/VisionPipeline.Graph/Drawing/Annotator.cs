using OpenCvSharp;
using VisionPipeline.Core.Targets;

namespace VisionPipeline.Graph.Drawing;

/// <summary>
/// Draws targets onto a copy of the frame: translucent masks, boxes with label and score, keypoints, text polygons.
/// When there is recognised text, a white panel of the same size is added on the right with each string
/// written where its line was found, so the text does not cover the image.
/// </summary>
public static class Annotator
{
    private static readonly Scalar[] Palette =
    [
        new(56, 56, 255), new(151, 157, 255), new(31, 112, 255), new(29, 178, 255), new(49, 210, 207),
        new(10, 249, 72), new(23, 204, 146), new(134, 219, 61), new(52, 147, 26), new(187, 212, 0),
    ];

    /// <summary>Line thickness and font scale for drawing on an image of <paramref name="size"/>: readable from thumbnails to 4K.</summary>
    public static (int Thickness, double FontScale) Strokes(Size size)
    {
        int longest = Math.Max(size.Width, size.Height);
        return (Math.Max(1, (int)Math.Round(longest / 500.0)), Math.Max(0.4, longest / 1400.0));
    }

    public static Mat Draw(Mat image, IReadOnlyList<Detection> detections, IReadOnlyList<MaskTarget> masks,
        IReadOnlyList<string> nodeOrder, bool textPanel = true)
    {
        var canvas = image.Clone();
        var (thickness, fontScale) = Strokes(image.Size());

        foreach (var mask in masks)
        {
            // Only where the mask has pixels: an empty mask (no person in the photo) costs nothing, a small one
            // its bounding rectangle rather than three passes over the whole frame.
            if (mask.Area == 0) continue;
            var region = Cv2.BoundingRect(mask.Mask);
            using var target = new Mat(canvas, region);
            using var inside = new Mat(mask.Mask, region);
            using var layer = new Mat(region.Size, canvas.Type(), ColorOf(mask.Node, nodeOrder));
            using var blended = new Mat();
            Cv2.AddWeighted(target, 0.55, layer, 0.45, 0, blended);
            blended.CopyTo(target, inside);
        }

        foreach (var d in detections)
        {
            var color = ColorOf(d.Node, nodeOrder);
            if (d.Polygon is { Count: > 2 } polygon)
                Cv2.Polylines(canvas, [polygon.Select(p => new Point(p.X, p.Y)).ToArray()], true, color, thickness, LineTypes.AntiAlias);
            else
                Cv2.Rectangle(canvas, new Point(d.Box.X1, d.Box.Y1), new Point(d.Box.X2, d.Box.Y2), color, thickness, LineTypes.AntiAlias);

            if (d.Keypoints is not null) DrawKeypoints(canvas, d, color, thickness);

            if (d.Text is null || !textPanel)
                DrawLabel(canvas, d.Text is null ? $"{d.Label} {d.Score:0.00}" : $"{AsciiOnly(d.Text)} {d.TextScore:0.00}", new Point(d.Box.X1, d.Box.Y1), color, fontScale, thickness);
        }

        var texts = detections.Where(d => d.Text is not null).ToList();
        if (texts.Count == 0 || !textPanel) return canvas;
        using var panel = new Mat(canvas.Size(), canvas.Type(), Scalar.All(255));
        foreach (var d in texts)
        {
            if (d.Polygon is { Count: > 2 } polygon)
                Cv2.Polylines(panel, [polygon.Select(p => new Point(p.X, p.Y)).ToArray()], true, ColorOf(d.Node, nodeOrder), 1, LineTypes.AntiAlias);
            WriteFitted(panel, AsciiOnly(d.Text!), d);
        }
        var sideBySide = new Mat();
        Cv2.HConcat([canvas, panel], sideBySide);
        canvas.Dispose();
        return sideBySide;
    }

    /// <summary>Writes text inside a box, scaled to the box's height and the panel's width.</summary>
    /// <summary>
    /// Writes a line's text centred on the line's position, as tall as the line and no wider than it (its top edge
    /// for a quadrilateral, its box otherwise).
    /// </summary>
    private static void WriteFitted(Mat panel, string text, Detection d)
    {
        var unit = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, 1.0, 1, out _);
        if (unit.Width == 0 || unit.Height == 0) return;
        static float Distance(Point2f a, Point2f b) => MathF.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        var p = d.Polygon is { Count: 4 } q ? q : null;
        float height = p is null ? d.Box.Height : Distance(p[0], p[3]);
        float width = p is null ? d.Box.Width : Distance(p[0], p[1]);
        float left = p is null ? d.Box.X1 : p[0].X;
        float centreY = p is null ? (d.Box.Y1 + d.Box.Y2) / 2 : p.Average(c => c.Y);
        double scale = Math.Min(Math.Max(height, 8) * 0.75 / unit.Height, Math.Max(width, 8) / unit.Width);
        if (scale <= 0.05) return;
        int x = Math.Clamp((int)left, 0, panel.Width - 1);
        int baseline = (int)Math.Round(centreY + unit.Height * scale / 2);
        Cv2.PutText(panel, text, new Point(x, Math.Clamp(baseline, 1, panel.Height - 1)), HersheyFonts.HersheySimplex, scale,
            Scalar.All(0), 1, LineTypes.AntiAlias);
    }

    /// <summary>
    /// Keypoints as white dots; with a skeleton, its bones in the detection's colour between keypoints seen (visibility
    /// at least 0.5 where the model gives it), and dense layouts (the 468-point face mesh) as single pixels.
    /// </summary>
    private static void DrawKeypoints(Mat canvas, Detection d, Scalar color, int thickness)
    {
        var points = d.Keypoints!;
        bool Seen(int i) => d.KeypointScores is not { } scores || i >= scores.Count || scores[i] >= 0.5f;
        if (Skeleton.Find(d.Skeleton) is { } skeleton)
            foreach (var (from, to) in skeleton.Bones)
                if (from < points.Count && to < points.Count && Seen(from) && Seen(to))
                    Cv2.Line(canvas, new Point(points[from].X, points[from].Y), new Point(points[to].X, points[to].Y), color, thickness, LineTypes.AntiAlias);
        int radius = points.Count > 100 ? 0 : thickness + 1;
        for (int i = 0; i < points.Count; i++)
            if (Seen(i))
                Cv2.Circle(canvas, new Point(points[i].X, points[i].Y), radius, new Scalar(255, 255, 255), -1, LineTypes.AntiAlias);
    }

    private static void DrawLabel(Mat canvas, string text, Point anchor, Scalar color, double fontScale, int thickness)
    {
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, fontScale, thickness, out int baseline);
        int x = Math.Clamp(anchor.X, 0, Math.Max(0, canvas.Width - size.Width));
        int y = anchor.Y - size.Height - baseline >= 0 ? anchor.Y : Math.Min(canvas.Height, anchor.Y + size.Height + baseline);
        Cv2.Rectangle(canvas, new Rect(x, y - size.Height - baseline, size.Width, size.Height + baseline), color, -1);
        Cv2.PutText(canvas, text, new Point(x, y - baseline), HersheyFonts.HersheySimplex, fontScale,
            new Scalar(255, 255, 255), thickness, LineTypes.AntiAlias);
    }

    // OpenCV's Hershey fonts draw ASCII only; other characters stay in results.jsonl.
    private static string AsciiOnly(string text) => new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    private static Scalar ColorOf(string node, IReadOnlyList<string> nodeOrder)
    {
        int index = -1;
        for (int i = 0; i < nodeOrder.Count && index < 0; i++) if (nodeOrder[i] == node) index = i;
        return Palette[(index < 0 ? Math.Abs(node.GetHashCode()) : index) % Palette.Length];
    }
}
