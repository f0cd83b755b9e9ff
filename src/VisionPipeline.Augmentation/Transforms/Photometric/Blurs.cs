using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>An odd kernel size.</summary>
public sealed record KernelParams(int Kernel) : TransformParams;

/// <summary>A kernel size drawn among the odd numbers in a range.</summary>
public abstract class KernelBlur(int minKernel, int maxKernel) : PhotometricTransform<KernelParams>
{
    public int MinKernel { get; } = minKernel | 1;
    public int MaxKernel { get; } = Math.Max(minKernel | 1, maxKernel % 2 == 1 ? maxKernel : maxKernel - 1);

    protected override KernelParams Sample(Sample sample, AugmentContext context) =>
        new(MinKernel + 2 * context.UniformInt(0, (MaxKernel - MinKernel) / 2));
}

/// <summary>Gaussian blur, σ from the kernel size.</summary>
public sealed class GaussianBlur(int minKernel, int maxKernel) : KernelBlur(minKernel, maxKernel)
{
    public override string Name => "gaussian_blur";

    public override Mat ApplyToImage(Mat image, KernelParams p)
    {
        var output = new Mat();
        Cv2.GaussianBlur(image, output, new Size(p.Kernel, p.Kernel), 0);
        return output;
    }
}

/// <summary>Median blur.</summary>
public sealed class MedianBlur(int minKernel, int maxKernel) : KernelBlur(minKernel, maxKernel)
{
    public override string Name => "median_blur";

    public override Mat ApplyToImage(Mat image, KernelParams p)
    {
        var output = new Mat();
        Cv2.MedianBlur(image, output, p.Kernel);
        return output;
    }
}
