using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

public sealed record MotionParams(int Kernel, double Angle) : TransformParams;

/// <summary>Blur along a line through the kernel's centre at a random angle: a camera moving during the exposure.</summary>
public sealed class MotionBlur(int minKernel, int maxKernel) : PhotometricTransform<MotionParams>
{
    public int MinKernel { get; } = Math.Max(3, minKernel | 1);
    public int MaxKernel { get; } = Math.Max(Math.Max(3, minKernel | 1), maxKernel % 2 == 1 ? maxKernel : maxKernel - 1);

    public override string Name => "motion_blur";

    protected override MotionParams Sample(Sample sample, AugmentContext context) =>
        new(MinKernel + 2 * context.UniformInt(0, (MaxKernel - MinKernel) / 2), context.Uniform(0, 180));

    public override Mat ApplyToImage(Mat image, MotionParams p)
    {
        int k = p.Kernel, c = k / 2;
        using var kernel = new Mat(k, k, MatType.CV_32FC1, Scalar.All(0));
        double dx = Math.Cos(p.Angle * Math.PI / 180) * c, dy = Math.Sin(p.Angle * Math.PI / 180) * c;
        Cv2.Line(kernel, new Point((int)Math.Round(c - dx), (int)Math.Round(c - dy)),
            new Point((int)Math.Round(c + dx), (int)Math.Round(c + dy)), Scalar.All(1), 1, LineTypes.Link8);
        Cv2.Divide(kernel, Scalar.All(Cv2.Sum(kernel).Val0), kernel);
        var output = new Mat();
        Cv2.Filter2D(image, output, -1, kernel);
        return output;
    }
}
