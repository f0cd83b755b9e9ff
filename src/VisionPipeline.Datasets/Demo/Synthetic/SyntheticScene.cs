using OpenCvSharp;

namespace VisionPipeline.Datasets.Demo.Synthetic;

/// <summary>
/// One shape in a scene: its class, its flat colour, the pixels of it that show (later shapes cover earlier ones) and
/// the pixel count of the whole shape.
/// </summary>
public sealed record SceneObject(ShapeKind Kind, Scalar Colour, Mat Visible, int Area);

/// <summary>
/// Shapes in flat colours on a <see cref="TexturedBackground"/>, each filled by OpenCV without anti-aliasing, so the
/// pixels a shape's <see cref="SceneObject.Visible"/> mask holds are exactly the pixels painted in its colour. Shapes lie
/// wholly inside the image; a shape is only placed where every earlier one keeps at least
/// <see cref="MinVisibleShare"/> of its area.
/// </summary>
public sealed class SyntheticScene : IDisposable
{
    public const double MinVisibleShare = 0.75;

    private const int PlacementTries = 50;

    public Mat Image { get; }

    public IReadOnlyList<SceneObject> Objects { get; }

    private SyntheticScene(Mat image, IReadOnlyList<SceneObject> objects)
    {
        Image = image;
        Objects = objects;
    }

    /// <param name="kinds">The shapes to place, in drawing order; one that finds no place within the tries is left out (never the first).</param>
    /// <param name="radius">Circumradius range as fractions of the image side.</param>
    public static SyntheticScene Compose(Random random, int size, IReadOnlyList<ShapeKind> kinds, (double Min, double Max) radius)
    {
        var (image, palette) = TexturedBackground.Draw(random, size);
        var placed = new List<(ShapeKind Kind, Scalar Colour, Mat Full, Mat Visible, int Area)>();
        foreach (var kind in kinds)
        {
            for (var attempt = 0; attempt < PlacementTries; attempt++)
            {
                var r = size * (radius.Min + random.NextDouble() * (radius.Max - radius.Min));
                var center = new Point2d(r + 1 + random.NextDouble() * (size - 2 * r - 2), r + 1 + random.NextDouble() * (size - 2 * r - 2));
                var full = new Mat(size, size, MatType.CV_8UC1, Scalar.All(0));
                Cv2.FillPoly(full, [Shapes.Outline(kind, center, r, random.NextDouble() * 2 * Math.PI)], Scalar.All(255), LineTypes.Link8);
                if (!LeavesEnoughOf(placed, full))
                {
                    full.Dispose();
                    continue;
                }
                foreach (var earlier in placed) Cv2.Subtract(earlier.Visible, full, earlier.Visible);
                placed.Add((kind, TexturedBackground.StandOutColour(random, palette), full, full.Clone(), Cv2.CountNonZero(full)));
                break;
            }
        }
        foreach (var p in placed)
        {
            image.SetTo(p.Colour, p.Full);
            p.Full.Dispose();
        }
        return new SyntheticScene(image, placed.Select(p => new SceneObject(p.Kind, p.Colour, p.Visible, p.Area)).ToList());
    }

    private static bool LeavesEnoughOf(List<(ShapeKind Kind, Scalar Colour, Mat Full, Mat Visible, int Area)> placed, Mat full)
    {
        using var left = new Mat();
        foreach (var earlier in placed)
        {
            Cv2.Subtract(earlier.Visible, full, left);
            if (Cv2.CountNonZero(left) < MinVisibleShare * earlier.Area) return false;
        }
        return true;
    }

    public void Dispose()
    {
        Image.Dispose();
        foreach (var o in Objects) o.Visible.Dispose();
    }
}
