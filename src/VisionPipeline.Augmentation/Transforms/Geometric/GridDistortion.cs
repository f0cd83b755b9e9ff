using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>Stretch factors (around 1) of each grid cell along x and along y.</summary>
public sealed record GridParams(double[] Columns, double[] Rows) : TransformParams;

/// <summary>Albumentations' grid distortion: each of Steps cells per axis stretched by 1 ± Limit.</summary>
public sealed class GridDistortion(int steps, ValueRange limit, BorderStyle? style = null) : GeometricTransform<GridParams>
{
    public int Steps { get; } = steps;
    public ValueRange Limit { get; } = limit;
    public BorderStyle Style { get; } = style ?? BorderStyle.Default;

    public override string Name => "grid_distortion";

    protected override GridParams Sample(Sample sample, AugmentContext context)
    {
        double[] Draw()
        {
            var values = new double[Steps];
            for (int i = 0; i < Steps; i++) values[i] = 1 + context.Uniform(Limit);
            return values;
        }
        return new GridParams(Draw(), Draw());
    }

    public override Warp CreateWarp(Sample sample, GridParams p) => GridWarp.Create(
        GridWarp.Axis(sample.Width, p.Columns), GridWarp.Axis(sample.Height, p.Rows), Style);
}
