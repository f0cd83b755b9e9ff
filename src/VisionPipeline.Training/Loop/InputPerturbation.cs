using VisionPipeline.Core.Tensors;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Loop;

/// <summary>
/// Converts amounts given in 0–1 pixel units into the network's input units, channel by channel: the input is
/// (pixel·Scale − Mean)/Std with pixels in 0–255, so a change δ of a 0–1 pixel is δ·255·Scale/Std[c].
/// </summary>
public sealed class InputPerturbation(TensorSpec spec)
{
    /// <summary>[1, 3, 1, 1] per-channel factors that turn a 0–1 pixel amount into input units.</summary>
    public Tensor PerChannel(double amount) =>
        tensor(Enumerable.Range(0, 3).Select(c => (float)(amount * 255 * spec.Scale / spec.Std[c])).ToArray(), [1, 3, 1, 1]);

    /// <summary>The images with Gaussian noise of standard deviation <paramref name="std"/> (0–1 pixel units).</summary>
    public Tensor Noise(Tensor images, double std)
    {
        using var scale = PerChannel(std);
        using var noise = randn_like(images);
        return images + noise * scale;
    }

    /// <summary>FGSM (Goodfellow et al. 2015): the images moved by ε along the sign of the loss gradient.</summary>
    public Tensor Adversarial(Tensor images, Tensor gradient, double epsilon)
    {
        using var scale = PerChannel(epsilon);
        using var sign = gradient.sign();
        return (images + sign * scale).detach();
    }
}
