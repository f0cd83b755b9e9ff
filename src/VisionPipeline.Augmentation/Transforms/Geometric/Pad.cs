using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Warps;

namespace VisionPipeline.Augmentation.Transforms.Geometric;

public sealed record PadParams(int Left, int Top) : TransformParams;

public enum PadPosition { Center, TopLeft, Random }

/// <summary>Pad to at least MinWidth×MinHeight (constant fill or an OpenCV border mode); larger images pass unchanged.</summary>
public sealed class Pad(int minWidth, int minHeight) : GeometricTransform<PadParams>
{
    public int MinWidth { get; } = minWidth;
    public int MinHeight { get; } = minHeight;
    public PadPosition Position { get; init; } = PadPosition.Center;
    public BorderStyle Style { get; init; } = BorderStyle.Default;

    public override string Name => "pad";

    protected override PadParams Sample(Sample sample, AugmentContext context)
    {
        int extraX = Math.Max(0, MinWidth - sample.Width), extraY = Math.Max(0, MinHeight - sample.Height);
        return Position switch
        {
            PadPosition.TopLeft => new PadParams(0, 0),
            PadPosition.Random => new PadParams(context.UniformInt(0, extraX), context.UniformInt(0, extraY)),
            _ => new PadParams(extraX / 2, extraY / 2),
        };
    }

    public override Warp CreateWarp(Sample sample, PadParams p)
    {
        var whole = new Rect(0, 0, sample.Width, sample.Height);
        var canvas = new Size(Math.Max(MinWidth, sample.Width), Math.Max(MinHeight, sample.Height));
        return new ScalePadWarp(whole, new Rect(p.Left, p.Top, sample.Width, sample.Height), canvas, Style);
    }
}
