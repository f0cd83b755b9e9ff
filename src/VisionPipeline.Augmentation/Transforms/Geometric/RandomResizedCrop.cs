using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>
/// torchvision's RandomResizedCrop: a crop covering a random fraction <see cref="Scale"/> of the area with an aspect
/// ratio drawn log-uniformly from <see cref="Ratio"/> (10 tries, then the centre crop at the nearest allowed ratio),
/// resized to Width×Height.
/// </summary>
public sealed class RandomResizedCrop(int width, int height) : GeometricTransform<CropParams>
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public ValueRange Scale { get; init; } = new(0.08, 1);
    public ValueRange Ratio { get; init; } = new(3.0 / 4, 4.0 / 3);
    public BorderStyle Style { get; init; } = BorderStyle.Default;

    public override string Name => "random_resized_crop";

    protected override CropParams Sample(Sample sample, AugmentContext context)
    {
        int w = sample.Width, h = sample.Height;
        double area = (double)w * h;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * context.Uniform(Scale);
            double ratio = Math.Exp(context.Uniform(Math.Log(Ratio.Low), Math.Log(Ratio.High)));
            int cw = (int)Math.Round(Math.Sqrt(target * ratio)), ch = (int)Math.Round(Math.Sqrt(target / ratio));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h)
                return new CropParams(context.UniformInt(0, w - cw), context.UniformInt(0, h - ch), cw, ch);
        }
        double imageRatio = (double)w / h;
        int fw = w, fh = h;
        if (imageRatio < Ratio.Low) fh = Math.Max(1, (int)Math.Round(w / Ratio.Low));
        else if (imageRatio > Ratio.High) fw = Math.Max(1, (int)Math.Round(h * Ratio.High));
        return new CropParams((w - fw) / 2, (h - fh) / 2, fw, fh);
    }

    public override Warp CreateWarp(Sample sample, CropParams p) =>
        new ScalePadWarp(new Rect(p.X, p.Y, p.Width, p.Height), new Rect(0, 0, Width, Height), new Size(Width, Height), Style);
}
