using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>
/// Grid distortion: every output column c samples input column Columns[c], every row r input row Rows[r], both
/// increasing. Since x moves independently of y, boxes stay boxes and points move forward exactly by inverting two
/// piecewise-linear functions.
/// </summary>
public sealed class GridWarp : RemapWarp
{
    private readonly float[] _columns;
    private readonly float[] _rows;

    private GridWarp(float[] columns, float[] rows, Mat mapX, Mat mapY, BorderStyle style) : base(mapX, mapY, style)
    {
        _columns = columns;
        _rows = rows;
    }

    public static GridWarp Create(float[] columns, float[] rows, BorderStyle style)
    {
        using var columnRow = Mat.FromPixelData(1, columns.Length, MatType.CV_32FC1, columns);
        using var rowColumn = Mat.FromPixelData(rows.Length, 1, MatType.CV_32FC1, rows);
        var mapX = new Mat();
        var mapY = new Mat();
        Cv2.Repeat(columnRow, rows.Length, 1, mapX);
        Cv2.Repeat(rowColumn, 1, columns.Length, mapY);
        return new GridWarp(columns, rows, mapX, mapY, style);
    }

    /// <summary>
    /// Albumentations' grid: the axis of <paramref name="length"/> pixels is cut into one cell per <paramref name="stretch"/> value; cell i is stretched by
    /// <paramref name="stretch"/>[i] (around 1), so sampled positions run from 0 with those cell widths.
    /// </summary>
    public static float[] Axis(int length, IReadOnlyList<double> stretch)
    {
        var positions = new float[length];
        int steps = stretch.Count;
        double cell = (double)length / steps, previous = 0;
        for (int i = 0; i < steps; i++)
        {
            int start = (int)(i * cell), end = i == steps - 1 ? length : (int)((i + 1) * cell);
            double next = previous + (end - start) * stretch[i];
            for (int k = start; k < end; k++)
                positions[k] = (float)(previous + (next - previous) * (k - start) / Math.Max(1, end - start));
            previous = next;
        }
        return positions;
    }

    /// <summary>Both axes are monotone, so a rectangle's inside stays inside its mapped outline.</summary>
    public override Rect MaskBoundsAfter(Mat warpedMask, Rect sourceBounds) => ScanNearMappedBounds(warpedMask, sourceBounds);

    public override Point2d Map(double x, double y) => new(Forward(_columns, x), Forward(_rows, y));

    /// <summary>The output coordinate whose sampled input coordinate is <paramref name="v"/> (continuous).</summary>
    private static double Forward(float[] positions, double v)
    {
        double u = v - 0.5;
        int n = positions.Length;
        if (n == 1) return v - positions[0];
        int hi = Array.BinarySearch(positions, (float)u);
        if (hi < 0) hi = ~hi;
        hi = Math.Clamp(hi, 1, n - 1);
        int lo = hi - 1;
        double span = positions[hi] - positions[lo];
        double index = span > 0 ? lo + (u - positions[lo]) / span : lo;
        return index + 0.5;
    }
}
