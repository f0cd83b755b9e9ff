using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

/// <summary>
/// Fit inside Width×Height keeping the aspect ratio and pad the rest with <see cref="Fill"/>; centred (the odd pixel
/// right and bottom) or top-left, the same placement as the inference letterbox.
/// </summary>
public sealed class Letterbox(int width, int height) : GeometricTransform<NoParams>
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte Fill { get; init; } = 114;
    public bool Centered { get; init; } = true;
    public InterpolationFlags Interpolation { get; init; } = InterpolationFlags.Linear;

    public override string Name => "letterbox";

    protected override NoParams Sample(Sample sample, AugmentContext context) => NoParams.Instance;

    public override Warp CreateWarp(Sample sample, NoParams parameters)
    {
        double scale = Math.Min((double)Width / sample.Width, (double)Height / sample.Height);
        int w = Math.Clamp((int)Math.Round(sample.Width * scale), 1, Width);
        int h = Math.Clamp((int)Math.Round(sample.Height * scale), 1, Height);
        int left = Centered ? (Width - w) / 2 : 0, top = Centered ? (Height - h) / 2 : 0;
        return new ScalePadWarp(new Rect(0, 0, sample.Width, sample.Height), new Rect(left, top, w, h),
            new Size(Width, Height), new BorderStyle(Interpolation, Fill: Fill));
    }
}
