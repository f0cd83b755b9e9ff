using OpenCvSharp;

namespace VisionPipeline.Datasets.Demo.Synthetic;

/// <summary>
/// The classes of the synthetic datasets. Their values are the COCO category ids and mask values; the names sort
/// in the same order, so ImageFolder's ordinal class ids are value − 1.
/// </summary>
public enum ShapeKind
{
    Circle = 1,
    Cross = 2,
    Square = 3,
    Star = 4,
    Triangle = 5,
}

/// <summary>The outline of each <see cref="ShapeKind"/> as a polygon, for OpenCV to fill.</summary>
public static class Shapes
{
    public static readonly ShapeKind[] All = Enum.GetValues<ShapeKind>();

    public static string Name(this ShapeKind kind) => kind.ToString().ToLowerInvariant();

    public static IReadOnlyList<Category> Categories { get; } = All.Select(k => new Category((long)k, k.Name()) { Supercategory = "shape" }).ToList();

    /// <summary>
    /// The outline of a shape with circumradius <paramref name="radius"/> around <paramref name="center"/>, turned by
    /// <paramref name="angle"/> radians, in whole pixels.
    /// </summary>
    public static Point[] Outline(ShapeKind kind, Point2d center, double radius, double angle)
    {
        var unit = kind switch
        {
            ShapeKind.Circle => Regular(72, 1, 1),
            ShapeKind.Square => Regular(4, 1, 1),
            ShapeKind.Triangle => Regular(3, 1, 1),
            ShapeKind.Star => Regular(5, 1, 0.45),
            ShapeKind.Cross => CrossArms(1.0 / 3),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var (sin, cos) = Math.SinCos(angle);
        return unit.Select(p => new Point(
            (int)Math.Round(center.X + radius * (p.X * cos - p.Y * sin)),
            (int)Math.Round(center.Y + radius * (p.X * sin + p.Y * cos)))).ToArray();
    }

    /// <summary>A regular polygon (inner = 1) or a star (inner &lt; 1: the radius of every second vertex).</summary>
    private static Point2d[] Regular(int corners, double outer, double inner)
    {
        var points = new List<Point2d>();
        var steps = inner == outer ? corners : 2 * corners;
        for (var i = 0; i < steps; i++)
        {
            var r = i % 2 == 1 && inner != outer ? inner : outer;
            var a = -Math.PI / 2 + 2 * Math.PI * i / steps;
            points.Add(new Point2d(r * Math.Cos(a), r * Math.Sin(a)));
        }
        return points.ToArray();
    }

    /// <summary>A plus sign whose arms are <paramref name="width"/> of its span wide, its arm tips on the unit circle.</summary>
    private static Point2d[] CrossArms(double width)
    {
        var h = width / Math.Sqrt(1 + width * width);
        var l = 1 / Math.Sqrt(1 + width * width);
        (double X, double Y)[] quarter = [(h, -l), (h, -h), (l, -h)];
        var points = new List<Point2d>();
        for (var q = 0; q < 4; q++)
        {
            var (sin, cos) = Math.SinCos(q * Math.PI / 2);
            foreach (var (x, y) in quarter) points.Add(new Point2d(x * cos - y * sin, x * sin + y * cos));
        }
        return points.ToArray();
    }
}
