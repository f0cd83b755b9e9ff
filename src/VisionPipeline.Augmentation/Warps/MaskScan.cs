using OpenCvSharp;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// The bounding rectangle (pixel indices) of a mask's nonzero pixels, scanning as little of the mask as possible:
/// a whole-mask bounding-rectangle scan costs more than warping the mask.
/// </summary>
public static class MaskScan
{
    /// <summary>Scans all of the mask.</summary>
    public static Rect Whole(Mat mask) => Cv2.BoundingRect(mask);

    /// <summary>Scans only <paramref name="region"/> (clipped to the mask), which must hold every nonzero pixel.</summary>
    public static Rect Within(Mat mask, Rect region)
    {
        var inside = region.Intersect(new Rect(0, 0, mask.Width, mask.Height));
        if (inside.Width <= 0 || inside.Height <= 0) return default;
        using var part = new Mat(mask, inside);
        var r = Cv2.BoundingRect(part);
        return r.Width > 0 && r.Height > 0 ? new Rect(r.X + inside.X, r.Y + inside.Y, r.Width, r.Height) : default;
    }

    /// <summary>
    /// For a mask whose bounds nobody recorded: counts its pixels (fast) in all of it and near
    /// <paramref name="expected"/>; when every pixel lies there, as when an annotation's box bounds its mask, only that
    /// region is scanned.
    /// </summary>
    public static Rect Guided(Mat mask, BoxF expected)
    {
        var whole = new Rect(0, 0, mask.Width, mask.Height);
        var near = Rect.FromLTRB((int)Math.Floor(expected.X1) - 2, (int)Math.Floor(expected.Y1) - 2,
            (int)Math.Ceiling(expected.X2) + 2, (int)Math.Ceiling(expected.Y2) + 2).Intersect(whole);
        if (near.Width > 0 && near.Height > 0 && near != whole)
        {
            int total = Cv2.CountNonZero(mask);
            if (total == 0) return default;
            using var part = new Mat(mask, near);
            if (Cv2.CountNonZero(part) == total) return Within(mask, near);
        }
        return Whole(mask);
    }
}
