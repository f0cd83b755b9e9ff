using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

public sealed record Hole(int X, int Y, int Width, int Height);

public sealed record DropoutParams(Hole[] Holes) : TransformParams;

/// <summary>
/// Cut out between MinHoles and MaxHoles rectangles (each side up to <see cref="MaxSize"/> of the image's) and fill
/// them; targets are kept (the object is still there, only hidden), as in Albumentations.
/// </summary>
public sealed class CoarseDropout(int minHoles, int maxHoles, double maxSize) : PhotometricTransform<DropoutParams>
{
    public int MinHoles { get; } = minHoles;
    public int MaxHoles { get; } = maxHoles;
    public double MaxSize { get; } = maxSize;
    public byte Fill { get; init; }

    public override string Name => "coarse_dropout";

    protected override DropoutParams Sample(Sample sample, AugmentContext context)
    {
        var holes = new Hole[context.UniformInt(MinHoles, MaxHoles)];
        for (int i = 0; i < holes.Length; i++)
        {
            int w = Math.Max(1, (int)Math.Round(context.Uniform(0, MaxSize) * sample.Width));
            int h = Math.Max(1, (int)Math.Round(context.Uniform(0, MaxSize) * sample.Height));
            holes[i] = new Hole(context.UniformInt(0, sample.Width - w), context.UniformInt(0, sample.Height - h), w, h);
        }
        return new DropoutParams(holes);
    }

    public override Mat ApplyToImage(Mat image, DropoutParams p)
    {
        var output = image.Clone();
        foreach (var hole in p.Holes)
            Cv2.Rectangle(output, new Rect(hole.X, hole.Y, hole.Width, hole.Height), Scalar.All(Fill), -1);
        return output;
    }
}
