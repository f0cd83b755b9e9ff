using OpenCvSharp;
using VisionPipeline.Augmentation.Samples;

namespace VisionPipeline.Augmentation.Transforms.Photometric;

/// <summary>Output channel i takes input channel Order[i].</summary>
public sealed record ShuffleParams(int[] Order) : TransformParams;

/// <summary>A random permutation of the colour channels; one mixChannels call.</summary>
public sealed class ChannelShuffle : PhotometricTransform<ShuffleParams>
{
    public override string Name => "channel_shuffle";

    protected override ShuffleParams Sample(Sample sample, AugmentContext context)
    {
        var order = Enumerable.Range(0, sample.Image.Channels()).ToArray();
        context.Random.Shuffle(order);
        return new ShuffleParams(order);
    }

    public override Mat ApplyToImage(Mat image, ShuffleParams p)
    {
        var output = new Mat(image.Size(), image.Type());
        var fromTo = new int[p.Order.Length * 2];
        for (int i = 0; i < p.Order.Length; i++)
        {
            fromTo[2 * i] = p.Order[i];
            fromTo[2 * i + 1] = i;
        }
        Cv2.MixChannels([image], [output], fromTo);
        return output;
    }
}
