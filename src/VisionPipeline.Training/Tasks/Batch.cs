using TorchSharp;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tasks;

/// <summary>A box to detect, in the network's input pixels (after resize/letterbox and augmentation).</summary>
public readonly record struct DetectionTarget(float X1, float Y1, float X2, float Y2, int ClassId);

/// <summary>
/// One minibatch on the training device: images in the exported model's input space (the decoder's default
/// preprocessing, see <see cref="ITrainingTask.InputSpec"/>) and the targets of the task.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>Label of pixels that count for nothing in segmentation (unlabelled, or padding).</summary>
    public const long IgnoreIndex = 255;

    /// <summary>[N, 3, H, W] float32.</summary>
    public required Tensor Images { get; init; }

    /// <summary>Classification: [N] int64 class indices.</summary>
    public Tensor? Labels { get; init; }

    /// <summary>Segmentation: [N, H, W] int64 class per pixel, <see cref="IgnoreIndex"/> where unknown.</summary>
    public Tensor? Masks { get; init; }

    /// <summary>Detection: the boxes of each image.</summary>
    public IReadOnlyList<DetectionTarget[]>? Boxes { get; init; }

    public int Count => (int)Images.shape[0];

    /// <summary>The same targets with other images (noise injection, adversarial examples); the caller disposes the images.</summary>
    public Batch WithImages(Tensor images) => new() { Images = images, Labels = Labels, Masks = Masks, Boxes = Boxes, _ownsTargets = false };

    private bool _ownsTargets = true;

    public void Dispose()
    {
        if (!_ownsTargets) return;
        Images.Dispose();
        Labels?.Dispose();
        Masks?.Dispose();
    }
}
