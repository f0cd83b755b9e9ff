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
        var (kept, dropped) = WarpObjects(sample.Objects, warp, rules);
        var labelMap = sample.LabelMap is null ? null : warp.WarpMask(sample.LabelMap);
        sample.ReplaceImage(warp.WarpImage(sample.Image));
        sample.ReplaceLabelMap(labelMap);
        sample.ReplaceObjects(kept, dropped);
    }

    /// <summary>The objects after the warp (new masks, owned by the caller) and the source indices of those dropped.</summary>
    public static (List<SampleObject> Kept, List<int> Dropped) WarpObjects(IReadOnlyList<SampleObject> objects, Warp warp, TargetRules rules)
    {
        var kept = new List<SampleObject>(objects.Count);
        var dropped = new List<int>();
        var region = warp.VisibleRegion;
        foreach (var o in objects)
        {
            var moved = WarpObject(o, warp, region, rules);
            if (moved is null) dropped.Add(o.SourceIndex);
            else kept.Add(moved);
        }
        return (kept, dropped);
    }

    private static SampleObject? WarpObject(SampleObject o, Warp warp, Rect region, TargetRules rules)
    {
        // The box's outline clipped to what stays visible: its bounds are the box when nothing finer exists, and
        // the share of its area kept is the object's visibility.
        var outline = warp.MapOutline(o.Box);
        var visible = InsideRegion(outline, region) ? outline : PolygonClipper.Clip(outline, region.Left, region.Top, region.Right, region.Bottom);
        double fullArea = Area(outline);
        double visibility = fullArea > 0 && visible.Count >= 3 ? Area(visible) / fullArea : 0;

        Mat? mask = null;
        BoxF box = visible.Count >= 3 ? Bounds(visible) : default;
        var polygons = o.Polygons is null ? null : WarpPolygons(o.Polygons, warp, region);
        if (o.Mask is not null)
        {
            mask = warp.WarpMask(o.Mask);
            var r = MaskBounds(mask, Bounds(outline));
            box = Clip(new BoxF(r.X, r.Y, r.Right, r.Bottom), region);
        }
        else if (polygons is { Count: > 0 })
        {
            box = Clip(Bounds(polygons.SelectMany(p => p)), region);
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
            Polygons = polygons,
            Keypoints = o.Keypoints is null ? null : WarpKeypoints(o.Keypoints, warp, region),
        };
    }

    public static Keypoint[] WarpKeypoints(IReadOnlyList<Keypoint> keypoints, Warp warp, Rect region)
    {
        var result = new Keypoint[keypoints.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var k = keypoints[i];
            if (!k.IsLabeled)
            {
                result[i] = Keypoint.Unlabeled;
                continue;
            }
            var p = warp.Map(k.X, k.Y);
            bool inside = p.X >= region.Left && p.X < region.Right && p.Y >= region.Top && p.Y < region.Bottom;
            result[i] = inside ? new Keypoint((float)p.X, (float)p.Y, k.Visibility) : Keypoint.Unlabeled;
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

    /// <summary>
    /// The bounding rectangle of the mask's pixels. Scanning the whole mask costs more than warping it, so the
    /// pixels are first counted (fast) in all of it and in the region around the warped box; when every pixel lies
    /// there, as when the box bounds its mask, only that region is scanned.
    /// </summary>
    private static Rect MaskBounds(Mat mask, BoxF expected)
    {
        var whole = new Rect(0, 0, mask.Width, mask.Height);
        var near = Rect.FromLTRB((int)Math.Floor(expected.X1) - 2, (int)Math.Floor(expected.Y1) - 2,
            (int)Math.Ceiling(expected.X2) + 2, (int)Math.Ceiling(expected.Y2) + 2).Intersect(whole);
        if (near.Width > 0 && near.Height > 0 && near != whole)
        {
            int total = Cv2.CountNonZero(mask);
            if (total == 0) return default;
            using var part = new Mat(mask, near);
            if (Cv2.CountNonZero(part) == total)
            {
                var r = Cv2.BoundingRect(part);
                return new Rect(r.X + near.X, r.Y + near.Y, r.Width, r.Height);
            }
        }
        return Cv2.BoundingRect(mask);
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

    private static BoxF Bounds(IEnumerable<Point2f> points)
    {
        float x1 = float.MaxValue, y1 = float.MaxValue, x2 = float.MinValue, y2 = float.MinValue;
        foreach (var p in points)
        {
            x1 = Math.Min(x1, p.X); y1 = Math.Min(y1, p.Y);
            x2 = Math.Max(x2, p.X); y2 = Math.Max(y2, p.Y);
        }
        return new BoxF(x1, y1, x2, y2);
    }
}
