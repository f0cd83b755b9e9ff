using OpenCvSharp;

namespace VisionPipeline.Datasets.Demo.Synthetic;

/// <summary>
/// Backgrounds for the synthetic shapes: a two-colour gradient in a random direction, often faint stripes at a random
/// angle and spacing, and Gaussian noise, all drawn by OpenCV from the caller's seeded random source.
/// </summary>
public static class TexturedBackground
{
    /// <summary>The colours the background is made of, so that shapes can be given colours that stand out.</summary>
    public sealed record Palette(Scalar From, Scalar To, Scalar? Stripes);

    public static (Mat Image, Palette Palette) Draw(Random random, int size)
    {
        var from = RandomColour(random);
        var to = RandomColour(random);
        // A 2×2 image whose corners lie along a random direction, stretched bilinearly: a linear gradient.
        using var corners = new Mat(2, 2, MatType.CV_8UC3);
        var direction = random.NextDouble() * 2 * Math.PI;
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 2; x++)
            {
                var t = 0.5 + 0.5 * ((x - 0.5) * Math.Cos(direction) + (y - 0.5) * Math.Sin(direction)) * Math.Sqrt(2);
                corners.Set(y, x, new Vec3b(Mix(from.Val0, to.Val0, t), Mix(from.Val1, to.Val1, t), Mix(from.Val2, to.Val2, t)));
            }
        var image = new Mat();
        Cv2.Resize(corners, image, new Size(size, size), interpolation: InterpolationFlags.Linear);

        Scalar? stripes = null;
        if (random.NextDouble() < 0.6)
        {
            stripes = RandomColour(random);
            using var layer = image.Clone();
            var spacing = size / (4 + random.Next(9));
            var thickness = Math.Max(1, spacing / (2 + random.Next(3)));
            var (sin, cos) = Math.SinCos(random.NextDouble() * Math.PI);
            for (var offset = -2 * size; offset <= 2 * size; offset += spacing)
            {
                var c = new Point2d(size / 2.0 + offset * cos, size / 2.0 + offset * sin);
                var a = new Point((int)(c.X - 2 * size * sin), (int)(c.Y + 2 * size * cos));
                var b = new Point((int)(c.X + 2 * size * sin), (int)(c.Y - 2 * size * cos));
                Cv2.Line(layer, a, b, stripes.Value, thickness, LineTypes.Link8);
            }
            Cv2.AddWeighted(image, 0.65, layer, 0.35, 0, image);
        }

        // Zero-mean noise needs a signed image to be added to; converting back saturates at 0 and 255.
        using var noise = new Mat(size, size, MatType.CV_16SC3);
        var sigma = 4 + random.Next(12);
        new RNG((ulong)random.NextInt64(1, long.MaxValue)).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(sigma));
        using var signed = new Mat();
        image.ConvertTo(signed, MatType.CV_16SC3);
        Cv2.Add(signed, noise, signed);
        signed.ConvertTo(image, MatType.CV_8UC3);
        return (image, new Palette(from, to, stripes));
    }

    /// <summary>A colour that differs from every colour of <paramref name="palette"/> by at least 110 (Euclidean, 0..255 channels).</summary>
    public static Scalar StandOutColour(Random random, Palette palette)
    {
        Scalar[] background = palette.Stripes is { } s ? [palette.From, palette.To, s] : [palette.From, palette.To];
        Scalar colour;
        var tries = 0;
        do colour = new Scalar(random.Next(256), random.Next(256), random.Next(256));
        while (background.Any(b => Distance(b, colour) < 110) && ++tries < 200);
        return colour;
    }

    private static byte Mix(double a, double b, double t) => (byte)Math.Clamp(Math.Round(a + (b - a) * t), 0, 255);

    private static Scalar RandomColour(Random random) => new(30 + random.Next(196), 30 + random.Next(196), 30 + random.Next(196));

    private static double Distance(Scalar a, Scalar b) =>
        Math.Sqrt(Math.Pow(a.Val0 - b.Val0, 2) + Math.Pow(a.Val1 - b.Val1, 2) + Math.Pow(a.Val2 - b.Val2, 2));
}
