using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>Sutherland–Hodgman clipping of a polygon to an axis-aligned rectangle.</summary>
public static class PolygonClipper
{
    public static List<Point2f> Clip(IReadOnlyList<Point2f> polygon, float left, float top, float right, float bottom)
    {
        var points = polygon.ToList();
        points = ClipEdge(points, p => p.X >= left, (a, b) => AtX(a, b, left));
        points = ClipEdge(points, p => p.X <= right, (a, b) => AtX(a, b, right));
        points = ClipEdge(points, p => p.Y >= top, (a, b) => AtY(a, b, top));
        points = ClipEdge(points, p => p.Y <= bottom, (a, b) => AtY(a, b, bottom));
        return points;
    }

    private static List<Point2f> ClipEdge(List<Point2f> input, Func<Point2f, bool> inside, Func<Point2f, Point2f, Point2f> cross)
    {
        var output = new List<Point2f>(input.Count + 4);
        for (int i = 0; i < input.Count; i++)
        {
            var current = input[i];
            var previous = input[(i + input.Count - 1) % input.Count];
            bool currentIn = inside(current), previousIn = inside(previous);
            if (currentIn)
            {
                if (!previousIn) output.Add(cross(previous, current));
                output.Add(current);
            }
            else if (previousIn)
            {
                output.Add(cross(previous, current));
            }
        }
        return output;
    }

    private static Point2f AtX(Point2f a, Point2f b, float x)
    {
        float t = (x - a.X) / (b.X - a.X);
        return new Point2f(x, a.Y + t * (b.Y - a.Y));
    }

    private static Point2f AtY(Point2f a, Point2f b, float y)
    {
        float t = (y - a.Y) / (b.Y - a.Y);
        return new Point2f(a.X + t * (b.X - a.X), y);
    }
}
