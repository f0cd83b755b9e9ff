namespace VisionPipeline.Datasets;

/// <summary>
/// A box the COCO way: top-left corner and size, in pixels, as doubles exactly as read from the file.
/// Pixel (i, j) covers [i, i+1) × [j, j+1), so a box around exactly that pixel is (i, j, 1, 1).
/// </summary>
public readonly record struct BoxXywh(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double Area => Width * Height;

    public static BoxXywh FromCorners(double x1, double y1, double x2, double y2) => new(x1, y1, x2 - x1, y2 - y1);

    public override string ToString() => FormattableString.Invariant($"[{X}, {Y}, {Width}, {Height}]");
}
