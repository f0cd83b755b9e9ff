using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;

namespace VisionPipeline.Graph.Nodes.Ops;

/// <summary>
/// How op.crop turns a detection into the region a landmark model wants, as MediaPipe's detection-to-ROI graphs do:
/// turned so that the vector between two of its keypoints points at <see cref="Angle"/>, moved by
/// <see cref="Shift"/> (fractions of the box along the turned axes), made square on the longer side, grown by the
/// crop's padding, and cut at <see cref="Size"/> pixels on its longer side.
/// </summary>
public sealed record CropOrientation(bool Square, double[] Shift, int[] RotateBy, double Angle, int Size)
{
    /// <summary>Whether any of it is asked for (otherwise op.crop cuts the plain box).</summary>
    public bool IsSet => Square || RotateBy.Length == 2 || Shift.Any(v => v != 0) || Size > 0;

    /// <summary>The map from crop pixels to frame pixels and the crop's size; null when the region is empty.</summary>
    public (AffineMap CropToFrame, int Width, int Height)? Region(Detection d, double padding)
    {
        double w = d.Box.Width, h = d.Box.Height;
        double cx = (d.Box.X1 + d.Box.X2) / 2.0, cy = (d.Box.Y1 + d.Box.Y2) / 2.0;
        double theta = RotateBy is [var from, var to] && d.Keypoints is { } k && from < k.Count && to < k.Count
            ? Angle * Math.PI / 180 - Math.Atan2(-(k[to].Y - k[from].Y), k[to].X - k[from].X)
            : 0;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        if (Shift is [var shiftX, var shiftY])
        {
            double dx = shiftX * w, dy = shiftY * h;
            cx += dx * cos - dy * sin;
            cy += dx * sin + dy * cos;
        }
        if (Square) w = h = Math.Max(w, h);
        w *= 1 + 2 * padding;
        h *= 1 + 2 * padding;
        if (w < 1 || h < 1) return null;
        double pixels = Size > 0 ? Size / Math.Max(w, h) : 1;
        int outW = Math.Max(1, (int)Math.Round(w * pixels)), outH = Math.Max(1, (int)Math.Round(h * pixels));
        // Crop pixel (u, v) → frame: centre + R(θ)·((u / outW − ½)·w, (v / outH − ½)·h).
        double a = w / outW, b = h / outH;
        var map = new AffineMap(a * cos, -b * sin, cx - w / 2 * cos + h / 2 * sin, a * sin, b * cos, cy - w / 2 * sin - h / 2 * cos);
        return (map, outW, outH);
    }
}
