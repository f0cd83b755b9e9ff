using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>
/// A Width×Height window at a random place (an image smaller than the window is padded right and bottom). With
/// <see cref="KeepBoxes"/>, the window is placed to contain every box when it can, otherwise to contain as much of
/// them as it can; objects it cuts are still subject to min_visibility.
/// </summary>
public sealed class RandomCrop(int width, int height) : GeometricTransform<CropParams>
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public bool KeepBoxes { get; init; }
    public byte Fill { get; init; }

    public override string Name => "random_crop";

    protected override CropParams Sample(Sample sample, AugmentContext context)
    {
        int cw = Math.Min(Width, sample.Width), ch = Math.Min(Height, sample.Height);
        int xLow = 0, xHigh = sample.Width - cw, yLow = 0, yHigh = sample.Height - ch;
        if (KeepBoxes && sample.Objects.Count > 0)
        {
            float x1 = sample.Objects.Min(o => o.Box.X1), y1 = sample.Objects.Min(o => o.Box.Y1);
            float x2 = sample.Objects.Max(o => o.Box.X2), y2 = sample.Objects.Max(o => o.Box.Y2);
            (xLow, xHigh) = Window(x1, x2, cw, xLow, xHigh);
            (yLow, yHigh) = Window(y1, y2, ch, yLow, yHigh);
        }
        return new CropParams(context.UniformInt(xLow, xHigh), context.UniformInt(yLow, yHigh), cw, ch);
    }

    /// <summary>Starts of a window of <paramref name="size"/> containing [low, high]; its middle when it cannot.</summary>
    private static (int Low, int High) Window(float low, float high, int size, int min, int max)
    {
        int from = Math.Max(min, (int)Math.Ceiling(high) - size), to = Math.Min(max, (int)Math.Floor(low));
        if (from <= to) return (from, to);
        int middle = Math.Clamp((int)Math.Round((low + high - size) / 2), min, max);
        return (middle, middle);
    }

    public override Warp CreateWarp(Sample sample, CropParams p) => new ScalePadWarp(
        new Rect(p.X, p.Y, p.Width, p.Height), new Rect(0, 0, p.Width, p.Height), new Size(Width, Height),
        new BorderStyle(Fill: Fill));
}
