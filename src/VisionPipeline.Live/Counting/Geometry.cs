using System.Globalization;
using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Live.Counting;

/// <summary>Coordinates given on the command line, and the point of a box that counting follows.</summary>
public static class CountingGeometry
{
    /// <summary>"x1,y1,x2,y2,…" as points; <paramref name="option"/> names the option in the error.</summary>
    /// <exception cref="ConfigurationException">not an even list of numbers, or fewer than <paramref name="minPoints"/> points</exception>
    public static Point2f[] ParsePoints(string text, string option, int minPoints, int maxPoints)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !float.IsFinite(numbers[i]))
                throw new ConfigurationException(null, $"{option} {text}: '{parts[i]}' is not a number");
        if (numbers.Length % 2 != 0 || numbers.Length / 2 < minPoints || numbers.Length / 2 > maxPoints)
            throw new ConfigurationException(null, minPoints == maxPoints
                ? $"{option} {text}: give {minPoints} points as x1,y1,x2,y2 in pixels"
                : $"{option} {text}: give at least {minPoints} points as x1,y1,x2,y2,x3,y3,… in pixels");
        return Enumerable.Range(0, numbers.Length / 2).Select(i => new Point2f(numbers[2 * i], numbers[2 * i + 1])).ToArray();
    }

    /// <summary>The point of a tracked box that crosses lines and enters zones: its centre.</summary>
    public static Point2f Anchor(BoxF box) => new((box.X1 + box.X2) / 2, (box.Y1 + box.Y2) / 2);

    /// <summary>Which side of the line a→b the point p is on: positive to the right looking from a to b (image y points down).</summary>
    public static float Side(Point2f a, Point2f b, Point2f p) => (b.X - a.X) * (p.Y - a.Y) - (b.Y - a.Y) * (p.X - a.X);
}
