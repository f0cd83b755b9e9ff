using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// Applies one warp to a whole sample: the image, the label map, and every object's mask, keypoints, polygons and
/// box. A box is re-fitted from its warped mask when it has one, else from its polygons clipped to the visible
/// region, else from its warped outline (corners, or points along the edges for bending warps) clipped to that
/// region. An object whose clipped outline keeps less than <see cref="TargetRules.MinVisibility"/> of the outline's
/// area, or whose box ends up smaller than <see cref="TargetRules.MinArea"/>, is dropped and counted.
/// </summary>
public static class WarpApplier
{
    public static void Apply(Sample sample, Warp warp, TargetRules rules)
    {
        var (kept, dropped) = sample.Objects.Count > 0 ? WarpObjects(sample.Objects, warp, rules) : (null, null);
        var labelMap = sample.LabelMap is null ? null : warp.WarpMask(sample.LabelMap);
        sample.ReplaceImage(warp.WarpImage(sample.Image));
        sample.ReplaceLabelMap(labelMap);
        if (kept is not null) sample.ReplaceObjects(kept, dropped!);
    }

    /// <summary>
    /// The objects after the warp (new masks, owned by the caller) and the source indices of those dropped; kept
    /// objects get <paramref name="sourceIndex"/> when given (a mosaic's objects from other images).
    /// </summary>
    public static (List<SampleObject> Kept, List<int> Dropped) WarpObjects(IReadOnlyList<SampleObject> objects, Warp warp, TargetRules rules, int? sourceIndex = null)
    {
        var kept = new List<SampleObject>(objects.Count);
        var dropped = new List<int>();
        var scratch = new Scratch([], []);
        var region = warp.VisibleRegion;
        foreach (var o in objects)
        {
            var moved = WarpObject(o, warp, region, rules, scratch, sourceIndex ?? o.SourceIndex);
            if (moved is null) dropped.Add(o.SourceIndex);
            else kept.Add(moved);
        }
        return (kept, dropped);
    }

    /// <summary>Point lists reused from one object to the next.</summary>
    private sealed record Scratch(List<Point2f> Outline, List<Point2f> Clipped);

    private static SampleObject? WarpObject(SampleObject o, Warp warp, Rect region, TargetRules rules, Scratch scratch, int sourceIndex)
    {
        // The box's outline clipped to what stays visible: its bounds are the box when nothing finer exists, and
        // the share of its area kept is the object's visibility.
        var outline = warp.MapOutline(o.Box, scratch.Outline);
        var visible = InsideRegion(outline, region) ? outline
            : IsUprightRectangle(outline) ? IntersectUpright(outline, region, scratch.Clipped)
            : PolygonClipper.Clip(outline, region.Left, region.Top, region.Right, region.Bottom);
        double fullArea = Area(outline);
        double visibility = fullArea <= 0 || visible.Count < 3 ? 0 : ReferenceEquals(visible, outline) ? 1 : Area(visible) / fullArea;

        Mat? mask = null;
        Rect maskBounds = default;
        BoxF box = visible.Count >= 3 ? Bounds(visible) : default;
        var polygons = o.Polygons is null ? null : WarpPolygons(o.Polygons, warp, region);
        if (o.Mask is not null)
        {
            var sourceBounds = o.MaskBounds ?? MaskScan.Guided(o.Mask, o.Box);
            mask = warp.WarpMask(o.Mask, sourceBounds);
            maskBounds = warp.MaskBoundsAfter(mask, sourceBounds);
            box = Clip(new BoxF(maskBounds.X, maskBounds.Y, maskBounds.Right, maskBounds.Bottom), region);
        }
        else if (polygons is { Count: > 0 })
        {
            box = Clip(Bounds(polygons), region);
        }
        else if (polygons is not null)
        {
            box = default;
        }

        if (box.IsEmpty || visibility < rules.MinVisibility || box.Area < rules.MinArea)
        {
            mask?.Dispose();
            return null;
        }
        return o with
        {
            Box = box,
            Mask = mask,
            MaskBounds = mask is null ? null : maskBounds,
            SourceIndex = sourceIndex,
            Polygons = polygons,
            Keypoints = o.Keypoints is null ? null : WarpKeypoints(o.Keypoints, warp, region),
        };
    }

