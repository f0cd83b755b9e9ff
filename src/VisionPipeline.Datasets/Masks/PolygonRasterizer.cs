namespace VisionPipeline.Datasets.Masks;

/// <summary>
/// maskApi.c rleFrPoly, step for step: the polygon is upsampled ×5, its boundary walked densely in integer
/// steps, the points where the boundary crosses a pixel-centre column kept (downsampled back), and the
/// column-major start/end positions turned into run lengths. Integer conversions truncate like C's
/// <c>(int)</c> on x86-64 (NaN and overflow give int.MinValue) so degenerate input behaves the same too.
/// </summary>
internal static class PolygonRasterizer
{
    private const double Scale = 5;

    /// <summary>
    /// The boundary walk allocates a point per upsampled step, so far-off coordinates would ask for gigabytes:
    /// coordinates must lie in [−4·s, 5·s] for the image's longer side s (at least 1). Polygons in that range
    /// rasterise exactly as maskApi.c does; the walk then needs at most a few hundred bytes per pixel of side.
    /// </summary>
    public static string? OutOfRange(ReadOnlySpan<double> xy, int height, int width)
    {
        double side = Math.Max(Math.Max(height, width), 1), low = -4 * side, high = 5 * side;
        for (var j = 0; j < xy.Length / 2 * 2; j++)
            if (!double.IsFinite(xy[j]) || xy[j] < low || xy[j] > high)
                return $"polygon coordinate {xy[j]} is not a finite number within {low}..{high} pixels (−4 to 5 times the {height}×{width} image's longer side)";
        return null;
    }

    public static uint[] Rasterize(ReadOnlySpan<double> xy, int height, int width)
    {
        var k = xy.Length / 2;
        if (OutOfRange(xy, height, width) is { } problem) throw new ArgumentException(problem, nameof(xy));
        ulong h = (ulong)height, w = (ulong)width;

        var x = new int[k + 1];
        var y = new int[k + 1];
        for (var j = 0; j < k; j++) x[j] = CInt(Scale * xy[j * 2] + .5);
        for (var j = 0; j < k; j++) y[j] = CInt(Scale * xy[j * 2 + 1] + .5);
        if (k > 0) { x[k] = x[0]; y[k] = y[0]; }

        long m = 0;
        for (var j = 0; j < k; j++)
            m += Math.Max((uint)Math.Abs((long)x[j] - x[j + 1]), (uint)Math.Abs((long)y[j] - y[j + 1])) + 1;
        var u = new int[m];
        var v = new int[m];
        m = 0;
        for (var j = 0; j < k; j++)
        {
            int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
            int dx = Math.Abs(xe - xs), dy = Math.Abs(ys - ye);
            var flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) { (xs, xe) = (xe, xs); (ys, ye) = (ye, ys); }
            var s = dx >= dy ? (double)(ye - ys) / dx : (double)(xe - xs) / dy;
            if (dx >= dy)
                for (var d = 0; d <= dx; d++)
                {
                    var t = flip ? dx - d : d;
                    u[m] = t + xs;
                    v[m] = CInt(ys + s * t + .5);
                    m++;
                }
            else
                for (var d = 0; d <= dy; d++)
                {
                    var t = flip ? dy - d : d;
                    v[m] = t + ys;
                    u[m] = CInt(xs + s * t + .5);
                    m++;
                }
        }

        // Points along the y-boundary, downsampled to pixel columns.
        var count = m;
        var bx = new List<int>();
        var by = new List<int>();
        for (long j = 1; j < count; j++)
        {
            if (u[j] == u[j - 1]) continue;
            double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
            xd = (xd + .5) / Scale - .5;
            if (Math.Floor(xd) != xd || xd < 0 || xd > (double)(w - 1)) continue;
            double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
            yd = (yd + .5) / Scale - .5;
            if (yd < 0) yd = 0;
            else if (yd > h) yd = h;
            yd = Math.Ceiling(yd);
            bx.Add(CInt(xd));
            by.Add(CInt(yd));
        }

        // Column-major positions of the boundary points, sorted, become run lengths.
        var a = new uint[bx.Count + 1];
        for (var j = 0; j < bx.Count; j++) a[j] = unchecked((uint)(bx[j] * height + by[j]));
        a[^1] = unchecked((uint)(h * w));
        Array.Sort(a);
        uint previous = 0;
        for (var j = 0; j < a.Length; j++)
        {
            var current = a[j];
            a[j] -= previous;
            previous = current;
        }
        var b = new List<uint>(a.Length) { a[0] };
        for (var j = 1; j < a.Length;)
        {
            if (a[j] > 0) b.Add(a[j++]);
            else
            {
                j++;
                if (j < a.Length) b[^1] += a[j++];
            }
        }
        return [.. b];
    }

    /// <summary>C's <c>(int)</c> of a double as x86-64 compilers emit it (cvttsd2si).</summary>
    private static int CInt(double value) =>
        double.IsNaN(value) || value >= 2147483648.0 || value <= -2147483649.0 ? int.MinValue : (int)value;
}
