namespace VisionPipeline.Evaluation.Detection;

/// <summary>A COCO box, [x, y, width, height] in pixels, kept as the double values that were read.</summary>
public readonly record struct BoxXywh(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
}
