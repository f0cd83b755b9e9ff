namespace VisionPipeline.Core.Geometry;

/// <summary>An axis-aligned box, corners (X1, Y1)–(X2, Y2), in pixels of the frame it belongs to.</summary>
public readonly record struct BoxF(float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;
    public float Height => Y2 - Y1;
    public float Area => Width > 0 && Height > 0 ? Width * Height : 0f;
    public bool IsEmpty => Width <= 0 || Height <= 0;

    public BoxF ClipTo(int width, int height) => new(
        Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height),
        Math.Clamp(X2, 0, width), Math.Clamp(Y2, 0, height));

    public float IntersectionArea(BoxF other)
    {
        float w = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        float h = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        return w > 0 && h > 0 ? w * h : 0f;
    }

    public float IoU(BoxF other)
    {
        float inter = IntersectionArea(other);
        float union = Area + other.Area - inter;
        return union > 0 ? inter / union : 0f;
    }

    public float[] ToArray() => [X1, Y1, X2, Y2];
}