    public static SampleKeypoint[] WarpKeypoints(IReadOnlyList<SampleKeypoint> keypoints, Warp warp, Rect region)
    {
        var result = new SampleKeypoint[keypoints.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var k = keypoints[i];
            if (!k.IsLabeled)
            {
                result[i] = SampleKeypoint.Unlabeled;
                continue;
            }
            var p = warp.Map(k.X, k.Y);
            bool inside = p.X >= region.Left && p.X < region.Right && p.Y >= region.Top && p.Y < region.Bottom;
            result[i] = inside ? new SampleKeypoint((float)p.X, (float)p.Y, k.Visibility) : SampleKeypoint.Unlabeled;
        }
        return result;
    }

    private static List<IReadOnlyList<Point2f>> WarpPolygons(IReadOnlyList<IReadOnlyList<Point2f>> polygons, Warp warp, Rect region)
    {
        var result = new List<IReadOnlyList<Point2f>>(polygons.Count);
        foreach (var polygon in polygons)
        {
            var moved = polygon.Select(warp.Map).ToList();
            var clipped = PolygonClipper.Clip(moved, region.Left, region.Top, region.Right, region.Bottom);
            if (clipped.Count >= 3) result.Add(clipped);
        }
        return result;
    }

    /// <summary>Four corners of an axis-aligned rectangle (what flips, crops, pads and resizes make of a box).</summary>
    private static bool IsUprightRectangle(List<Point2f> p) =>
        p.Count == 4 && ((p[0].Y == p[1].Y && p[1].X == p[2].X && p[2].Y == p[3].Y && p[3].X == p[0].X) ||
                         (p[0].X == p[1].X && p[1].Y == p[2].Y && p[2].X == p[3].X && p[3].Y == p[0].Y));

    /// <summary>
    /// An upright rectangle clipped to the region, written into <paramref name="into"/>: their intersection's
    /// corners, or none when they miss.
    /// </summary>
    private static List<Point2f> IntersectUpright(List<Point2f> rectangle, Rect region, List<Point2f> into)
    {
        var b = Bounds(rectangle);
        float x1 = Math.Max(b.X1, region.Left), y1 = Math.Max(b.Y1, region.Top);
        float x2 = Math.Min(b.X2, region.Right), y2 = Math.Min(b.Y2, region.Bottom);
        into.Clear();
        if (x1 < x2 && y1 < y2)
        {
            into.Add(new(x1, y1)); into.Add(new(x2, y1)); into.Add(new(x2, y2)); into.Add(new(x1, y2));
        }
        return into;
    }

    private static bool InsideRegion(List<Point2f> points, Rect region)
    {
        foreach (var p in points)
            if (p.X < region.Left || p.X > region.Right || p.Y < region.Top || p.Y > region.Bottom) return false;
        return true;
    }

    /// <summary>The shoelace formula: the polygon's area, whichever way it turns.</summary>
    private static double Area(List<Point2f> polygon)
    {
        double twice = 0;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
            twice += (double)polygon[j].X * polygon[i].Y - (double)polygon[i].X * polygon[j].Y;
        return Math.Abs(twice) / 2;
    }

    private static BoxF Clip(BoxF box, Rect region) => new(
        Math.Clamp(box.X1, region.Left, region.Right), Math.Clamp(box.Y1, region.Top, region.Bottom),
        Math.Clamp(box.X2, region.Left, region.Right), Math.Clamp(box.Y2, region.Top, region.Bottom));

    private static BoxF Bounds(IReadOnlyList<IReadOnlyList<Point2f>> polygons)
    {
        var box = Bounds(polygons[0]);
        for (int i = 1; i < polygons.Count; i++)
        {
            var b = Bounds(polygons[i]);
            box = new BoxF(Math.Min(box.X1, b.X1), Math.Min(box.Y1, b.Y1), Math.Max(box.X2, b.X2), Math.Max(box.Y2, b.Y2));
        }
        return box;
    }

    private static BoxF Bounds(IReadOnlyList<Point2f> points)
    {
        float x1 = float.MaxValue, y1 = float.MaxValue, x2 = float.MinValue, y2 = float.MinValue;
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            x1 = Math.Min(x1, p.X); y1 = Math.Min(y1, p.Y);
            x2 = Math.Max(x2, p.X); y2 = Math.Max(y2, p.Y);
        }
        return new BoxF(x1, y1, x2, y2);
    }
}
