using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>
/// How far each corner (top-left, top-right, bottom-right, bottom-left) moves inwards, as fractions of the width
/// and height: x0, y0, x1, y1, …
/// </summary>
public sealed record PerspectiveParams(double[] Offsets) : TransformParams;

/// <summary>
/// A random quadrilateral inside the image (each corner moved inwards by up to <see cref="Scale"/> of the size) is
/// stretched onto the whole output: a camera tilt, same size.
/// </summary>
public sealed class Perspective(ValueRange scale, BorderStyle? style = null) : GeometricTransform<PerspectiveParams>
{
    public override string Name => "perspective";
    public ValueRange Scale { get; } = scale;
    public BorderStyle Style { get; } = style ?? BorderStyle.Default;

    protected override PerspectiveParams Sample(Sample sample, AugmentContext context)
    {
        var offsets = new double[8];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = context.Uniform(Scale);
        return new PerspectiveParams(offsets);
    }

    public override Warp CreateWarp(Sample sample, PerspectiveParams p)
    {
        float w = sample.Width, h = sample.Height;
        var o = p.Offsets;
        Point2f[] quad =
        [
            new((float)(o[0] * w), (float)(o[1] * h)),
            new((float)(w - o[2] * w), (float)(o[3] * h)),
            new((float)(w - o[4] * w), (float)(h - o[5] * h)),
            new((float)(o[6] * w), (float)(h - o[7] * h)),
        ];
        Point2f[] corners = [new(0, 0), new(w, 0), new(w, h), new(0, h)];
        return new PerspectiveWarp(PerspectiveWarp.Between(quad, corners), sample.Image.Size(), Style);
    }
}
