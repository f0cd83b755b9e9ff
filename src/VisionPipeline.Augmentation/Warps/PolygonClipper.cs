using OpenCvSharp;

namespace VisionPipeline.Augmentation.Warps;

/// <summary>Sutherland–Hodgman clipping of a polygon to an axis-aligned rectangle.</summary>
public static class PolygonClipper
{
    public static List<Point2f> Clip(IReadOnlyList<Point2f> polygon, float left, float top, float right, float bottom)
    {
        var points = ClipEdge(polygon, Edge.Left, left);
        points = ClipEdge(points, Edge.Right, right);
        points = ClipEdge(points, Edge.Top, top);
        return ClipEdge(points, Edge.Bottom, bottom);
    }

    private enum Edge { Left, Right, Top, Bottom }

    private static bool Inside(Point2f p, Edge edge, float at) => edge switch
    {
        Edge.Left => p.X >= at,
        Edge.Right => p.X <= at,
        Edge.Top => p.Y >= at,
        _ => p.Y <= at,
    };

    private static Point2f Cross(Point2f a, Point2f b, Edge edge, float at) =>
        edge is Edge.Left or Edge.Right ? AtX(a, b, at) : AtY(a, b, at);

    private static List<Point2f> ClipEdge(IReadOnlyList<Point2f> input, Edge edge, float at)
    {
        var output = new List<Point2f>(input.Count + 4);
        for (int i = 0; i < input.Count; i++)
        {
            var current = input[i];
            var previous = input[(i + input.Count - 1) % input.Count];
            bool currentIn = Inside(current, edge, at), previousIn = Inside(previous, edge, at);
            if (currentIn)
            {
                if (!previousIn) output.Add(Cross(previous, current, edge, at));
                output.Add(current);
            }
            else if (previousIn)
            {
                output.Add(Cross(previous, current, edge, at));
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
